/**
 * Demo mode's chargers answer on 127.0.0.0/8, and nothing demo mode does may
 * reach another machine: an address typed in, a scan's range, a job's
 * chargers, all are refused off loopback before any request (and before a
 * host name is looked up, which would itself go out to a name server).
 */
import { AppError } from '@shared/contract'
import { isLoopbackAddress } from '@shared/devices/evse/range'
import type { ModuleContext } from '../../core/module'

/** The address part of `host` or `host:port`. */
export function addressOf(host: string): string {
  const colon = host.lastIndexOf(':')
  return colon < 0 ? host : host.slice(0, colon)
}

/** Demo mode: the saved setting, or this run's (the CLI's `--demo`). */
export const inDemo = ({ settings, platform }: Pick<ModuleContext, 'settings' | 'platform'>): boolean => settings.get().demoMode || Boolean(platform.demo)

/** Throws `evseDemoNotLoopback` for the first of `hosts` off 127.0.0.0/8 while demo mode is on; outside demo mode it lets every address through. */
export function refuseOffLoopbackInDemo(ctx: Pick<ModuleContext, 'settings' | 'platform'>, hosts: readonly string[]): void {
  if (!inDemo(ctx)) return
  const outside = hosts.map(addressOf).find((address) => !isLoopbackAddress(address))
  if (outside !== undefined) throw new AppError('evseDemoNotLoopback', { address: outside })
}

/**
 * Demo mode contacts loopback only: every method that names a charger refuses
 * an address off 127.0.0.0/8 with the scan's reason, before any request and
 * before any record. `fetch` is watched (and never lets an address off
 * loopback through, so this test sends nothing out whatever the code does).
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { InvokeResult } from '@shared/contract'
import { isLoopbackAddress } from '@shared/devices/evse/range'
import { VirtualClock } from '../../core/clock'
import type { Core } from '../../core/core'
import { dispatch } from '../../core/dispatch'
import { testCore } from '../../core/test-core'
import { MemoryLogger } from '../../log/logger'
import { addressOf } from './demo-loopback'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  vi.restoreAllMocks()
  for (const c of cleanups.splice(0).reverse()) await c()
})

/** every URL fetched; one off loopback fails as an unreachable address does, without going out */
function watchFetch(): string[] {
  const fetched: string[] = []
  const real = globalThis.fetch
  vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    const url = input instanceof Request ? input.url : String(input)
    fetched.push(url)
    if (!isLoopbackAddress(new URL(url).hostname)) return Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error('connect ENETUNREACH'), { code: 'ENETUNREACH' }) }))
    return real(input, init)
  })
  return fetched
}

async function call(core: Core, method: string, payload?: unknown): Promise<InvokeResult<unknown>> {
  return (await dispatch(core.handlers, method as never, payload, new MemoryLogger())) as InvokeResult<unknown>
}

async function demoCore(): Promise<Core> {
  const made = await testCore({ clock: new VirtualClock(undefined, true), languages: ['en'] })
  cleanups.push(made.cleanup)
  const on = await call(made.core, 'updateSettings', { demoMode: true })
  expect(on.ok).toBe(true)
  return made.core
}

const LAN = '192.0.2.10'

describe('demo mode reaches loopback chargers only', () => {
  it('splits the address from its port', () => {
    expect(addressOf('192.0.2.10:8080')).toBe('192.0.2.10')
    expect(addressOf('127.0.0.2')).toBe('127.0.0.2')
  })

  it('refuses an address off loopback in every method that names a charger, with the scan’s reason, and sends nothing', async () => {
    const core = await demoCore()
    const fetched = watchFetch()
    const refused = { ok: false, error: { code: 'evseDemoNotLoopback', params: { address: LAN } } }
    const calls: [string, object][] = [
      ['evseConnect', { host: LAN }],
      ['evseConnect', { host: `${LAN}:8080` }],
      ['evseLiveStart', { host: LAN }],
      ['evseWriteConfig', { host: LAN, config: { ChargeCurrent: 10 } }],
      ['evseToggle', { host: LAN, action: 'start' }],
      ['evseServiceStart', { host: LAN, action: 'updateCheck' }],
      ['evseSiteApply', { template: 'Site', hosts: ['127.0.0.2', LAN] }],
      ['evseSetupStart', { host: LAN }],
      ['evseScan', { range: `${LAN}-12` }],
    ]
    for (const [method, payload] of calls) expect(await call(core, method, payload), method).toEqual(refused)
    // a host name would first be looked up by a name server, off this machine
    expect(await call(core, 'evseConnect', { host: 'charger.local' })).toEqual({ ok: false, error: { code: 'evseDemoNotLoopback', params: { address: 'charger.local' } } })
    expect(fetched).toEqual([])
    expect(((await call(core, 'searchRecords', {})) as { value: { total: number } }).value.total).toBe(0)
  })

  it('outside demo mode the address typed in is asked', async () => {
    const made = await testCore({ clock: new VirtualClock(undefined, true), languages: ['en'] })
    cleanups.push(made.cleanup)
    const fetched = watchFetch()
    const r = await call(made.core, 'evseConnect', { host: LAN })
    expect(r).toMatchObject({ ok: true, value: { statusError: { code: 'evseUnreachable', params: { host: LAN } } } })
    expect(fetched).toEqual([`http://${LAN}/webapi/v1/Status`])
  })
})

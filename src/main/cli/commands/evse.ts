/**
 * `fieldbench evse status|meters|config get|config set|backup|restore|start|
 * stop|boost|limit|service --host H [--port N]`: a charger on the LAN from the
 * command line. Reads print what the charger said; writes are in
 * `evse-write.ts`, service codes in `evse-service.ts`. Exit 2 for bad input,
 * 1 when the charger refused or the effect was not seen, 3 when it did not
 * answer.
 */
import { EVSE_HOST_PATTERN } from '@shared/contract'
import type { EvseStatus } from '@shared/devices/evse/answers'
import type { MeterReading } from '@shared/devices/evse/meter'
import { evseStateKey, evseStateName, isEvseErrorState } from '@shared/devices/evse/states'
import { type Clock, systemClock } from '../../core/clock'
import { EvseClient } from '../../devices/evse/client'
import { EXIT, type Out, table, UsageError } from '../output'
import { serviceAction, serviceCommand } from './evse-service'
import { backup, boostAction, configSet, limitCommand, toggleCommand, wattsOf } from './evse-write'

export interface EvseOptions {
  host?: string
  port?: number
  file?: string
  /** confirms a service code that cannot be undone */
  yes?: boolean
  dataDir?: string
  /** tests run against a simulator on their own clock */
  clock?: Clock
}

/** the `evse` commands of this file (`evse scan` and `evse test` have their own) */
export const EvseCommandWords = ['status', 'meters', 'config get', 'config set', 'backup', 'restore', 'start', 'stop', 'boost', 'limit', 'service'] as const

/** The charger's address with its port: given once, in --host or by --port. */
function hostOf(out: Out, options: EvseOptions): string {
  if (!options.host) throw new UsageError(out.t('evse:cli.needHost'))
  if (!EVSE_HOST_PATTERN.test(options.host)) throw new UsageError(out.t('evse:cli.badHost', { host: options.host }))
  if (options.port === undefined) return options.host
  if (options.host.includes(':')) throw new UsageError(out.t('evseService:cli.portTwice', { host: options.host }))
  return `${options.host}:${options.port}`
}

export async function evseCommand(out: Out, sub: string | undefined, arg: string | undefined, options: EvseOptions): Promise<number> {
  const words = [sub, sub === 'config' ? arg : undefined].filter(Boolean).join(' ')
  if (!(EvseCommandWords as readonly string[]).includes(words)) throw new UsageError(`${out.t('cli:unknownCommand', { command: ['evse', sub, arg].filter(Boolean).join(' ') })}\n\n${out.t('evse:cli.help')}`)
  // the command's own input is checked before the charger is asked anything
  const watts = sub === 'limit' ? wattsOf(out, arg) : 0
  const boost = sub === 'boost' ? boostAction(out, arg) : null
  const action = sub === 'service' ? serviceAction(out, arg, Boolean(options.yes)) : null
  const host = hostOf(out, options)
  const clock = options.clock ?? systemClock
  if (action) return serviceCommand(out, { host, action, dataDir: options.dataDir, clock: options.clock })
  const client = new EvseClient({ host, clock })
  if (words === 'config set' || sub === 'restore') return configSet(out, client, options.file)
  if (sub === 'backup') return backup(out, client, options.file, clock)
  if (sub === 'start' || sub === 'stop') return toggleCommand(out, client, clock, sub)
  if (boost) return toggleCommand(out, client, clock, boost)
  if (sub === 'limit') return limitCommand(out, client, clock, watts)
  if (sub === 'status') {
    const status = await client.status()
    out.print({ host: client.host, stateName: evseStateName(status.state), ...status }, () => statusText(out, client.host, status))
  } else if (sub === 'meters') {
    const meters = [await client.meter(1), await client.meter(2)]
    const status = await client.status()
    const errors = [status.meter1Errors, status.meter2Errors]
    out.print({ host: client.host, meters: meters.map((m, i) => ({ meter: i + 1, errors: errors[i], ...m })) }, () =>
      meters.map((m, i) => metersText(out, i + 1, errors[i] ?? null, m)).join('\n\n'),
    )
  } else {
    const answer = await client.config()
    out.print({ host: client.host, ...answer }, () =>
      table([[out.t('evse:cli.field'), out.t('evse:cli.value')], ...Object.entries(answer.config).map(([k, v]) => [k, String(v)])]),
    )
  }
  return EXIT.ok
}

function health(out: Out, errors: number | null): string {
  if (errors === null) return '—'
  return errors > 0 ? out.t('evse:meterHealth.errors', { count: errors }) : out.t('evse:meterHealth.ok')
}

function statusText(out: Out, host: string, s: EvseStatus): string {
  const yes = (v: boolean | null) => (v === null ? '—' : out.t(v ? 'common:yes' : 'common:no'))
  const num = (v: number | null, digits = 0) => (v === null ? '—' : v.toFixed(digits))
  const name = evseStateName(s.state)
  const wifi = s.wifi ? `${s.wifi.ssid}${s.wifi.percent === null ? '' : ` ${s.wifi.percent}%`}` : '—'
  const lines = [
    out.t('evse:cli.charger', { host, version: s.systemVersion ?? '—', wifi }),
    name
      ? out.t('evse:cli.state', { state: out.t(`evse:stateName.${evseStateKey(name)}`), code: s.state, explain: out.t(`evse:stateExplain.${evseStateKey(name)}`) })
      : out.t('evse:stateUnknown', { code: s.state }),
  ]
  if (name && isEvseErrorState(s.state)) lines.push(out.t('evse:cli.check', { check: out.t(`evse:stateCheck.${evseStateKey(name)}`) }))
  lines.push(
    out.t('evse:cli.session', { started: yes(s.started), boosted: yes(s.boosted), threePhase: yes(s.threePhase), startStop: yes(s.startStopAllowed) }),
    out.t('evse:cli.power', { current: num(s.currentA, 1), power: num(s.powerW), available: num(s.powerAvailableW) }),
    out.t('evse:cli.energy', { energy: s.energyWs === null ? '—' : (s.energyWs / 3_600_000).toFixed(3), duration: durationText(s.durationS) }),
    out.t('evse:cli.meter', { meter: 1, health: health(out, s.meter1Errors) }),
    out.t('evse:cli.meter', { meter: 2, health: health(out, s.meter2Errors) }),
  )
  return lines.join('\n')
}

function durationText(seconds: number | null): string {
  if (seconds === null) return '—'
  return [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60].map((n) => String(n).padStart(2, '0')).join(':')
}

function metersText(out: Out, meter: number, errors: number | null, m: MeterReading): string {
  const title = out.t('evse:cli.meterTitle', { meter, health: health(out, errors) })
  if (!m.registers.length) return `${title}\n${out.t('evse:cli.noRegisters')}`
  const c = (k: string) => out.t(`evse:columns.${k}`)
  const rows = m.registers.map((r) => [r.key, r.name ?? '—', r.value === null ? '—' : String(Number(r.value.toFixed(4))), r.unit ?? '', String(r.errors ?? '—'), out.t(`evse:freshness.${r.freshness}`)])
  return `${title}\n${table([[c('register'), c('description'), c('value'), c('unit'), c('errors'), c('freshness')], ...rows])}`
}

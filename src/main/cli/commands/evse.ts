/**
 * `fieldbench evse status|meters|config get --host H`: a charger on the LAN
 * read from the command line. Reads only; a device error exits 3.
 */
import { EVSE_HOST_PATTERN } from '@shared/contract'
import type { EvseStatus } from '@shared/devices/evse/answers'
import type { MeterReading } from '@shared/devices/evse/meter'
import { evseStateKey, evseStateName, isEvseErrorState } from '@shared/devices/evse/states'
import { systemClock } from '../../core/clock'
import { EvseClient } from '../../devices/evse/client'
import { EXIT, type Out, table, UsageError } from '../output'

export interface EvseOptions {
  host?: string
}

export async function evseCommand(out: Out, sub: string | undefined, arg: string | undefined, options: EvseOptions): Promise<number> {
  const known = sub === 'status' || sub === 'meters' || (sub === 'config' && arg === 'get')
  if (!known) throw new UsageError(`${out.t('cli:unknownCommand', { command: ['evse', sub, arg].filter(Boolean).join(' ') })}\n\n${out.t('evse:cli.help')}`)
  if (!options.host) throw new UsageError(out.t('evse:cli.needHost'))
  if (!EVSE_HOST_PATTERN.test(options.host)) throw new UsageError(out.t('evse:cli.badHost', { host: options.host }))
  const client = new EvseClient({ host: options.host, clock: systemClock })
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

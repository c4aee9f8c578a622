/**
 * What the setup job writes into its record: the charger as found, the
 * backup, each configured field as before → after, the test charge's checks
 * and its curve for the report's chart, and the closing verdict.
 */
import type { ConfigWriteResult, EvseIdentity, JsonValue, Measurement, StepVerdict, TestChargeSample } from '@shared/contract'
import { type EvseConfig, EvseConfigFields } from '@shared/devices/evse/config'
import { isEvseErrorState } from '@shared/devices/evse/states'
import type { StepOutcome } from '../../flows/recorded-job'
import type { TestChargeResult } from './test-charge'

/** the report's chart keeps at most this many points of the test charge */
const CHART_POINTS = 240

/** A SystemConfig field's measurement key: the document's name in camel case (ChargeCurrent → chargeCurrent). */
export const fieldKey = (field: string): string => field[0]!.toLowerCase() + field.slice(1)

/** the units of the configuration's figures, as the document gives them */
const FIELD_UNITS: Partial<Record<keyof EvseConfig, string>> = { ChargeCurrent: 'A', ChargeCurrentBoost: 'A', PhaseCurrentLimit: 'A', ControlLimit: 'W' }
const unitOf = (field: keyof EvseConfig) => (FIELD_UNITS[field] ? { unit: FIELD_UNITS[field] } : {})

const shown = (value: unknown): string | number | boolean => (typeof value === 'number' || typeof value === 'boolean' || (typeof value === 'string' && value !== '') ? value : '—')

export function identityMeasurements(identity: EvseIdentity): Measurement[] {
  const m: Measurement[] = [
    { key: 'productType', value: identity.productType ?? '—' },
    { key: 'firmware', value: identity.firmware ?? '—' },
    { key: 'mac', value: identity.mac ?? '—' },
  ]
  if (identity.wifi?.percent != null) m.push({ key: 'wifiSignal', value: identity.wifi.percent, unit: '%' })
  if (identity.wifi?.rssiDbm != null) m.push({ key: 'wifiRssi', value: identity.wifi.rssiDbm, unit: 'dBm' })
  m.push(
    { key: 'chargerState', value: identity.state, verdict: isEvseErrorState(identity.state) ? 'fail' : 'pass' },
    { key: 'generalInfo', value: identity.generalInfo ?? '—' },
  )
  return m
}

export function backupMeasurements(backup: Partial<EvseConfig>): Measurement[] {
  return EvseConfigFields.filter((f) => backup[f.key] !== undefined).map((f) => ({ key: fieldKey(f.key), value: shown(backup[f.key]), ...unitOf(f.key) }))
}

/** Each field written, as before → after, with what was asked when the charger holds something else; the first reason a field was not taken is the note. */
export function configureOutcome(write: ConfigWriteResult): StepOutcome {
  const measurements: Measurement[] = write.fields.map((f) => ({
    key: fieldKey(f.field),
    before: shown(f.before),
    value: shown(f.after),
    ...(f.applied ? {} : { target: shown(f.wanted) }),
    ...unitOf(f.field),
    verdict: f.applied ? 'pass' : 'fail',
  }))
  if (!write.sent && write.ok) return { verdict: 'pass', note: 'nothingToChange', measurements }
  const firstReason = write.fields.find((f) => !f.applied)?.reason ?? null
  const note = firstReason ? `notApplied${firstReason[0]!.toUpperCase()}${firstReason.slice(1)}` : write.restarted ? 'restartedDuringWrite' : write.changedElsewhere.length ? 'changedElsewhere' : null
  return { verdict: write.ok ? 'pass' : 'fail', note, measurements }
}

export function testChargeOutcome(result: TestChargeResult): StepOutcome {
  return { verdict: result.verdict, note: result.failure, measurements: result.checks }
}

export function verdictOutcome(verdicts: (StepVerdict | null | undefined)[], stoppedBy: string | null = null): StepOutcome {
  const failed = verdicts.filter((v) => v === 'fail').length
  return {
    verdict: 'info',
    note: stoppedBy ? 'setupStopped' : failed ? 'notReady' : 'readyToHandOver',
    measurements: [
      { key: 'stepsPassed', value: verdicts.filter((v) => v === 'pass').length },
      { key: 'stepsFailed', value: failed, max: 0, verdict: failed ? 'fail' : 'pass' },
    ],
  }
}

/** The test charge's curve, thinned to the chart's points: seconds from the start, current [A], power [W], energy [Wh]. */
export function chartMeta(samples: readonly TestChargeSample[]): JsonValue {
  const start = samples[0]?.at ?? 0
  const step = Math.max(1, Math.ceil(samples.length / CHART_POINTS))
  const points = samples
    .filter((_, i) => i % step === 0 || i === samples.length - 1)
    .map((s) => [Math.round((s.at - start) / 100) / 10, s.currentA ?? 0, s.powerW ?? 0, Math.round((s.energyWh ?? 0) * 10) / 10])
  return { start, points }
}

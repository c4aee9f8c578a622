/**
 * What the test charge reads from the charger's meters: meter 1's import
 * counter, and each fitted meter's health (Meter1Status / Meter2Status
 * climbing during the test, registers that went stale).
 */
import type { Measurement } from '@shared/contract'
import type { EvseStatus } from '@shared/devices/evse/answers'
import type { MeterReading } from '@shared/devices/evse/meter'
import type { EvseClient } from './client'

/** the registers that count imported energy, first choice first (the document's map: TotalImport, then the resettable one) */
const IMPORT_REGISTERS = ['TotalImport', 'ResettableImportActiveEnergy', 'Total']

/** Meter 1's import counter [kWh], or null when no fresh import register is there. */
export function importKWh(reading: MeterReading): number | null {
  for (const name of IMPORT_REGISTERS) {
    const register = reading.registers.find((r) => r.name === name && r.unit?.toLowerCase() === 'kwh')
    if (register && register.freshness === 'valid' && register.value !== null) return register.value
  }
  return null
}

export async function meterHealth(
  client: EvseClient,
  meter: 1 | 2,
  first: EvseStatus,
  last: EvseStatus,
  signal: AbortSignal,
): Promise<{ measurement: Measurement; note: string | null }[]> {
  const [before, after] = meter === 1 ? [first.meter1Errors, last.meter1Errors] : [first.meter2Errors, last.meter2Errors]
  const grew = before !== null && after !== null ? Math.max(0, after - before) : null
  const found: { measurement: Measurement; note: string | null }[] = [
    { measurement: { key: `meterErrors${meter}`, value: grew ?? '—', max: 0, verdict: grew === 0 ? 'pass' : 'fail' }, note: 'meterErrors' },
  ]
  let stale: number | string = '—'
  try {
    const reading = await client.meter(meter, signal)
    stale = reading.registers.length ? reading.registers.filter((r) => r.freshness !== 'valid').length : '—'
  } catch (err) {
    if (signal.aborted) throw err
  }
  found.push({ measurement: { key: `meterStale${meter}`, value: stale, max: 0, verdict: stale === 0 ? 'pass' : 'fail' }, note: 'meterStale' })
  return found
}

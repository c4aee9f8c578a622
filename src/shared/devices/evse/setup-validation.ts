/**
 * The setup form's rules: what an installer may ask the charger to take,
 * each refusal with a reason code (`evseSetup:invalid.<code>`) and its
 * figures. Stricter than the charger's own ranges where a value would be a
 * mistake on site (boost below the normal current, an IP meter without an
 * address). Pure: the form and the job check the same way.
 */
import type { EvseSetupIssue } from '../../contract/evse/setup'
import { type EvseConfig, EvseConfigRanges, isIpv4, meterTypeNeedsIp } from './config'

/** the lowest power a charger may offer on one phase: 6 A (IEC 61851) at 230 V */
export const MIN_CHARGE_POWER_W = 6 * 230

const NUMERIC: readonly (keyof EvseConfig)[] = ['ChargerMode', 'LockMethod', 'ChargeCurrent', 'ChargeCurrentBoost', 'Meter1Type', 'Meter2Type', 'PhaseCurrentLimit', 'ControlStrategy', 'ControlLimit']

/** Issues of `target` taken over `current` (the charger's configuration as read): empty when it may be written. */
export function validateSetupTarget(target: Partial<EvseConfig>, current: Partial<EvseConfig>): EvseSetupIssue[] {
  const issues: EvseSetupIssue[] = []
  const merged: Partial<EvseConfig> = { ...current, ...target }
  for (const field of NUMERIC) {
    const value = target[field]
    if (value === undefined) continue
    const [min, max] = EvseConfigRanges[field]!
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) issues.push({ field, code: 'outOfRange', params: { min, max } })
  }
  const bad = new Set(issues.map((i) => i.field))
  // the document: the lock method applies only to mode 3 case B (a socket, the cable the EV's)
  if (target.LockMethod !== undefined && target.LockMethod !== current.LockMethod && merged.ChargerMode !== 1 && !bad.has('LockMethod')) {
    issues.push({ field: 'LockMethod', code: 'lockOnlyCaseB', params: {} })
  }
  const charge = merged.ChargeCurrent
  const boost = merged.ChargeCurrentBoost
  if (typeof charge === 'number' && typeof boost === 'number' && boost < charge && !bad.has('ChargeCurrentBoost') && !bad.has('ChargeCurrent')) {
    issues.push({ field: 'ChargeCurrentBoost', code: 'boostBelowCharge', params: { current: charge } })
  }
  for (const [type, ip] of [['Meter1Type', 'Meter1Ip'], ['Meter2Type', 'Meter2Ip']] as const) {
    const address = merged[ip]
    if (target[ip] !== undefined && target[ip] !== '' && !isIpv4(target[ip])) issues.push({ field: ip, code: 'ipInvalid', params: { ip: String(target[ip]).slice(0, 40) } })
    else if (!bad.has(type) && meterTypeNeedsIp(merged[type]) && !isIpv4(address) && (target[type] !== undefined || target[ip] !== undefined)) issues.push({ field: ip, code: 'ipRequired', params: {} })
  }
  if (merged.ControlStrategy === 1 && typeof merged.ControlLimit === 'number' && merged.ControlLimit > 0 && merged.ControlLimit < MIN_CHARGE_POWER_W && !bad.has('ControlLimit')) {
    issues.push({ field: 'ControlLimit', code: 'limitBelowMinimum', params: { min: MIN_CHARGE_POWER_W } })
  }
  return issues
}

/**
 * A SystemConfig write: only the fields that change (with an IP meter's
 * address alongside its type, as the document requires), posted once, then
 * read back and compared field by field. A 200 answer proves nothing: a
 * field the charger did not take is reported as not applied, with the
 * likely reason.
 */
import type { ConfigWriteResult, FieldOutcome, NotAppliedReason } from '@shared/contract'
import { configDiff, type EvseConfig, type EvseConfigField, EvseConfigFields, EvseConfigRanges, isIpv4, meterTypeNeedsIp } from '@shared/devices/evse/config'
import type { EvseClient } from './client'
import { errorCode } from './errors'

export type { ConfigWriteResult, FieldOutcome, NotAppliedReason } from '@shared/contract'

const METER_IPS = [['Meter1Type', 'Meter1Ip'], ['Meter2Type', 'Meter2Ip']] as const

/**
 * The body for a write: the differing fields, and for an IP meter type its
 * address too. An IP meter type with no valid address to send is held back
 * (the charger would refuse it, or worse take it with no meter to reach), and
 * an empty meter address is never sent: both come back as `withheld`.
 */
export function writeBody(current: Partial<EvseConfig>, wanted: Partial<EvseConfig>): { body: Partial<EvseConfig>; withheld: { field: EvseConfigField; reason: NotAppliedReason }[] } {
  const body: Partial<EvseConfig> = {}
  const withheld: { field: EvseConfigField; reason: NotAppliedReason }[] = []
  for (const key of configDiff(current, wanted)) (body as Record<string, unknown>)[key] = wanted[key]
  for (const [type, ip] of METER_IPS) {
    if (body[ip] === '') {
      delete body[ip]
      withheld.push({ field: ip, reason: 'emptyIp' })
    }
    if (body[type] === undefined || !meterTypeNeedsIp(body[type])) continue
    const address = body[ip] ?? current[ip]
    if (isIpv4(address)) body[ip] = address
    else {
      delete body[type]
      withheld.push({ field: type, reason: 'ipMeterNeedsIp' })
    }
  }
  return { body, withheld }
}

export function likelyReason(field: EvseConfigField, body: Partial<EvseConfig>, answerLost: boolean): NotAppliedReason {
  const value = body[field]
  const range = EvseConfigRanges[field]
  if (range && (typeof value !== 'number' || value < range[0] || value > range[1])) return 'outOfRange'
  if ((field === 'Meter1Ip' || field === 'Meter2Ip') && typeof value === 'string' && value !== '' && !isIpv4(value)) return 'outOfRange'
  if ((field === 'Meter1Type' || field === 'Meter2Type') && meterTypeNeedsIp(value as number)) {
    const ip = body[field === 'Meter1Type' ? 'Meter1Ip' : 'Meter2Ip']
    if (!isIpv4(ip)) return 'ipMeterNeedsIp'
  }
  return answerLost ? 'answerLost' : 'ignored'
}

export async function writeConfig(client: EvseClient, wanted: Partial<EvseConfig>, signal?: AbortSignal): Promise<ConfigWriteResult> {
  const before = (await client.config(signal)).config
  const { body, withheld } = writeBody(before, wanted)
  const held: FieldOutcome[] = withheld.map(({ field, reason }) => ({ field, before: before[field], wanted: wanted[field], after: before[field], applied: false, reason }))
  if (!Object.keys(body).length) {
    return { sent: null, answerError: null, fields: held, changedElsewhere: [], restarted: false, ok: held.length === 0 }
  }
  let answerError: string | null = null
  try {
    await client.writeConfig(body, signal)
  } catch (err) {
    if (signal?.aborted) throw err
    // a lost answer is not a failed write: the read-back decides
    answerError = errorCode(err)
  }
  const back = await client.config(signal)
  const after = back.config
  // an address sent only to go with its meter type, unchanged, is no change of its own to report
  const differing = new Set(configDiff(before, wanted))
  const changed = (Object.keys(body) as EvseConfigField[]).filter((field) => differing.has(field))
  const fields: FieldOutcome[] = changed.map((field) => {
    const applied = after[field] === body[field]
    return { field, before: before[field], wanted: body[field], after: after[field], applied, reason: applied ? null : likelyReason(field, body, answerError !== null) }
  })
  for (const h of held) h.after = after[h.field]
  const changedElsewhere = EvseConfigFields.map((f) => f.key).filter((k) => body[k] === undefined && !withheld.some((w) => w.field === k) && before[k] !== after[k])
  const all = [...fields, ...held]
  return { sent: body, answerError, fields: all, changedElsewhere, restarted: back.restarted, ok: all.every((f) => f.applied) }
}

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

/** The body for a write: the differing fields, and for an IP meter type its address too. */
export function writeBody(current: Partial<EvseConfig>, wanted: Partial<EvseConfig>): Partial<EvseConfig> {
  const body: Partial<EvseConfig> = {}
  for (const key of configDiff(current, wanted)) (body as Record<string, unknown>)[key] = wanted[key]
  for (const [type, ip] of [['Meter1Type', 'Meter1Ip'], ['Meter2Type', 'Meter2Ip']] as const) {
    if (body[type] !== undefined && meterTypeNeedsIp(body[type]) && body[ip] === undefined) {
      const address = wanted[ip] ?? current[ip]
      if (address !== undefined) body[ip] = address
    }
  }
  return body
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
  const body = writeBody(before, wanted)
  if (!Object.keys(body).length) {
    return { sent: null, answerError: null, fields: [], changedElsewhere: [], restarted: false, ok: true }
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
  const fields: FieldOutcome[] = (Object.keys(body) as EvseConfigField[]).map((field) => {
    const applied = after[field] === body[field]
    return { field, before: before[field], wanted: body[field], after: after[field], applied, reason: applied ? null : likelyReason(field, body, answerError !== null) }
  })
  const changedElsewhere = EvseConfigFields.map((f) => f.key).filter((k) => body[k] === undefined && before[k] !== after[k])
  return { sent: body, answerError, fields, changedElsewhere, restarted: back.restarted, ok: fields.every((f) => f.applied) }
}

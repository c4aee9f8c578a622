/**
 * Service codes (Reset, FactoryDefault, WiFiSetToAP) and the firmware update
 * flags on SystemInfo. Each request is sent once; a restart is proven by the
 * charger's uptime starting again, a code's acceptance by the answer naming it.
 */
import type { EvseInfo } from '@shared/devices/evse/answers'
import type { Clock } from '../../core/clock'
import type { EvseClient } from './client'
import { errorCode } from './errors'

export const ServiceCodes = ['Reset', 'FactoryDefault', 'WiFiSetToAP'] as const
export type ServiceCode = (typeof ServiceCodes)[number]

// The table spells the key "SCode" (like its pair "SCodeData"), the example "Scode": the table is sent
// first, being the list of what the endpoint takes; the example's spelling only when the charger did not take it.
export const SCODE_KEYS = ['SCode', 'Scode'] as const
export type ScodeKey = (typeof SCODE_KEYS)[number]

/** how long a restart may take before it counts as not seen */
export const RESTART_DEADLINE_MS = 60_000
const RESTART_POLL_MS = 1000

export interface ServiceResult {
  code: ServiceCode
  /** each body posted, in order (a second only when the first spelling was answered without taking the code) */
  sent: Record<string, string>[]
  /** the key spelling the charger took, when it said so */
  keyTaken: ScodeKey | null
  answerError: string | null
  /** for Reset and FactoryDefault: the uptime was seen starting again */
  restartSeen: boolean | null
  outcome: 'confirmed' | 'notTaken' | 'notConfirmed'
}

const restarts = (code: ServiceCode) => code !== 'WiFiSetToAP'

export async function runServiceCode(client: EvseClient, clock: Clock, code: ServiceCode, signal?: AbortSignal, preferred: ScodeKey = 'SCode'): Promise<ServiceResult> {
  const keys = preferred === 'SCode' ? SCODE_KEYS : ([...SCODE_KEYS].reverse() as ScodeKey[])
  const startUptime = (await client.info(signal)).uptimeMs
  const sentAt = clock.now()
  const sent: Record<string, string>[] = []
  let keyTaken: ScodeKey | null = null
  let answerError: string | null = null
  for (const key of keys) {
    const body = { [key]: code, SCodeData: '' }
    sent.push(body)
    try {
      const answer = await client.postInfo(body, signal)
      // the charger names the code it runs ({"Reset": "Performing"}); an answer without it did not take the key
      if (answer[code] !== undefined) keyTaken = key
    } catch (err) {
      if (signal?.aborted) throw err
      // no answer: the charger may have taken it and gone down at once; never send it again
      answerError = errorCode(err)
    }
    if (keyTaken || answerError) break
  }
  if (!restarts(code)) {
    return { code, sent, keyTaken, answerError, restartSeen: null, outcome: keyTaken ? 'confirmed' : answerError ? 'notConfirmed' : 'notTaken' }
  }
  const restartSeen = keyTaken || answerError ? await waitForRestart(client, clock, startUptime, sentAt, signal) : false
  const outcome = restartSeen ? 'confirmed' : keyTaken || answerError ? 'notConfirmed' : 'notTaken'
  return { code, sent, keyTaken, answerError, restartSeen, outcome }
}

/**
 * Polls SystemInfo until the uptime is below where it was, or below where it
 * would be had the charger run on (less a second for the two clocks' drift),
 * or the deadline. A charger reset within a second of its own start cannot
 * be told from one that did not restart.
 */
async function waitForRestart(client: EvseClient, clock: Clock, startUptime: number, sentAt: number, signal?: AbortSignal): Promise<boolean> {
  for (;;) {
    await clock.sleep(RESTART_POLL_MS, signal)
    try {
      const info = await client.info(signal)
      const elapsed = clock.now() - sentAt
      if (info.restarted || info.uptimeMs < startUptime + elapsed - RESTART_POLL_MS) return true
    } catch (err) {
      if (signal?.aborted) throw err
    }
    if (clock.now() - sentAt >= RESTART_DEADLINE_MS) return false
  }
}

export interface OtaResult {
  request: 'UpdateCheckToggle' | 'UpdateRunToggle'
  /** false when the charger's flag did not allow it: nothing was sent */
  sent: boolean
  answerError: string | null
  info: EvseInfo | null
}

/** Asks for an update check, or runs the update, only when SystemInfo's flag allows it; returns SystemInfo after. */
export async function otaRequest(client: EvseClient, request: OtaResult['request'], signal?: AbortSignal): Promise<OtaResult> {
  const info = await client.info(signal)
  const allowed = request === 'UpdateCheckToggle' ? info.otaCheckAllowed : info.otaUpdateAllowed
  if (allowed !== true) return { request, sent: false, answerError: null, info }
  let answerError: string | null = null
  try {
    await client.postInfo({ [request]: true }, signal)
  } catch (err) {
    if (signal?.aborted) throw err
    answerError = errorCode(err)
  }
  const after = await client.info(signal).catch(() => null)
  return { request, sent: true, answerError, info: after }
}

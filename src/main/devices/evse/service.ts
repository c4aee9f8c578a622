/**
 * Service codes (Reset, FactoryDefault, WiFiSetToAP) and the firmware update
 * flags on SystemInfo. Each request is sent once, and what it did is proven
 * from the charger's state, never from its answer alone: a restart by the
 * uptime starting again (seen by any user of the charger), the access point
 * by SystemInfo, the firmware by its version.
 */
import type { EvseInfo } from '@shared/devices/evse/answers'
import type { Clock } from '../../core/clock'
import type { EvseClient } from './client'
import { errorNote } from './errors'

export const ServiceCodes = ['Reset', 'FactoryDefault', 'WiFiSetToAP'] as const
export type ServiceCode = (typeof ServiceCodes)[number]

// The table spells the key "SCode" (like its pair "SCodeData"), the example "Scode": the table's is sent, being the list of what the endpoint takes.
export const SCODE_KEYS = ['SCode', 'Scode'] as const
export type ScodeKey = (typeof SCODE_KEYS)[number]

/** how long a restart may take before it counts as not seen */
export const RESTART_DEADLINE_MS = 60_000
/**
 * A charger that answered without naming the code and kept its uptime running
 * this long did not take the key: only then is the other spelling sent (the
 * charger goes down within a second of a code it takes).
 */
export const NOT_TAKEN_MS = 10_000
/** how long the switch to the access point may take to show in SystemInfo */
export const AP_DEADLINE_MS = 15_000
export const SERVICE_POLL_MS = 1000

export type ServiceOutcome =
  /** the charger's state shows the code's effect */
  | 'confirmed'
  /** the charger answered, did not name the code, and nothing changed, for either spelling */
  | 'notTaken'
  /** sent (or its answer lost), and the effect did not show before the deadline */
  | 'notConfirmed'
  /** after the switch to its access point the charger stopped answering here, as it does when it leaves this network */
  | 'leftNetwork'

/** What a service code's effect looked like in the charger's state. */
export interface ServiceEffect {
  seen: boolean
  /** the first uptime read after the restart, or with the access point on */
  uptimeAfterMs: number | null
  /** from the first read without an answer to the first with one again */
  awayMs: number | null
  infoAfter: EvseInfo | null
  /** after the switch to its access point the charger stopped answering here */
  gone: boolean
}

export interface ServicePost {
  body: Record<string, string>
  answer: Record<string, unknown> | null
  /** why the answer was lost, as the record's note (`errorNote`: the code with the charger's address) */
  answerError: string | null
  /** the charger named the code in its answer, or the answer was lost (it may have taken it): never sent again */
  claimed: boolean
}

/** Posts one service code with one key spelling, once. */
export async function postServiceCode(client: EvseClient, code: ServiceCode, key: ScodeKey, signal?: AbortSignal): Promise<ServicePost> {
  const body = { [key]: code, SCodeData: '' }
  try {
    const answer = await client.postInfo(body, signal)
    // the charger names the code it runs ({"Reset": "Performing"}); one that does not may still have taken it
    return { body, answer, answerError: null, claimed: answer[code] !== undefined }
  } catch (err) {
    if (signal?.aborted) throw err
    // no answer: the charger may have taken it and gone down at once
    return { body, answer: null, answerError: errorNote(err), claimed: true }
  }
}

/** Waits for the code's effect: a restart (Reset, FactoryDefault) or the access point (WiFiSetToAP). */
export function waitForEffect(client: EvseClient, clock: Clock, code: ServiceCode, before: EvseInfo, mark: number, sentAt: number, claimed: boolean, signal?: AbortSignal): Promise<ServiceEffect> {
  const deadline = claimed ? (code === 'WiFiSetToAP' ? AP_DEADLINE_MS : RESTART_DEADLINE_MS) : NOT_TAKEN_MS
  return code === 'WiFiSetToAP' ? waitForAccessPoint(client, clock, before, sentAt, deadline, signal) : waitForRestart(client, clock, before.uptimeMs, mark, sentAt, deadline, signal)
}

export function serviceOutcome(effect: ServiceEffect, claimed: boolean): ServiceOutcome {
  return effect.seen ? 'confirmed' : effect.gone ? 'leftNetwork' : claimed ? 'notConfirmed' : 'notTaken'
}

export interface ServiceResult {
  code: ServiceCode
  /** each body posted, in order (a second only when the charger took nothing of the first) */
  sent: Record<string, string>[]
  /** the key spelling whose effect was seen */
  keyTaken: ScodeKey | null
  answer: Record<string, unknown> | null
  /** why the answer was lost, as the record's note (`errorNote`: the code with the charger's address) */
  answerError: string | null
  uptimeBeforeMs: number
  effect: ServiceEffect
  outcome: ServiceOutcome
}

/**
 * A service code sent with the table's spelling and proven from the
 * charger's state; the example's spelling follows only when the charger
 * neither named the code nor showed its effect (the recorded job takes the
 * same path step by step).
 */
export async function runServiceCode(client: EvseClient, clock: Clock, code: ServiceCode, signal?: AbortSignal): Promise<ServiceResult> {
  const before = await client.info(signal)
  const sent: Record<string, string>[] = []
  let last: { post: ServicePost; effect: ServiceEffect; key: ScodeKey } | null = null
  for (const key of SCODE_KEYS) {
    const mark = client.restarts
    const sentAt = clock.now()
    const post = await postServiceCode(client, code, key, signal)
    sent.push(post.body)
    const effect = await waitForEffect(client, clock, code, before, mark, sentAt, post.claimed, signal)
    last = { post, effect, key }
    if (effect.seen || effect.gone || post.claimed) break
  }
  const { post, effect, key } = last!
  return { code, sent, keyTaken: effect.seen ? key : null, answer: post.answer, answerError: post.answerError, uptimeBeforeMs: before.uptimeMs, effect, outcome: serviceOutcome(effect, post.claimed) }
}

/**
 * Reads SystemInfo until a restart shows: a restart counted by any user of
 * the charger since `mark`, or an uptime below where it would be had the
 * charger run on (less a read's time). Ends at the deadline on the clock.
 */
export async function waitForRestart(client: EvseClient, clock: Clock, uptimeBeforeMs: number, mark: number, sentAt: number, deadlineMs: number, signal?: AbortSignal): Promise<ServiceEffect> {
  let awaySince: number | null = null
  let infoAfter: EvseInfo | null = null
  for (;;) {
    await clock.sleep(SERVICE_POLL_MS, signal)
    try {
      const info = await client.info(signal)
      infoAfter = info
      const elapsed = clock.now() - sentAt
      if (client.restarts > mark || info.uptimeMs < uptimeBeforeMs + elapsed - SERVICE_POLL_MS) {
        return { seen: true, uptimeAfterMs: info.uptimeMs, awayMs: awaySince === null ? null : clock.now() - awaySince, infoAfter, gone: false }
      }
    } catch (err) {
      if (signal?.aborted) throw err
      awaySince ??= clock.now()
    }
    if (clock.now() - sentAt >= deadlineMs) return { seen: false, uptimeAfterMs: null, awayMs: null, infoAfter, gone: false }
  }
}

/** SystemInfo in access point mode: the firmware refuses updates there and says so (the document's own example). */
export function showsAccessPoint(info: EvseInfo, before: EvseInfo): boolean {
  if (info.otaMessage && /\bAP\b/.test(info.otaMessage) && info.otaMessage !== before.otaMessage) return true
  const ssidChanged = info.wifi !== null && before.wifi !== null && info.wifi.ssid !== before.wifi.ssid
  return ssidChanged || (before.otaCheckAllowed === true && info.otaCheckAllowed === false)
}

async function waitForAccessPoint(client: EvseClient, clock: Clock, before: EvseInfo, sentAt: number, deadlineMs: number, signal?: AbortSignal): Promise<ServiceEffect> {
  let infoAfter: EvseInfo | null = null
  for (;;) {
    await clock.sleep(SERVICE_POLL_MS, signal)
    try {
      const info = await client.info(signal)
      infoAfter = info
      if (showsAccessPoint(info, before)) return { seen: true, uptimeAfterMs: info.uptimeMs, awayMs: null, infoAfter, gone: false }
    } catch (err) {
      if (signal?.aborted) throw err
      // a read rides out a few seconds without an answer before it fails: the charger has left this network for its own
      return { seen: false, uptimeAfterMs: null, awayMs: null, infoAfter, gone: true }
    }
    if (clock.now() - sentAt >= deadlineMs) return { seen: false, uptimeAfterMs: null, awayMs: null, infoAfter, gone: false }
  }
}

export interface OtaResult {
  request: 'UpdateCheckToggle' | 'UpdateRunToggle'
  /** false when the charger's flag did not allow it: nothing was sent */
  sent: boolean
  answer: Record<string, unknown> | null
  /** why the answer was lost, as the record's note (`errorNote`: the code with the charger's address) */
  answerError: string | null
  before: EvseInfo
  info: EvseInfo | null
}

/** Asks for an update check, or runs the update, only when SystemInfo's flag allows it; returns SystemInfo after. */
export async function otaRequest(client: EvseClient, request: OtaResult['request'], signal?: AbortSignal, before?: EvseInfo): Promise<OtaResult> {
  const info = before ?? (await client.info(signal))
  const allowed = request === 'UpdateCheckToggle' ? info.otaCheckAllowed : info.otaUpdateAllowed
  if (allowed !== true) return { request, sent: false, answer: null, answerError: null, before: info, info }
  let answer: Record<string, unknown> | null = null
  let answerError: string | null = null
  try {
    answer = await client.postInfo({ [request]: true }, signal)
  } catch (err) {
    if (signal?.aborted) throw err
    answerError = errorNote(err)
  }
  const after = await client.info(signal).catch(() => null)
  return { request, sent: true, answer, answerError, before: info, info: after }
}

/**
 * Start, stop, boost and the power available: each sent once and confirmed
 * from Status. A toggle is not idempotent (sent twice it undoes itself), so
 * a lost answer is never followed by a second send: Status alone tells
 * whether it took. The result keeps what was sent and what was observed.
 */
import type { Observed, ToggleAction, ToggleOutcome, ToggleResult } from '@shared/contract'
import type { EvseStatus } from '@shared/devices/evse/answers'
import type { Clock } from '../../core/clock'
import type { EvseClient } from './client'
import { errorCode } from './errors'

/** how often Status is read while waiting for the effect */
export const CONFIRM_POLL_MS = 500
/** how long a toggle's effect may take to show in Status before it counts as not confirmed */
export const CONFIRM_DEADLINE_MS = 10_000

export type { Observed, ToggleAction, ToggleOutcome, ToggleResult } from '@shared/contract'

function observe(s: EvseStatus, since: number, now: number): Observed {
  return { state: s.state, started: s.started, boosted: s.boosted, afterMs: now - since }
}

const WANTED: Record<ToggleAction, { field: 'started' | 'boosted'; value: boolean; body: Record<string, true> }> = {
  start: { field: 'started', value: true, body: { ChargeStartToggle: true } },
  stop: { field: 'started', value: false, body: { ChargeStartToggle: true } },
  boostOn: { field: 'boosted', value: true, body: { ChargeBoostToggle: true } },
  boostOff: { field: 'boosted', value: false, body: { ChargeBoostToggle: true } },
}

export async function toggle(client: EvseClient, clock: Clock, action: ToggleAction, signal?: AbortSignal): Promise<ToggleResult> {
  const want = WANTED[action]
  const first = await client.status(signal)
  const before = observe(first, clock.now(), clock.now())
  const base = { action, before, answer: null, answerError: null, observed: null }
  if (first[want.field] === want.value) return { ...base, sent: null, outcome: 'alreadyThere' }
  const allowed = want.field === 'started' ? first.startStopAllowed : first.boostAllowed
  if (allowed === false) return { ...base, sent: null, outcome: 'notAllowed' }

  const sentAt = clock.now()
  const mark = client.restarts
  let answer: Record<string, unknown> | null = null
  let answerError: string | null = null
  try {
    answer = await client.control(want.body, signal)
  } catch (err) {
    if (signal?.aborted) throw err
    answerError = errorCode(err)
  }
  const { observed, restarted } = await watch(client, clock, sentAt, mark, (s) => s[want.field] === want.value, signal)
  const outcome: ToggleOutcome = restarted ? 'restarted' : observed && observed[want.field] === want.value ? 'confirmed' : 'notConfirmed'
  return { action, before, sent: want.body, answer, answerError, observed, outcome }
}

export interface PowerLimitResult {
  sent: { EVSEPowerAvailable: number }
  answer: Record<string, unknown> | null
  answerError: string | null
  /** ActualPowerAvailable when Status last showed it */
  observedW: number | null
  afterMs: number | null
  /** Status shows the power written (ActualPowerAvailable is shown only while the limiting strategy is on) */
  outcome: 'confirmed' | 'notConfirmed' | 'restarted'
}

/** EVSEPowerAvailable [W]: written once, confirmed by Status's ActualPowerAvailable. */
export async function setPowerAvailable(client: EvseClient, clock: Clock, watts: number, signal?: AbortSignal): Promise<PowerLimitResult> {
  const sent = { EVSEPowerAvailable: Math.round(watts) }
  const sentAt = clock.now()
  const mark = client.restarts
  let answer: Record<string, unknown> | null = null
  let answerError: string | null = null
  try {
    answer = await client.control(sent, signal)
  } catch (err) {
    if (signal?.aborted) throw err
    answerError = errorCode(err)
  }
  let last: EvseStatus | null = null
  const { observed, restarted } = await watch(
    client,
    clock,
    sentAt,
    mark,
    (s) => {
      last = s
      return s.powerAvailableW === sent.EVSEPowerAvailable
    },
    signal,
  )
  const seen = last as EvseStatus | null
  const outcome = restarted ? 'restarted' : seen?.powerAvailableW === sent.EVSEPowerAvailable ? 'confirmed' : 'notConfirmed'
  return { sent, answer, answerError, observedW: seen?.powerAvailableW ?? null, afterMs: observed?.afterMs ?? null, outcome }
}

/**
 * Reads Status until `done` holds, the charger is seen to have restarted (by
 * any user of it: the live poll may be the one that read it first), or the
 * deadline passes on the clock. A read that fails (the charger busy or
 * restarting) is not an answer: the watch goes on until the deadline.
 */
async function watch(
  client: EvseClient,
  clock: Clock,
  since: number,
  mark: number,
  done: (s: EvseStatus) => boolean,
  signal?: AbortSignal,
): Promise<{ observed: Observed | null; restarted: boolean }> {
  let observed: Observed | null = null
  for (;;) {
    try {
      const s = await client.status(signal)
      observed = observe(s, since, clock.now())
      if (s.restarted || client.restarts > mark) return { observed, restarted: true }
      if (done(s)) return { observed, restarted: false }
    } catch (err) {
      if (signal?.aborted) throw err
    }
    if (clock.now() - since >= CONFIRM_DEADLINE_MS) return { observed, restarted: false }
    await clock.sleep(CONFIRM_POLL_MS, signal)
  }
}

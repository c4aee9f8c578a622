/**
 * The CT detection flow (seed `ct-detection-flow.zh.txt`), shared by the CT
 * check job and the commissioning wizard: ask whether it applies, read the
 * preconditions (action 1), start the check (action 2), poll the result
 * (action 3) until it is complete, failed, timed out or the person stops
 * waiting; re-run after the wiring is fixed. Every call and every attempt is
 * written to the record.
 */
import {
  AppError,
  ctApplies,
  type CtAttemptView,
  type CtBits,
  isErrorCode,
  isSettingsError,
  type CtOutcome,
  type CtPrompt,
  type CtSystemKind,
  type FoxConfig,
  type Measurement,
} from '@shared/contract'
import type { CtAnswer } from '@shared/contract/foxess/foxess.schemas'
import { evaluatePreconditions, interpretPoll, isCompleted, parseMeterDetails, readBits, type CtPollTracker } from '@shared/devices/foxess/ct'
import type { Clock } from '../../core/clock'
import type { FoxCtApi } from './ct-api'
import type { FoxExchange, FoxOpenApi } from './open-api'
import { z } from 'zod'
import type { StepOutcome } from '../../flows/recorded-job'

const BitSchema = z.number().nullable()

/**
 * A check the flow started, kept in the job's checkpoint from before the
 * start command is sent until its result is in: a resumed job polls it
 * (the device's state says whether it ran) and never sends the start again.
 */
export const CtStartedSchema = z.object({
  attempt: z.number().int().min(1),
  at: z.number(),
  /** the result on display before the start, to tell an older result from this one's */
  baseline: z.object({ bit0: BitSchema, bit1: BitSchema, bit2: BitSchema, bit3: BitSchema, meterStatus: BitSchema }),
})
export type CtStarted = z.output<typeof CtStartedSchema>

export interface FoxServices {
  api(): FoxOpenApi
  ct(): FoxCtApi
  clock: Clock
  config(): FoxConfig
}

export interface CtFlowHost {
  readonly signal: AbortSignal
  readonly services: FoxServices
  step(key: string, inputs: Record<string, string | number | boolean | null>, body: (stepId: number) => Promise<StepOutcome>): Promise<StepOutcome>
  tap(stepId: number | null): (exchange: FoxExchange) => void
  ask<K extends CtAnswer['kind']>(prompt: CtPrompt, kinds: readonly K[]): Promise<Extract<CtAnswer, { kind: K }>>
  changed(): void
  /** keeps the check under way in the job's checkpoint (null once its result is in) */
  started(started: CtStarted | null): void
}

export type CtFlowResult = { kind: 'notApplicable' } | { kind: 'stopped'; outcome: CtOutcome | null } | { kind: 'done'; outcome: CtOutcome }

const MAX_ATTEMPTS_SHOWN = 20
/** consecutive failed polls (network, service) before the flow gives up on this attempt */
const MAX_POLL_ERRORS = 3

export class CtFlow {
  system: CtSystemKind | null
  readonly attempts: CtAttemptView[] = []
  private stopPolling: AbortController | null = null
  private readonly baselines = new WeakMap<CtAttemptView, CtBits>()

  constructor(
    private readonly host: CtFlowHost,
    readonly sn: string,
    readonly suggestedSystem: CtSystemKind | null,
    system: CtSystemKind | null,
    /** a check started before the job was interrupted: polled, not started again */
    private resumed: CtStarted | null = null,
  ) {
    this.system = system
  }

  get polling(): boolean {
    return this.stopPolling !== null
  }

  /** The person stops waiting for the running check (the device may still finish it). */
  stopWaiting(): void {
    if (!this.stopPolling) throw new AppError('invalidInput', { field: 'answer', reason: 'notPolling' })
    this.stopPolling.abort()
  }

  async run(): Promise<CtFlowResult> {
    const applies = await this.host.step('applicability', { suggested: this.suggestedSystem }, async () => {
      if (!this.system) this.system = (await this.host.ask('ctApplicability', ['ctApplicability'])).system
      const ok = ctApplies(this.system)
      return { verdict: ok ? 'pass' : 'info', note: ok ? null : 'notApplicable', measurements: [{ key: 'system', value: this.system }] }
    })
    if (applies.note === 'notApplicable') return { kind: 'notApplicable' }

    let last: CtOutcome | null = null
    for (;;) {
      const resumed = this.resumed
      this.resumed = null
      const attempt = this.newAttempt(resumed?.attempt)
      if (resumed) {
        attempt.startedAt = resumed.at
        this.baselines.set(attempt, resumed.baseline)
        await this.host.step('result', { attempt: attempt.attempt, resumed: true }, (stepId) => this.poll(attempt, stepId))
      } else {
        const pre = await this.host.step('preconditions', { attempt: attempt.attempt }, (stepId) => this.preconditions(attempt, stepId))
        if (pre.verdict !== 'pass') {
          const answer = await this.host.ask('ctAfterPreconditions', ['ctAfterPreconditions'])
          if (answer.action === 'stop') return { kind: 'stopped', outcome: last }
          continue
        }
        const started = await this.host.step('start', { attempt: attempt.attempt }, (stepId) => this.start(attempt, stepId))
        if (started.verdict === 'pass') await this.host.step('result', { attempt: attempt.attempt }, (stepId) => this.poll(attempt, stepId))
        else attempt.outcome = { kind: 'error', bits: null, meters: [], detailsMissing: false, polls: 0, elapsedMs: 0, error: { code: isErrorCode(started.note) ? started.note : 'internal' } }
      }
      // the result is in the record: a resume from here asks again, it does not poll this attempt
      this.host.started(null)
      attempt.stage = 'result'
      last = attempt.outcome
      this.host.changed()
      const answer = await this.host.ask('ctAfterResult', ['ctAfterResult'])
      if (answer.action === 'finish') return last ? { kind: 'done', outcome: last } : { kind: 'stopped', outcome: null }
    }
  }

  private newAttempt(number?: number): CtAttemptView {
    const attempt: CtAttemptView = {
      attempt: number ?? (this.attempts[this.attempts.length - 1]?.attempt ?? 0) + 1,
      stage: 'preconditions',
      preconditions: null,
      polls: 0,
      lastBits: null,
      lastMeaning: null,
      startedAt: null,
      nextPollAt: null,
      timeoutAt: null,
      outcome: null,
    }
    this.attempts.push(attempt)
    if (this.attempts.length > MAX_ATTEMPTS_SHOWN) this.attempts.shift()
    this.host.changed()
    return attempt
  }

  private async preconditions(attempt: CtAttemptView, stepId: number): Promise<StepOutcome> {
    const body = await this.host.services.ct().status(this.sn, { signal: this.host.signal, tap: this.host.tap(stepId) })
    const pre = evaluatePreconditions(body)
    attempt.preconditions = pre
    this.host.changed()
    const measurements: Measurement[] = pre.conditions.map((c) => ({
      key: c.key,
      value: Object.values(c.raw)
        .map((v) => (v === null ? '—' : String(v)))
        .join(' / '),
      verdict: !c.known ? 'info' : c.pass ? 'pass' : 'fail',
    }))
    const firstFail = pre.conditions.find((c) => !c.pass)
    return { verdict: pre.allPass ? 'pass' : 'fail', note: firstFail ? firstFail.reason : null, measurements }
  }

  private async start(attempt: CtAttemptView, stepId: number): Promise<StepOutcome> {
    attempt.stage = 'starting'
    this.host.changed()
    const ct = this.host.services.ct()
    const ctx = { signal: this.host.signal, tap: this.host.tap(stepId) }
    // the result on display before the command, to tell a previous run's result from this one's
    const before = readBits(await ct.result(this.sn, ctx))
    this.baselines.set(attempt, before)
    // in the checkpoint before it is sent: if the answer is lost to a crash or a quit, the resumed job polls instead of sending it again
    this.host.started({ attempt: attempt.attempt, at: this.host.services.clock.now(), baseline: before })
    await ct.start(this.sn, ctx)
    attempt.startedAt = this.host.services.clock.now()
    this.host.started({ attempt: attempt.attempt, at: attempt.startedAt, baseline: before })
    return { verdict: 'pass', measurements: [{ key: 'previousResult', value: isCompleted(before) ? (before.bit3 === 0 ? 'normal' : 'abnormal') : 'none' }] }
  }

  private async poll(attempt: CtAttemptView, stepId: number): Promise<StepOutcome> {
    const { clock } = this.host.services
    const config = this.host.services.config()
    const ct = this.host.services.ct()
    const baseline = this.baselines.get(attempt) ?? null
    const tracker: CtPollTracker = { seenChecking: false, baseline: baseline && isCompleted(baseline) ? baseline : null }
    const startedAt = attempt.startedAt ?? clock.now()
    const startDeadline = startedAt + config.ctStartTimeoutSeconds * 1000
    attempt.timeoutAt = startedAt + config.ctTimeoutSeconds * 1000
    attempt.stage = 'polling'
    const stop = new AbortController()
    this.stopPolling = stop
    const signal = AbortSignal.any([this.host.signal, stop.signal])
    let errors = 0
    const finish = (outcome: Omit<CtOutcome, 'polls' | 'elapsedMs'>): StepOutcome => {
      attempt.outcome = { ...outcome, polls: attempt.polls, elapsedMs: clock.now() - startedAt }
      attempt.nextPollAt = null
      this.host.changed()
      return resultOutcome(attempt.outcome)
    }
    try {
      for (;;) {
        attempt.nextPollAt = clock.now() + config.ctPollSeconds * 1000
        this.host.changed()
        try {
          await clock.sleep(config.ctPollSeconds * 1000, signal)
        } catch (err) {
          if (this.host.signal.aborted) throw err
          return finish({ kind: 'cancelled', bits: attempt.lastBits, meters: [], detailsMissing: false, error: null })
        }
        let body: unknown
        try {
          body = await ct.result(this.sn, { signal, tap: this.host.tap(stepId) })
          errors = 0
        } catch (err) {
          if (this.host.signal.aborted || isSettingsError(err)) throw err
          if (stop.signal.aborted) return finish({ kind: 'cancelled', bits: attempt.lastBits, meters: [], detailsMissing: false, error: null })
          if (++errors >= MAX_POLL_ERRORS || !(err instanceof AppError)) {
            return finish({ kind: 'error', bits: attempt.lastBits, meters: [], detailsMissing: false, error: err instanceof AppError ? err.toPayload() : { code: 'internal' } })
          }
          continue
        }
        attempt.polls++
        const bits = readBits(body)
        const meaning = interpretPoll(bits, tracker)
        attempt.lastBits = bits
        attempt.lastMeaning = meaning
        this.host.changed()
        if (meaning === 'completed') {
          if (bits.bit3 === 0) return finish({ kind: 'normal', bits, meters: [], detailsMissing: false, error: null })
          // abnormal (or a result bit that is neither 0 nor 1): the details say what is wrong, if the device sent them
          const details = parseMeterDetails((body as Record<string, unknown> | null)?.meterCheckConfigVOS)
          return finish({ kind: 'abnormal', bits, meters: details.meters, detailsMissing: details.missing, error: null })
        }
        if (meaning === 'failed') return finish({ kind: 'failed', bits, meters: [], detailsMissing: false, error: null })
        const now = clock.now()
        if ((meaning === 'notStartedYet' || meaning === 'previousResult') && now >= startDeadline) {
          return finish({ kind: 'didNotStart', bits, meters: [], detailsMissing: false, error: null })
        }
        if (now >= attempt.timeoutAt) return finish({ kind: 'timeout', bits, meters: [], detailsMissing: false, error: null })
      }
    } finally {
      this.stopPolling = null
    }
  }
}

/** The result step's verdict, note and measurements for the record. */
function resultOutcome(o: CtOutcome): StepOutcome {
  const m: Measurement[] = [
    { key: 'polls', value: o.polls },
    { key: 'elapsed', value: Math.round(o.elapsedMs / 1000), unit: 's' },
  ]
  if (o.bits) {
    const b = o.bits
    m.push({ key: 'bits', value: [b.bit0, b.bit1, b.bit2, b.bit3].map((v) => (v === null ? '—' : String(v))).join(' ') })
    if (b.meterStatus !== null) m.push({ key: 'meterStatus', value: b.meterStatus })
  }
  o.meters.forEach((meter, i) => {
    const prefix = o.meters.length > 1 ? `meter${i + 1}` : ''
    if (meter.phaseFlag !== null) m.push({ key: prefix ? `${prefix}PhaseFlag` : 'phaseFlag', value: meter.phaseFlag })
    for (const p of meter.phases) {
      const wrong = p.expected !== null && p.measured !== null && p.expected !== p.measured
      m.push({ key: `phase${p.position}`, value: `${p.expected ?? '?'} → ${p.measured ?? '?'}`, verdict: wrong ? 'fail' : 'pass' })
      if (p.sensorOk !== null) m.push({ key: `sensor${p.position}`, value: p.sensorOk, verdict: p.sensorOk ? 'pass' : 'fail' })
    }
  })
  if (o.detailsMissing) m.push({ key: 'detailsMissing', value: true, verdict: 'info' })
  const verdict = o.kind === 'normal' ? 'pass' : o.kind === 'cancelled' ? 'info' : 'fail'
  return { verdict, note: o.kind === 'error' ? (o.error?.code ?? 'error') : o.kind, measurements: m }
}

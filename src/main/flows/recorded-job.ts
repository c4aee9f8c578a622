import {
  AppError,
  isSettingsError,
  type JobPhase,
  type JobStepState,
  type JobType,
  type ExchangeDirection,
  type JobUpdate,
  type JsonValue,
  type Measurement,
  type StepVerdict,
  type Verdict,
} from '@shared/contract'
import type { z } from 'zod'
import { type Clock, systemClock } from '../core/clock'
import type { Logger } from '../log/logger'
import type { NewExchange, RecordStore } from '../store/records'

export interface StepOutcome {
  verdict: StepVerdict
  measurements?: Measurement[]
  /** an error code or a short note; the renderer localizes codes */
  note?: string | null
}

export interface StepOptions {
  /**
   * The verdict must rest on what the device said: a step that ends with no
   * answer from the device recorded in it cannot pass.
   */
  deviceEvidence?: boolean
}

export interface JobDeps {
  records: RecordStore
  log: Logger
  emit: (update: JobUpdate) => void
  /** the system clock unless a test or bench runs the job on virtual time */
  clock?: Clock
}

/** Why a job stopped before its end: the person's cancel, the app closing, or an error. */
export type StopReason = 'cancelled' | 'suspended' | 'crashed'

/** Exchanges that carry the device's own words (not what was sent to it, nor what the app noted, such as another device on the port). */
const INBOUND: ReadonlySet<ExchangeDirection> = new Set(['rx', 'response'])

/**
 * Reads a record's checkpoint with the job type's schema: a record without
 * one, or with one this version cannot read, cannot be resumed.
 */
export function readCheckpoint<S extends z.ZodType>(records: RecordStore, recordId: number, schema: S): z.output<S> {
  const parsed = schema.safeParse(records.checkpoint(recordId))
  if (!parsed.success) throw new AppError('recordClosed', { id: recordId, reason: 'noCheckpoint' })
  return parsed.data
}

/**
 * A wizard flow as a plain state machine over device clients: UI-free, usable
 * from the CLI. Each step is written to the record as it starts and as it
 * ends, with the raw exchanges that justify its verdict, so a crash leaves a
 * record that says how far the job got.
 *
 * One run loop serves every job: a subclass says what its steps are
 * (`execute`), how to leave its device safe (`leaveSafe`) and what to let go
 * of (`release`). The person's cancel closes the record as aborted; a suspend
 * (the app or window closing, SIGTERM, Ctrl-C in the CLI) leaves it in
 * progress with the running step interrupted, to resume; a crash of the
 * process leaves it in progress as it was.
 */
export abstract class RecordedJob {
  abstract readonly type: JobType
  abstract readonly stepKeys: readonly string[]
  protected phaseValue: JobPhase = { phase: 'running', step: '' }
  protected readonly stepStates = new Map<string, JobStepState>()
  protected readonly abortController = new AbortController()
  protected readonly log: Logger
  /** the job's time: its waits, deadlines and timings */
  protected readonly time: Clock
  /** true once the job has stopped running, for good or until it is resumed */
  protected ended = false
  /** answers from the device recorded per step, for steps that need them */
  private readonly inbound = new Map<number, number>()

  constructor(
    protected readonly deps: JobDeps,
    readonly recordId: number,
  ) {
    this.log = deps.log
    this.time = deps.clock ?? systemClock
  }

  /** The job's steps, in order. Answers the verdict to finish with, or null when it closed the record itself. */
  protected abstract execute(): Promise<Verdict | null>

  /** After a cancel, a suspend or an error, before the record says so: leave the device safe. */
  protected async leaveSafe(_reason: StopReason): Promise<void> {}

  /** At the end, whatever happened: ports closed, listeners removed. */
  protected async release(): Promise<void> {}

  /** The person's cancel: the record is closed as aborted. */
  protected cancelled(): void {
    this.abort('cancelled')
  }

  async run(): Promise<void> {
    try {
      const verdict = await this.execute()
      this.ended = true
      if (verdict !== null && !this.done) this.finish(verdict)
    } catch (err) {
      const reason: StopReason = !this.signal.aborted ? 'crashed' : this.suspended ? 'suspended' : 'cancelled'
      if (reason === 'crashed' && !isSettingsError(err)) this.log.error('job.crashed', { type: this.type, error: err instanceof Error ? (err.stack ?? err.message) : String(err) })
      try {
        await this.leaveSafe(reason)
      } catch (safeErr) {
        this.log.error('job.leaveSafeFailed', { type: this.type, error: safeErr instanceof Error ? safeErr.message : String(safeErr) })
      }
      this.ended = true
      if (reason === 'suspended') {
        this.deps.records.interruptRunningSteps(this.recordId)
        this.setPhase({ phase: 'paused', step: this.phaseValue.phase === 'running' || this.phaseValue.phase === 'paused' ? this.phaseValue.step : '', reason: 'suspended' })
      } else if (reason === 'cancelled') this.cancelled()
      else this.abort(err instanceof AppError ? err.code : 'internal')
    } finally {
      try {
        await this.release()
      } catch (err) {
        this.log.warn('job.releaseFailed', { type: this.type, error: err instanceof Error ? err.message : String(err) })
      }
    }
  }

  get signal(): AbortSignal {
    return this.abortController.signal
  }

  get done(): boolean {
    return this.phaseValue.phase === 'finished' || this.phaseValue.phase === 'aborted'
  }

  snapshot(): JobUpdate {
    return {
      recordId: this.recordId,
      jobType: this.type,
      phase: this.phaseValue,
      steps: this.stepKeys.map((key) => this.stepStates.get(key) ?? { key, verdict: null, note: null }),
    }
  }

  /** The operator cancels: the job stops and its record is closed as aborted. */
  cancel(): void {
    this.abortController.abort(new AppError('jobNotRunning', { reason: 'cancelled' }))
  }

  /**
   * The app is closing: the job stops where it is and its record stays in
   * progress, so the next start offers to resume it or close it as aborted.
   */
  suspend(): void {
    this.abortController.abort(new AppError('jobNotRunning', { reason: 'suspended' }))
  }

  get suspended(): boolean {
    const reason = this.signal.reason as unknown
    return reason instanceof AppError && reason.params.reason === 'suspended'
  }

  /** Runs one step: recorded before and after, its outcome kept for the report. */
  protected async step(key: string, inputs: Record<string, JsonValue>, body: (stepId: number) => Promise<StepOutcome>, options: StepOptions = {}): Promise<StepOutcome> {
    this.throwIfCancelled()
    const stepId = this.deps.records.startStep(this.recordId, key, inputs)
    this.setPhase({ phase: 'running', step: key })
    let outcome: StepOutcome
    try {
      outcome = await body(stepId)
    } catch (err) {
      // the app's settings, not the device, stopped the step: the job stops with that code and no step FAILs for it
      if (this.signal.aborted || isSettingsError(err)) throw err
      if (!(err instanceof AppError)) this.log.error('job.stepCrashed', { key, error: err instanceof Error ? err.stack ?? err.message : String(err) })
      outcome = { verdict: 'fail', note: err instanceof AppError ? this.errorNote(err) : 'internal' }
    }
    if (options.deviceEvidence && outcome.verdict === 'pass' && !this.inbound.get(stepId)) outcome = { ...outcome, verdict: 'fail', note: 'noDeviceAnswer' }
    this.inbound.delete(stepId)
    this.deps.records.finishStep(stepId, outcome)
    this.stepStates.set(key, { key, verdict: outcome.verdict, note: outcome.note ?? null })
    this.emit()
    return outcome
  }

  /** The note a step that failed with `err` keeps: its code, which a job may extend with what its text names (`noteWithParams`). */
  protected errorNote(err: AppError): string {
    return err.code
  }

  /** Writes the job's checkpoint through the schema `readCheckpoint` reads it back with, so what is written can be resumed. */
  protected writeCheckpoint<S extends z.ZodType>(schema: S, checkpoint: z.input<S>): void {
    this.deps.records.setCheckpoint(this.recordId, schema.parse(checkpoint) as JsonValue)
  }

  /** Writes an exchange to the record at once: a crash after it still has it. */
  protected exchange(stepId: number | null, exchange: Omit<NewExchange, 'stepId'>): void {
    this.deps.records.addExchange(this.recordId, { ...exchange, stepId })
    if (stepId !== null && INBOUND.has(exchange.direction) && exchange.data) this.inbound.set(stepId, (this.inbound.get(stepId) ?? 0) + 1)
  }

  protected finish(verdict: Verdict): void {
    this.deps.records.finish(this.recordId, verdict)
    this.setPhase({ phase: 'finished', verdict })
  }

  protected abort(reason: string): void {
    try {
      this.deps.records.abort(this.recordId, reason)
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'recordClosed')) throw err
    }
    this.setPhase({ phase: 'aborted', reason })
  }

  protected setPhase(phase: JobPhase): void {
    this.phaseValue = phase
    this.emit()
  }

  protected emit(): void {
    this.deps.emit(this.snapshot())
  }

  protected throwIfCancelled(): void {
    if (this.signal.aborted) throw this.signal.reason
  }

  /** Resolves after `ms`, or rejects as soon as the job is cancelled. */
  protected wait(ms: number): Promise<void> {
    return this.time.sleep(ms, this.signal)
  }

  /** Verdict of the whole job from its steps: any fail fails it. */
  protected overallVerdict(): Verdict {
    const verdicts = [...this.stepStates.values()].map((s) => s.verdict)
    if (verdicts.includes('fail')) return 'fail'
    return this.stepKeys.every((key) => this.stepStates.get(key)?.verdict) ? 'pass' : 'none'
  }
}

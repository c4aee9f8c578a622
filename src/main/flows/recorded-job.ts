import {
  AppError,
  type JobPhase,
  type JobStepState,
  type JobType,
  type JobUpdate,
  type JsonValue,
  type Measurement,
  type StepVerdict,
  type Verdict,
} from '@shared/contract'
import type { Logger } from '../log/logger'
import type { NewExchange, RecordStore } from '../store/records'

export interface StepOutcome {
  verdict: StepVerdict
  measurements?: Measurement[]
  /** an error code or a short note; the renderer localizes codes */
  note?: string | null
}

export interface JobDeps {
  records: RecordStore
  log: Logger
  emit: (update: JobUpdate) => void
}

/**
 * A wizard flow as a plain state machine over device clients: UI-free, usable
 * from the CLI. Each step is written to the record as it starts and as it
 * ends, with the raw exchanges that justify its verdict, so a crash leaves a
 * record that says how far the job got.
 */
export abstract class RecordedJob {
  abstract readonly type: JobType
  abstract readonly stepKeys: readonly string[]
  protected phaseValue: JobPhase = { phase: 'running', step: '' }
  protected readonly stepStates = new Map<string, JobStepState>()
  protected readonly abortController = new AbortController()
  protected readonly log: Logger

  constructor(
    protected readonly deps: JobDeps,
    readonly recordId: number,
  ) {
    this.log = deps.log
  }

  abstract run(): Promise<void>

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

  /** Ends a job that stopped on a cancel or a suspend: the record is aborted, or left to resume. */
  protected stopped(): void {
    if (this.suspended) {
      this.deps.records.interruptRunningSteps(this.recordId)
      this.setPhase({ phase: 'paused', step: this.phaseValue.phase === 'running' ? this.phaseValue.step : '', reason: 'suspended' })
    } else {
      this.abort('cancelled')
    }
  }

  /** Runs one step: recorded before and after, its outcome kept for the report. */
  protected async step(key: string, inputs: Record<string, JsonValue>, body: (stepId: number) => Promise<StepOutcome>): Promise<StepOutcome> {
    this.throwIfCancelled()
    const stepId = this.deps.records.startStep(this.recordId, key, inputs)
    this.setPhase({ phase: 'running', step: key })
    let outcome: StepOutcome
    try {
      outcome = await body(stepId)
    } catch (err) {
      if (this.signal.aborted) throw err
      const code = err instanceof AppError ? err.code : 'internal'
      if (!(err instanceof AppError)) this.log.error('job.stepCrashed', { key, error: err instanceof Error ? err.stack ?? err.message : String(err) })
      outcome = { verdict: 'fail', note: code }
    }
    this.deps.records.finishStep(stepId, outcome)
    this.stepStates.set(key, { key, verdict: outcome.verdict, note: outcome.note ?? null })
    this.emit()
    return outcome
  }

  protected exchange(stepId: number | null, exchange: Omit<NewExchange, 'stepId'>): void {
    this.deps.records.addExchange(this.recordId, { ...exchange, stepId })
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
    return new Promise((resolve, reject) => {
      if (this.signal.aborted) return reject(this.signal.reason as Error)
      const timer = setTimeout(() => {
        this.signal.removeEventListener('abort', onAbort)
        resolve()
      }, ms)
      const onAbort = () => {
        clearTimeout(timer)
        reject(this.signal.reason as Error)
      }
      this.signal.addEventListener('abort', onAbort, { once: true })
    })
  }

  /** Verdict of the whole job from its steps: any fail fails it. */
  protected overallVerdict(): Verdict {
    const verdicts = [...this.stepStates.values()].map((s) => s.verdict)
    if (verdicts.includes('fail')) return 'fail'
    return this.stepKeys.every((key) => this.stepStates.get(key)?.verdict) ? 'pass' : 'none'
  }
}

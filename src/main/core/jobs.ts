import { AppError, type JobType, type JobUpdate } from '@shared/contract'
import type { Logger } from '../log/logger'
import type { RecordedJob } from '../flows/recorded-job'

export type Resumer = (recordId: number) => RecordedJob

/** Runs jobs in the background, one per record, and knows how to pick an interrupted record up again. */
export class JobRunner {
  private readonly active = new Map<number, RecordedJob>()
  private readonly resumers = new Map<JobType, Resumer>()

  constructor(private readonly log: Logger) {}

  registerResumer(type: JobType, resumer: Resumer): void {
    this.resumers.set(type, resumer)
  }

  canResume(type: JobType): boolean {
    return this.resumers.has(type)
  }

  start(job: RecordedJob): JobUpdate {
    if (this.active.has(job.recordId)) throw new AppError('jobAlreadyRunning', { id: job.recordId })
    this.active.set(job.recordId, job)
    this.log.info('job.start', { recordId: job.recordId, type: job.type })
    void job
      .run()
      .catch((err: unknown) => this.log.error('job.crashed', { recordId: job.recordId, error: err instanceof Error ? err.message : String(err) }))
      .finally(() => {
        this.active.delete(job.recordId)
        this.log.info('job.end', { recordId: job.recordId, phase: job.snapshot().phase.phase })
      })
    return job.snapshot()
  }

  resume(recordId: number, type: JobType): JobUpdate {
    if (this.active.has(recordId)) throw new AppError('jobAlreadyRunning', { id: recordId })
    const resumer = this.resumers.get(type)
    if (!resumer) throw new AppError('jobNotRunning', { id: recordId, reason: 'notResumable' })
    return this.start(resumer(recordId))
  }

  get<T extends RecordedJob>(recordId: number): T | undefined {
    return this.active.get(recordId) as T | undefined
  }

  isActive(recordId: number): boolean {
    return this.active.has(recordId)
  }

  list(): JobUpdate[] {
    return [...this.active.values()].map((job) => job.snapshot())
  }

  cancel(recordId: number): void {
    const job = this.active.get(recordId)
    if (!job) throw new AppError('jobNotRunning', { id: recordId })
    job.cancel()
  }

  /** On quit: every running job stops where it is, its record left in progress to resume at the next start. */
  async suspendAll(timeoutMs = 3000): Promise<void> {
    const jobs = [...this.active.values()]
    for (const job of jobs) job.suspend()
    const deadline = Date.now() + timeoutMs
    while (this.active.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
  }
}

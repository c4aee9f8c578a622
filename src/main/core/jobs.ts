import { AppError, type DeviceKey, type JobType, type JobUpdate, type OpenJob, parseDeviceKey } from '@shared/contract'
import type { Logger } from '../log/logger'
import type { RecordedJob } from '../flows/recorded-job'
import { DeviceClaims, type InProgressRecords, openJobs } from './open-jobs'

/** A job says which device it drives, so a second job on that device is refused. */
export type DeviceJob = RecordedJob & { readonly deviceKey: DeviceKey }

export type Resumer = (recordId: number) => DeviceJob

/** Runs jobs in the background, one per record, and knows how to pick an interrupted record up again. */
export class JobRunner {
  private readonly active = new Map<number, DeviceJob>()
  private readonly runs = new Map<number, Promise<JobUpdate>>()
  private readonly resumers = new Map<JobType, Resumer>()
  private readonly claims: DeviceClaims
  private lastOpen = ''

  /** `records`: where suspended jobs are found (records left in progress); `changed`: the open jobs list moved. */
  constructor(
    private readonly log: Logger,
    private readonly records: InProgressRecords,
    private readonly changed: (open: OpenJob[]) => void = () => undefined,
  ) {
    this.claims = new DeviceClaims(() => this.active.values(), records)
  }

  registerResumer(type: JobType, resumer: Resumer): void {
    this.resumers.set(type, resumer)
  }

  canResume(type: JobType): boolean {
    return this.resumers.has(type)
  }

  /**
   * Starts a new job on a device no other job holds: the device is checked
   * before `create` makes the record (or opens the port), so a refusal leaves
   * nothing behind; it stays claimed while `create` runs.
   */
  async launch(deviceKey: DeviceKey, create: () => DeviceJob | Promise<DeviceJob>): Promise<JobUpdate> {
    const release = this.claims.claim(deviceKey)
    let job: DeviceJob
    try {
      job = await create()
    } finally {
      release()
    }
    return this.start(job)
  }

  /** Runs a job in the background; refused while another job runs on its device or waits suspended there. */
  start(job: DeviceJob): JobUpdate {
    return this.begin(job, { suspended: true })
  }

  private begin(job: DeviceJob, check: { suspended: boolean }): JobUpdate {
    if (this.active.has(job.recordId)) throw new AppError('jobAlreadyRunning', { id: job.recordId })
    this.claims.refuse(job.deviceKey, job.recordId, check)
    this.active.set(job.recordId, job)
    this.log.info('job.start', { recordId: job.recordId, type: job.type, device: parseDeviceKey(job.deviceKey)?.kind ?? null })
    const run = job
      .run()
      .catch((err: unknown) => this.log.error('job.crashed', { recordId: job.recordId, error: err instanceof Error ? err.message : String(err) }))
      .then(() => {
        this.active.delete(job.recordId)
        this.runs.delete(job.recordId)
        this.log.info('job.end', { recordId: job.recordId, phase: job.snapshot().phase.phase })
        this.notify()
        return job.snapshot()
      })
    this.runs.set(job.recordId, run)
    this.notify()
    return job.snapshot()
  }

  resume(recordId: number, type: JobType): JobUpdate {
    if (this.active.has(recordId)) throw new AppError('jobAlreadyRunning', { id: recordId })
    const resumer = this.resumers.get(type)
    if (!resumer) throw new AppError('jobNotRunning', { id: recordId, reason: 'notResumable' })
    // checked before the resumer touches the record: a busy device leaves it as it was
    const key = this.claims.keyOf(recordId)
    if (key) this.claims.refuse(key, recordId, { suspended: false })
    // another record suspended on the same device does not hold this one back: both are the person's to settle
    return this.begin(resumer(recordId), { suspended: false })
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

  /** Running jobs and suspended ones (records left in progress), newest first. */
  open(): OpenJob[] {
    return openJobs(this.active.values(), this.records, (type) => this.resumers.has(type))
  }

  /** Tells the renderer when the open jobs list moved (a step, a phase, a record closed); unchanged lists are not sent again. */
  notify(): void {
    const open = this.open()
    const text = JSON.stringify(open)
    if (text === this.lastOpen) return
    this.lastOpen = text
    this.changed(open)
  }

  cancel(recordId: number): void {
    const job = this.active.get(recordId)
    if (!job) throw new AppError('jobNotRunning', { id: recordId })
    job.cancel()
  }

  /** The app or the command line is closing: the job stops where it is, its record left in progress to resume. */
  suspend(recordId: number): void {
    const job = this.active.get(recordId)
    if (!job) throw new AppError('jobNotRunning', { id: recordId })
    job.suspend()
  }

  /** Resolves with the job's last state once it has stopped running (finished, aborted or suspended); null when it is not running. */
  whenStopped(recordId: number): Promise<JobUpdate | null> {
    return this.runs.get(recordId) ?? Promise.resolve(null)
  }

  /** On quit: every running job stops where it is, its record left in progress to resume at the next start. */
  async suspendAll(timeoutMs = 8000): Promise<void> {
    const jobs = [...this.active.values()]
    for (const job of jobs) job.suspend()
    // a job leaving its device safe (relays off, read back) may take a while; past the limit the quit goes on
    let timer: NodeJS.Timeout | undefined
    const limit = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))
    await Promise.race([Promise.all(jobs.map((job) => this.whenStopped(job.recordId))), limit])
    clearTimeout(timer)
  }
}

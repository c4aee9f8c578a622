import { AppError, type DeviceKey, type JobType, keysOverlap, type OpenJob, parseDeviceKey, recordDeviceKey, type RecordDetail, type RecordSummary } from '@shared/contract'
import type { DeviceJob } from './jobs'

/** What the job runner reads from the records: the ones left in progress, and one record's steps. */
export interface InProgressRecords {
  inProgress(): RecordSummary[]
  summary(id: number): RecordSummary
  get(id: number, exchangeLimit?: number): RecordDetail
}

/** Running jobs first, then suspended ones; newest first within each. */
export function openJobs(active: Iterable<DeviceJob>, records: InProgressRecords, resumable: (type: JobType) => boolean): OpenJob[] {
  const inProgress = records.inProgress()
  const running = [...active].map((job): OpenJob => {
    const phase = job.snapshot().phase
    const startedAt = inProgress.find((r) => r.id === job.recordId)?.startedAt ?? startedAtOf(records, job.recordId)
    return {
      recordId: job.recordId,
      jobType: job.type,
      deviceKey: job.deviceKey,
      state: 'running',
      phase,
      step: phase.phase === 'running' || phase.phase === 'paused' ? phase.step || null : null,
      startedAt,
      resumable: false,
    }
  })
  const runningIds = new Set(running.map((job) => job.recordId))
  const suspended = inProgress
    .filter((record) => !runningIds.has(record.id))
    .map(
      (record): OpenJob => ({
        recordId: record.id,
        jobType: record.jobType,
        deviceKey: recordDeviceKey(record.deviceIds),
        state: 'suspended',
        phase: null,
        step: records.get(record.id, 0).steps.at(-1)?.key ?? null,
        startedAt: record.startedAt,
        resumable: resumable(record.jobType),
      }),
    )
  const newest = (a: OpenJob, b: OpenJob) => b.startedAt - a.startedAt || b.recordId - a.recordId
  return [...running.sort(newest), ...suspended.sort(newest)]
}

function startedAtOf(records: InProgressRecords, id: number): number {
  try {
    return records.summary(id).startedAt
  } catch {
    return 0
  }
}

/**
 * One job per device: a device is busy while a job runs on it, while a
 * record on it waits suspended, and while a new job on it is being made.
 */
export class DeviceClaims {
  private readonly pending = new Set<DeviceKey>()

  constructor(
    private readonly active: () => Iterable<DeviceJob>,
    private readonly records: InProgressRecords,
  ) {}

  /** Refuses when the device is busy; otherwise holds it until the returned release is called. */
  claim(key: DeviceKey): () => void {
    this.refuse(key, null, { suspended: true })
    this.pending.add(key)
    return () => this.pending.delete(key)
  }

  /** Throws `jobDeviceBusy` (another job runs there) or `jobDeviceSuspended` (one waits there) for any record but `self`. */
  refuse(key: DeviceKey, self: number | null, check: { suspended: boolean } = { suspended: true }): void {
    const device = parseDeviceKey(key)?.id ?? key
    for (const job of this.active()) {
      if (job.recordId !== self && keysOverlap(job.deviceKey, key)) throw new AppError('jobDeviceBusy', { id: job.recordId, jobType: job.type, device })
    }
    // a second start while the first is still being made: a double click, most likely
    if ([...this.pending].some((held) => keysOverlap(held, key))) throw new AppError('jobAlreadyRunning', { device })
    if (!check.suspended) return
    const running = new Set([...this.active()].map((job) => job.recordId))
    const waiting = this.records.inProgress().find((r) => {
      const held = r.id !== self && !running.has(r.id) ? recordDeviceKey(r.deviceIds) : null
      return held !== null && keysOverlap(held, key)
    })
    if (waiting) throw new AppError('jobDeviceSuspended', { id: waiting.id, jobType: waiting.jobType, device })
  }

  /** The device of a record, as its job wrote it. */
  keyOf(recordId: number): DeviceKey | null {
    return recordDeviceKey(this.records.summary(recordId).deviceIds)
  }
}

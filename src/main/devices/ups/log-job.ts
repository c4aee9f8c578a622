/**
 * A logging session of the UPS monitor as a record: the port, the protocol
 * file (name and SHA-256), the interval, the CSV files written and the poll
 * counts in the record's meta, and each alarm as a step of its own, started
 * when it is raised and finished when it clears. Everything goes to the record
 * as it happens (the counts at least every `META_EVERY_MS`), so a crash or a
 * quit keeps what was logged; the next start closes a session left open as
 * interrupted, ending at its last write.
 */
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { AppError, type ExportedFile, serialPortKey, UPS_COMM_LOST, type UpsAlarm, type UpsFileInUse, type UpsMonitorStats } from '@shared/contract'
import type { EventBus } from '../../core/events'
import { type JobDeps, RecordedJob } from '../../flows/recorded-job'
import type { RecordStore } from '../../store/records'
import type { UpsMonitor, UpsPoll } from './monitor'
import type { UpsPollLog } from './poll-log'

/** the longest a crash can take from the counts and the session's end */
export const META_EVERY_MS = 30_000

export interface UpsLogSession {
  port: string
  file: UpsFileInUse
  intervalMs: number
  monitor: UpsMonitor
  log: UpsPollLog
  /** the file's own name of a value, for an alarm's step */
  valueName: (n: number) => string | undefined
}

const clockText = (ms: number) => {
  const s = Math.max(0, Math.round(ms / 1000))
  return `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`
}

const FRAMING_TEXT = { own: { key: 'upsLog:framing.own', text: 'own' }, default: { key: 'upsLog:framing.default', text: 'default' } }

export class UpsLogJob extends RecordedJob {
  readonly type = 'upsLog' as const
  readonly stepKeys = ['logging'] as const
  readonly deviceKey: ReturnType<typeof serialPortKey>
  private readonly startedAt: number
  private readonly base: UpsMonitorStats
  private readonly alarmSteps = new Map<string, { id: number; n?: number }>()
  private readonly offs: (() => void)[] = []
  private alarmCount = 0
  private lastMetaAt = 0
  private filesWritten = 0
  private stopRequested: (() => void) | null = null
  private closed = false

  static create(deps: JobDeps, session: UpsLogSession): UpsLogJob {
    const record = deps.records.create({ jobType: 'upsLog', deviceIds: { port: session.port } })
    return new UpsLogJob(deps, record.id, session)
  }

  private constructor(
    deps: JobDeps,
    recordId: number,
    private readonly session: UpsLogSession,
  ) {
    super(deps, recordId)
    this.deviceKey = serialPortKey(session.port)
    this.startedAt = this.time.now()
    this.base = session.monitor.stats
  }

  /** Ends the session: the CSV files closed, the record completed. */
  stop(): void {
    this.stopRequested?.()
  }

  protected async execute(): Promise<null> {
    const { records } = this.deps
    const stepId = records.startStep(this.recordId, 'logging', { intervalMs: this.session.intervalMs })
    this.setPhase({ phase: 'running', step: 'logging' })
    this.writeMeta()
    this.offs.push(
      this.session.monitor.onPoll((poll) => this.polled(poll)),
      this.session.monitor.onAlarm((alarm) => this.alarmed(alarm)),
    )
    await new Promise<void>((resolve, reject) => {
      this.stopRequested = resolve
      const aborted = () => reject(this.signal.reason as Error)
      if (this.signal.aborted) aborted()
      else this.signal.addEventListener('abort', aborted, { once: true })
    })
    this.detach()
    const now = this.time.now()
    for (const step of this.alarmSteps.values()) this.finishAlarm(step, 'activeAtEnd')
    this.alarmSteps.clear()
    this.closeLog(now)
    const counts = this.counts()
    records.finishStep(stepId, {
      verdict: 'info',
      measurements: [
        { key: 'polls', value: counts.polls },
        { key: 'answers', value: counts.answers },
        { key: 'timeouts', value: counts.timeouts },
        { key: 'badAnswers', value: counts.badAnswers },
        { key: 'rows', value: this.session.log.rows },
        { key: 'alarms', value: this.alarmCount },
      ],
    })
    this.writeMeta(now)
    this.finish('none')
    return null
  }

  protected override async release(): Promise<void> {
    this.detach()
    if (!this.closed) {
      this.closeLog(this.time.now())
      // a quit: the record stays in progress, its counts as they were at the end
      try {
        this.writeMeta()
      } catch {
        // a record already closed (a cancel) keeps the meta it had
      }
    }
  }

  private detach(): void {
    for (const off of this.offs.splice(0)) off()
  }

  private closeLog(at: number): void {
    if (this.closed) return
    this.closed = true
    const { monitor, log, port, file } = this.session
    log.close({ startedAt: this.startedAt, endedAt: at, port, file: file.name, link: monitor.link.state, alarms: monitor.alarms() })
  }

  private polled(poll: UpsPoll): void {
    this.session.log.write(poll)
    if (this.session.log.files.length !== this.filesWritten || poll.at - this.lastMetaAt >= META_EVERY_MS) this.writeMeta(poll.at)
  }

  private alarmed(alarm: UpsAlarm): void {
    const { records } = this.deps
    this.session.log.alarm(alarm)
    if (alarm.clearedAt === undefined) {
      // the step runs while the alarm is active: its end is the clearing
      const key = alarm.key === UPS_COMM_LOST ? 'commLost' : `alarm${alarm.n ?? 0}`
      this.alarmSteps.set(alarm.key, { id: records.startStep(this.recordId, key, { alarm: alarm.key }), n: alarm.n })
      this.alarmCount++
    } else {
      const step = this.alarmSteps.get(alarm.key)
      if (step === undefined) return
      this.alarmSteps.delete(alarm.key)
      this.finishAlarm(step, null)
    }
    this.writeMeta()
    this.emit()
  }

  private finishAlarm(step: { id: number; n?: number }, note: string | null): void {
    const name = step.n !== undefined ? this.session.valueName(step.n) : undefined
    this.deps.records.finishStep(step.id, { verdict: 'info', note, ...(name !== undefined ? { measurements: [{ key: 'value', value: name }] } : {}) })
  }

  private counts(): UpsMonitorStats {
    const s = this.session.monitor.stats
    return {
      polls: s.polls - this.base.polls,
      requests: s.requests - this.base.requests,
      answers: s.answers - this.base.answers,
      timeouts: s.timeouts - this.base.timeouts,
      badAnswers: s.badAnswers - this.base.badAnswers,
      junkBytes: s.junkBytes - this.base.junkBytes,
    }
  }

  private writeMeta(at = this.time.now()): void {
    const { file, port, intervalMs, log } = this.session
    const counts = this.counts()
    this.lastMetaAt = at
    this.filesWritten = log.files.length
    this.deps.records.update(this.recordId, {
      meta: {
        protocolFile: file.name,
        protocolSha256: file.sha256,
        framing: file.framingOwn ? FRAMING_TEXT.own : FRAMING_TEXT.default,
        port,
        intervalS: intervalMs / 1000,
        duration: clockText(at - this.startedAt),
        polls: counts.polls,
        answers: counts.answers,
        timeouts: counts.timeouts,
        badAnswers: counts.badAnswers,
        alarms: this.alarmCount,
        csvFiles: log.files.map((f) => basename(f)).join(', '),
        csvPaths: [...log.files],
        lastAt: at,
      },
    })
  }
}

/** At start: a session a crash or a quit left open is closed as interrupted, at the last time it wrote. */
export function closeLeftOpenSessions(records: RecordStore, bus: EventBus): void {
  for (const record of records.inProgress()) {
    if (record.jobType !== 'upsLog') continue
    const lastAt = records.get(record.id, 0).meta.lastAt
    records.abort(record.id, 'interrupted', typeof lastAt === 'number' ? lastAt : record.updatedAt)
    bus.emit('records:changed', { id: record.id })
  }
}

/** One CSV file a logging session wrote, from its record: the file as it is on disk now. */
export async function logCsv(records: RecordStore, id: number, index: number): Promise<ExportedFile> {
  const record = records.get(id, 0)
  const paths = record.jobType === 'upsLog' && Array.isArray(record.meta.csvPaths) ? record.meta.csvPaths : []
  const path = paths[index]
  if (typeof path !== 'string') throw new AppError('recordNotFound', { id })
  try {
    return { fileName: basename(path), mime: 'text/csv', content: await readFile(path, 'utf8'), base64: false }
  } catch (err) {
    throw new AppError('upsFileUnreadable', { file: path, reason: (err as NodeJS.ErrnoException).code ?? 'EIO' })
  }
}

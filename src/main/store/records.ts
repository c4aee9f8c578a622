import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { DatabaseSync, type SQLInputValue } from 'node:sqlite'
import {
  AppError,
  type ExchangeDirection,
  type JobType,
  type JsonValue,
  type Measurement,
  type RecordDetail,
  type RecordExchange,
  type RecordStep,
  type RecordSummary,
  type StepVerdict,
  type Verdict,
} from '@shared/contract'
import { type RecordSearch, RecordSearchSchema } from '@shared/contract/schemas'
import type { Redactor } from '../log/redact'

const SCHEMA_VERSION = 1

const SCHEMA = `
CREATE TABLE IF NOT EXISTS records (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  job_type TEXT NOT NULL,
  status TEXT NOT NULL,
  verdict TEXT NOT NULL DEFAULT 'none',
  site TEXT NOT NULL DEFAULT '',
  customer TEXT NOT NULL DEFAULT '',
  device_serial TEXT NOT NULL DEFAULT '',
  device_ids TEXT NOT NULL DEFAULT '{}',
  operator TEXT NOT NULL DEFAULT '',
  started_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  finished_at INTEGER,
  end_reason TEXT,
  meta TEXT NOT NULL DEFAULT '{}',
  checkpoint TEXT
);
CREATE INDEX IF NOT EXISTS records_serial ON records(device_serial);
CREATE INDEX IF NOT EXISTS records_started ON records(started_at);
CREATE INDEX IF NOT EXISTS records_status ON records(status);
CREATE TABLE IF NOT EXISTS steps (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  key TEXT NOT NULL,
  status TEXT NOT NULL,
  verdict TEXT,
  started_at INTEGER NOT NULL,
  finished_at INTEGER,
  inputs TEXT NOT NULL DEFAULT '{}',
  measurements TEXT NOT NULL DEFAULT '[]',
  note TEXT
);
CREATE INDEX IF NOT EXISTS steps_record ON steps(record_id, seq);
CREATE TABLE IF NOT EXISTS exchanges (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  step_id INTEGER REFERENCES steps(id) ON DELETE SET NULL,
  ts INTEGER NOT NULL,
  direction TEXT NOT NULL,
  channel TEXT NOT NULL,
  data TEXT NOT NULL,
  summary TEXT
);
CREATE INDEX IF NOT EXISTS exchanges_record ON exchanges(record_id, id);
`

export interface NewRecord {
  jobType: JobType
  site?: string
  customer?: string
  deviceSerial?: string
  deviceIds?: Record<string, string>
  operator?: string
  meta?: Record<string, JsonValue>
}

export interface NewExchange {
  stepId?: number | null
  direction: ExchangeDirection
  channel: string
  data: string
  summary?: string | null
  ts?: number
}

type Row = Record<string, SQLInputValue>

/** The exchanges returned with a record's detail; an export carries all of them. */
export const DETAIL_EXCHANGE_LIMIT = 2000

/**
 * Job records in SQLite (node:sqlite: no native addon to rebuild), WAL with
 * synchronous=FULL so a step is on disk before the job moves on: a crash or
 * a closed window leaves a record that says how far it got.
 */
export class RecordStore {
  private readonly db: DatabaseSync

  constructor(
    file: string,
    private readonly redactor: Redactor,
    private readonly now: () => number = Date.now,
  ) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
    this.db = new DatabaseSync(file)
    this.db.exec('PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;')
    const version = (this.db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version
    if (version > SCHEMA_VERSION) throw new Error(`records database is newer (v${version}) than this app (v${SCHEMA_VERSION})`)
    this.db.exec(SCHEMA)
    this.db.exec(`PRAGMA user_version=${SCHEMA_VERSION}`)
  }

  close(): void {
    if (this.db.isOpen) this.db.close()
  }

  create(input: NewRecord): RecordSummary {
    const t = this.now()
    const info = this.db
      .prepare(
        `INSERT INTO records (job_type, status, site, customer, device_serial, device_ids, operator, started_at, updated_at, meta)
         VALUES (?, 'inProgress', ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        input.jobType,
        this.clean(input.site ?? ''),
        this.clean(input.customer ?? ''),
        this.clean(input.deviceSerial ?? ''),
        this.json(input.deviceIds ?? {}),
        this.clean(input.operator ?? ''),
        t,
        t,
        this.json(input.meta ?? {}),
      )
    return this.summary(Number(info.lastInsertRowid))
  }

  /** Updates identifying fields learned during the job (e.g. a serial read from the device). */
  update(id: number, patch: Partial<Pick<NewRecord, 'site' | 'customer' | 'deviceSerial' | 'deviceIds' | 'operator' | 'meta'>>): void {
    this.requireOpen(id)
    const sets: string[] = []
    const values: SQLInputValue[] = []
    const set = (column: string, value: SQLInputValue) => {
      sets.push(`${column} = ?`)
      values.push(value)
    }
    if (patch.site !== undefined) set('site', this.clean(patch.site))
    if (patch.customer !== undefined) set('customer', this.clean(patch.customer))
    if (patch.deviceSerial !== undefined) set('device_serial', this.clean(patch.deviceSerial))
    if (patch.operator !== undefined) set('operator', this.clean(patch.operator))
    if (patch.deviceIds !== undefined) set('device_ids', this.json(patch.deviceIds))
    if (patch.meta !== undefined) set('meta', this.json(patch.meta))
    if (!sets.length) return
    this.db.prepare(`UPDATE records SET ${sets.join(', ')}, updated_at = ? WHERE id = ?`).run(...values, this.now(), id)
  }

  /** Where a job can pick up again after a crash (job-specific JSON). */
  setCheckpoint(id: number, checkpoint: JsonValue): void {
    this.db.prepare('UPDATE records SET checkpoint = ?, updated_at = ? WHERE id = ?').run(this.json(checkpoint), this.now(), id)
  }

  checkpoint(id: number): JsonValue | null {
    const row = this.db.prepare('SELECT checkpoint FROM records WHERE id = ?').get(id) as { checkpoint: string | null } | undefined
    if (!row) throw new AppError('recordNotFound', { id })
    return row.checkpoint ? (JSON.parse(row.checkpoint) as JsonValue) : null
  }

  startStep(recordId: number, key: string, inputs: Record<string, JsonValue> = {}): number {
    this.requireOpen(recordId)
    const t = this.now()
    const seq = (this.db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM steps WHERE record_id = ?').get(recordId) as { n: number }).n
    const info = this.db
      .prepare(`INSERT INTO steps (record_id, seq, key, status, started_at, inputs) VALUES (?, ?, ?, 'running', ?, ?)`)
      .run(recordId, seq, key, t, this.json(inputs))
    this.touch(recordId, t)
    return Number(info.lastInsertRowid)
  }

  finishStep(stepId: number, result: { verdict: StepVerdict; measurements?: Measurement[]; note?: string | null }): void {
    const t = this.now()
    const row = this.db.prepare('SELECT record_id FROM steps WHERE id = ?').get(stepId) as { record_id: number } | undefined
    if (!row) throw new AppError('notFound', { what: 'step', id: stepId })
    this.db
      .prepare(`UPDATE steps SET status = 'done', verdict = ?, finished_at = ?, measurements = ?, note = ? WHERE id = ?`)
      .run(result.verdict, t, this.json(result.measurements ?? []), result.note ? this.clean(result.note) : null, stepId)
    this.touch(row.record_id, t)
  }

  addExchange(recordId: number, exchange: NewExchange): void {
    this.db
      .prepare(`INSERT INTO exchanges (record_id, step_id, ts, direction, channel, data, summary) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(
        recordId,
        exchange.stepId ?? null,
        exchange.ts ?? this.now(),
        exchange.direction,
        exchange.channel,
        this.redactor.text(exchange.data),
        exchange.summary ? this.redactor.text(exchange.summary) : null,
      )
  }

  /** Many exchanges in one transaction (a burst of frames). */
  addExchanges(recordId: number, exchanges: NewExchange[]): void {
    if (!exchanges.length) return
    this.db.exec('BEGIN')
    try {
      for (const exchange of exchanges) this.addExchange(recordId, exchange)
      this.db.exec('COMMIT')
    } catch (err) {
      this.db.exec('ROLLBACK')
      throw err
    }
  }

  finish(id: number, verdict: Verdict): RecordSummary {
    this.requireOpen(id)
    const t = this.now()
    this.db.prepare(`UPDATE records SET status = 'completed', verdict = ?, finished_at = ?, updated_at = ? WHERE id = ?`).run(verdict, t, t, id)
    return this.summary(id)
  }

  /**
   * Opens a completed record again so a failed step can be run once more; its
   * steps and exchanges stay, and it is finished again with a fresh verdict.
   */
  reopen(id: number): RecordSummary {
    const row = this.db.prepare('SELECT status FROM records WHERE id = ?').get(id) as { status: string } | undefined
    if (!row) throw new AppError('recordNotFound', { id })
    if (row.status !== 'completed') throw new AppError('recordClosed', { id })
    this.db.prepare(`UPDATE records SET status = 'inProgress', verdict = 'none', finished_at = NULL, updated_at = ? WHERE id = ?`).run(this.now(), id)
    return this.summary(id)
  }

  /** Closes a record that will not complete; running steps are marked interrupted. `at`: when it ended, if not now (a session found open after a crash ends at its last write). */
  abort(id: number, reason: string, at?: number): RecordSummary {
    this.requireOpen(id)
    const t = at ?? this.now()
    this.db.exec('BEGIN')
    try {
      this.db.prepare(`UPDATE steps SET status = 'interrupted', finished_at = ? WHERE record_id = ? AND status = 'running'`).run(t, id)
      this.db
        .prepare(`UPDATE records SET status = 'aborted', verdict = 'none', end_reason = ?, finished_at = ?, updated_at = ? WHERE id = ?`)
        .run(reason, t, t, id)
      this.db.exec('COMMIT')
    } catch (err) {
      this.db.exec('ROLLBACK')
      throw err
    }
    return this.summary(id)
  }

  /** Marks steps left running by a crash as interrupted, so a resumed job redoes them. */
  interruptRunningSteps(id: number): void {
    this.db.prepare(`UPDATE steps SET status = 'interrupted', finished_at = ? WHERE record_id = ? AND status = 'running'`).run(this.now(), id)
  }

  inProgress(): RecordSummary[] {
    const rows = this.db.prepare(`SELECT * FROM records WHERE status = 'inProgress' ORDER BY started_at DESC`).all() as Row[]
    return rows.map((row) => this.toSummary(row))
  }

  summary(id: number): RecordSummary {
    const row = this.db.prepare('SELECT * FROM records WHERE id = ?').get(id) as Row | undefined
    if (!row) throw new AppError('recordNotFound', { id })
    return this.toSummary(row)
  }

  get(id: number, exchangeLimit = DETAIL_EXCHANGE_LIMIT): RecordDetail {
    const row = this.db.prepare('SELECT * FROM records WHERE id = ?').get(id) as Row | undefined
    if (!row) throw new AppError('recordNotFound', { id })
    const steps = (this.db.prepare('SELECT * FROM steps WHERE record_id = ? ORDER BY seq').all(id) as Row[]).map(toStep)
    const exchangeCount = (this.db.prepare('SELECT COUNT(*) AS n FROM exchanges WHERE record_id = ?').get(id) as { n: number }).n
    const exchanges = (
      this.db.prepare('SELECT * FROM exchanges WHERE record_id = ? ORDER BY id LIMIT ?').all(id, exchangeLimit) as Row[]
    ).map(toExchange)
    return { ...this.toSummary(row), meta: JSON.parse(String(row.meta)) as Record<string, JsonValue>, steps, exchanges, exchangeCount }
  }

  search(input: RecordSearch): { records: RecordSummary[]; total: number } {
    const q = RecordSearchSchema.parse(input)
    const where: string[] = []
    const args: SQLInputValue[] = []
    const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    if (q.text) {
      where.push(
        `(site LIKE ? ESCAPE '\\' OR customer LIKE ? ESCAPE '\\' OR device_serial LIKE ? ESCAPE '\\' OR operator LIKE ? ESCAPE '\\' OR device_ids LIKE ? ESCAPE '\\')`,
      )
      const t = like(q.text)
      args.push(t, t, t, t, t)
    }
    const when = (sql: string, value: SQLInputValue) => {
      where.push(sql)
      args.push(value)
    }
    if (q.deviceSerial) when(`device_serial LIKE ? ESCAPE '\\'`, like(q.deviceSerial))
    if (q.site) when(`site LIKE ? ESCAPE '\\'`, like(q.site))
    if (q.from) when('started_at >= ?', localDayStart(q.from))
    if (q.to) when('started_at < ?', localDayStart(q.to) + 86_400_000)
    if (q.verdict) when('verdict = ?', q.verdict)
    if (q.status) when('status = ?', q.status)
    if (q.jobType) when('job_type = ?', q.jobType)
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM records ${clause}`).get(...args) as { n: number }).n
    const rows = this.db
      .prepare(`SELECT * FROM records ${clause} ORDER BY started_at DESC, id DESC LIMIT ? OFFSET ?`)
      .all(...args, q.limit, q.offset) as Row[]
    return { records: rows.map((row) => this.toSummary(row)), total }
  }

  /** Ids of a job type's records started in [from, to), oldest first. */
  startedBetween(jobType: JobType, from: number, to: number): number[] {
    const rows = this.db.prepare('SELECT id FROM records WHERE job_type = ? AND started_at >= ? AND started_at < ? ORDER BY started_at, id').all(jobType, from, to) as Row[]
    return rows.map((row) => Number(row.id))
  }

  /** Every exchange of a record, for exports. */
  allExchanges(id: number): RecordExchange[] {
    return (this.db.prepare('SELECT * FROM exchanges WHERE record_id = ? ORDER BY id').all(id) as Row[]).map(toExchange)
  }

  private requireOpen(id: number): void {
    const row = this.db.prepare('SELECT status FROM records WHERE id = ?').get(id) as { status: string } | undefined
    if (!row) throw new AppError('recordNotFound', { id })
    if (row.status !== 'inProgress') throw new AppError('recordClosed', { id })
  }

  private touch(id: number, t: number): void {
    this.db.prepare('UPDATE records SET updated_at = ? WHERE id = ?').run(t, id)
  }

  private clean(text: string): string {
    return this.redactor.text(text)
  }

  private json(value: unknown): string {
    return JSON.stringify(this.redactor.value(value))
  }

  private toSummary(row: Row): RecordSummary {
    const id = Number(row.id)
    const stepCount = (this.db.prepare('SELECT COUNT(*) AS n FROM steps WHERE record_id = ?').get(id) as { n: number }).n
    return {
      id,
      jobType: String(row.job_type) as JobType,
      status: String(row.status) as RecordSummary['status'],
      verdict: String(row.verdict) as Verdict,
      site: String(row.site),
      customer: String(row.customer),
      deviceSerial: String(row.device_serial),
      deviceIds: JSON.parse(String(row.device_ids)) as Record<string, string>,
      operator: String(row.operator),
      startedAt: Number(row.started_at),
      updatedAt: Number(row.updated_at),
      finishedAt: row.finished_at === null ? null : Number(row.finished_at),
      endReason: row.end_reason === null ? null : String(row.end_reason),
      stepCount,
    }
  }
}

function localDayStart(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return new Date(y, m - 1, d).getTime()
}

function toStep(row: Row): RecordStep {
  return {
    id: Number(row.id),
    seq: Number(row.seq),
    key: String(row.key),
    status: String(row.status) as RecordStep['status'],
    verdict: row.verdict === null ? null : (String(row.verdict) as StepVerdict),
    startedAt: Number(row.started_at),
    finishedAt: row.finished_at === null ? null : Number(row.finished_at),
    inputs: JSON.parse(String(row.inputs)) as Record<string, JsonValue>,
    measurements: JSON.parse(String(row.measurements)) as Measurement[],
    note: row.note === null ? null : String(row.note),
  }
}

function toExchange(row: Row): RecordExchange {
  return {
    id: Number(row.id),
    stepId: row.step_id === null ? null : Number(row.step_id),
    ts: Number(row.ts),
    direction: String(row.direction) as ExchangeDirection,
    channel: String(row.channel),
    data: String(row.data),
    summary: row.summary === null ? null : String(row.summary),
  }
}

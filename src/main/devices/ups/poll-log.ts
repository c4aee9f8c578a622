/**
 * Every poll of every value to disk, for nights and weekends of logging: one
 * CSV row a poll (ISO 8601 time with the zone's offset, the line's state,
 * then each value in its unit, empty where the poll missed it), written as
 * it comes, so memory stays flat however long it runs. A file ends at a size
 * or at the local day's end and the next one goes on beside it
 * (`F.csv`, then `F.1.csv`, `F.2.csv`…), each with its own header; alarms go
 * to `F.alarms.csv` as they are raised and cleared, and `F.session.json`
 * sums the session up when it ends.
 */
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs'
import type { UpsAlarm, UpsLinkState } from '@shared/contract'
import type { FramingProfile } from '@shared/devices/ups/framing'
import type { UpsProtocol } from '@shared/devices/ups/protocol'
import { csvField, isoWithOffset } from '@shared/series/csv'
import { unitOf } from './files'
import type { UpsPoll } from './monitor'

export const DEFAULT_ROTATE_BYTES = 50 * 1024 * 1024

export interface PollLogOptions {
  /** the first file's path; later ones take `.1`, `.2`… before `.csv` */
  path: string
  protocol: UpsProtocol
  framing: FramingProfile
  /** a new file once this one is this big */
  rotateBytes?: number
  /** the zone the times and the day's end are in (the system's when not told) */
  timeZone?: string
  /** what to call the values in the header: the file's own names unless told */
  name?: (n: number, fileName: string) => string
}

export interface PollLogSummary {
  files: string[]
  rows: number
  bytes: number
}

const dayOf = (ms: number, timeZone: string | undefined) => isoWithOffset(ms, timeZone).slice(0, 10)

export class UpsPollLog {
  readonly files: string[] = []
  rows = 0
  bytes = 0
  private fd: number | null = null
  private fileBytes = 0
  private day = ''
  private readonly columns: { n: number; scale: number }[]
  private readonly header: string
  private readonly alarmsFd: number
  private readonly decimals: number[]

  constructor(private readonly options: PollLogOptions) {
    const measurable = options.protocol.values.filter((v) => v.measurable)
    this.columns = measurable.map((v) => ({ n: v.n, scale: unitOf(v, options.framing).scale }))
    this.decimals = this.columns.map((c) => Math.max(0, Math.min(6, Math.ceil(-Math.log10(Math.abs(c.scale) || 1)))))
    const name = options.name ?? ((_n: number, fileName: string) => fileName)
    const titles = measurable.map((v) => {
      const unit = unitOf(v, options.framing).unit
      return `cmd-${v.n} ${name(v.n, v.name)}${unit ? ` (${unit})` : ''}`
    })
    this.header = `\uFEFF${['time', 'link', ...titles].map(csvField).join(',')}\r\n`
    this.alarmsFd = openSync(this.sidePath('alarms.csv'), 'w')
    writeSync(this.alarmsFd, `\uFEFF${['time', 'event', 'alarm', 'raised'].join(',')}\r\n`)
  }

  write(poll: UpsPoll): void {
    const day = dayOf(poll.at, this.options.timeZone)
    if (this.fd === null || day !== this.day || this.fileBytes >= (this.options.rotateBytes ?? DEFAULT_ROTATE_BYTES)) this.rotate(day)
    const cells = [isoWithOffset(poll.at, this.options.timeZone), poll.link]
    this.columns.forEach((c, i) => {
      const raw = poll.raw.get(c.n)
      cells.push(raw === null || raw === undefined ? '' : (raw * c.scale).toFixed(this.decimals[i]!))
    })
    this.append(`${cells.join(',')}\r\n`)
    this.rows++
  }

  alarm(alarm: UpsAlarm): void {
    const at = alarm.clearedAt ?? alarm.raisedAt
    const row = [isoWithOffset(at, this.options.timeZone), alarm.clearedAt === undefined ? 'raised' : 'cleared', alarm.key, isoWithOffset(alarm.raisedAt, this.options.timeZone)]
    writeSync(this.alarmsFd, `${row.map(csvField).join(',')}\r\n`)
  }

  /** Ends the files and writes the session's summary beside them. */
  close(session: { startedAt: number; endedAt: number; port: string; file: string; link: UpsLinkState; alarms: { active: UpsAlarm[]; history: UpsAlarm[] } }): PollLogSummary {
    if (this.fd !== null) closeSync(this.fd)
    this.fd = null
    closeSync(this.alarmsFd)
    const summary = { files: [...this.files], rows: this.rows, bytes: this.bytes }
    const iso = (ms: number) => isoWithOffset(ms, this.options.timeZone)
    const alarm = (a: UpsAlarm) => ({ key: a.key, raised: iso(a.raisedAt), ...(a.clearedAt !== undefined ? { cleared: iso(a.clearedAt) } : {}) })
    const record = {
      started: iso(session.startedAt),
      ended: iso(session.endedAt),
      port: session.port,
      protocolFile: session.file,
      link: session.link,
      ...summary,
      alarms: [...session.alarms.history, ...session.alarms.active].sort((a, b) => a.raisedAt - b.raisedAt).map(alarm),
    }
    writeFileSync(this.sidePath('session.json'), `${JSON.stringify(record, null, 2)}\n`)
    return summary
  }

  private rotate(day: string): void {
    if (this.fd !== null) closeSync(this.fd)
    const path = this.files.length ? this.options.path.replace(/(\.csv)?$/i, `.${this.files.length}$1`) : this.options.path
    this.files.push(path)
    this.fd = openSync(path, 'w')
    this.fileBytes = 0
    this.day = day
    this.append(this.header)
  }

  private append(text: string): void {
    const n = writeSync(this.fd!, text)
    this.fileBytes += n
    this.bytes += n
  }

  private sidePath(suffix: string): string {
    return this.options.path.replace(/(\.csv)?$/i, `.${suffix}`)
  }
}

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '@shared/contract'
import { Redactor } from '../log/redact'
import { RecordStore } from './records'

let dir: string
let clock: number
const now = () => clock

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fieldbench-records-'))
  clock = new Date(2026, 10, 20, 9, 30).getTime()
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function open(redactor = new Redactor()) {
  return new RecordStore(join(dir, 'records.sqlite'), redactor, now)
}

describe('RecordStore', () => {
  it('uses WAL and synchronous=FULL so a finished step is on disk', () => {
    const store = open()
    const db = (store as unknown as { db: { prepare(sql: string): { get(): Record<string, unknown> } } }).db
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' })
    expect(db.prepare('PRAGMA synchronous').get()).toEqual({ synchronous: 2 })
    store.close()
  })

  it('writes a job as it goes: steps with inputs, measurements, verdicts and the exchanges behind them', () => {
    const store = open()
    const record = store.create({ jobType: 'linkCheck', site: 'Warehouse 4', customer: 'ACME', operator: 'Ewa', deviceSerial: 'CAB-0001', deviceIds: { port: '/dev/ttyUSB0' } })
    expect(record).toMatchObject({ status: 'inProgress', verdict: 'none', stepCount: 0 })
    const step = store.startStep(record.id, 'echo', { baudRate: 115200 })
    clock += 1500
    store.addExchange(record.id, { stepId: step, direction: 'tx', channel: 'serial:/dev/ttyUSB0', data: '55aa' })
    store.addExchange(record.id, { stepId: step, direction: 'rx', channel: 'serial:/dev/ttyUSB0', data: '55aa' })
    store.finishStep(step, { verdict: 'pass', measurements: [{ key: 'roundTripMedian', value: 4.2, unit: 'ms' }] })
    const done = store.finish(record.id, 'pass')
    expect(done).toMatchObject({ status: 'completed', verdict: 'pass', finishedAt: clock, stepCount: 1 })
    const detail = store.get(record.id)
    expect(detail.steps[0]).toMatchObject({ key: 'echo', status: 'done', verdict: 'pass', inputs: { baudRate: 115200 }, measurements: [{ key: 'roundTripMedian', value: 4.2 }] })
    expect(detail.exchanges.map((x) => x.direction)).toEqual(['tx', 'rx'])
    expect(detail.exchangeCount).toBe(2)
    store.close()
  })

  it('survives a crash mid-job: the reopened database says how far it got, and it can be resumed or closed as aborted', () => {
    const first = open()
    const record = first.create({ jobType: 'linkCheck', deviceSerial: 'A1' })
    const done = first.startStep(record.id, 'open')
    first.finishStep(done, { verdict: 'pass' })
    first.startStep(record.id, 'echo') // the app dies here
    first.close()

    const second = open()
    const interrupted = second.inProgress()
    expect(interrupted.map((r) => r.id)).toEqual([record.id])
    expect(second.get(record.id).steps.map((s) => [s.key, s.status])).toEqual([
      ['open', 'done'],
      ['echo', 'running'],
    ])
    const aborted = second.abort(record.id, 'interrupted')
    expect(aborted).toMatchObject({ status: 'aborted', verdict: 'none', endReason: 'interrupted' })
    expect(second.get(record.id).steps[1]!.status).toBe('interrupted')
    expect(() => second.startStep(record.id, 'again')).toThrow(AppError)
    second.close()
  })

  it('searches by serial, site, date, verdict and free text', () => {
    const store = open()
    const a = store.create({ jobType: 'linkCheck', site: 'Gdańsk depot', deviceSerial: 'CAB-1001', operator: 'Ola' })
    store.finish(a.id, 'pass')
    clock += 86_400_000 * 2
    const b = store.create({ jobType: 'cabinetTest', site: '上海工厂', deviceSerial: 'CAB-1002', customer: 'Swap Co' })
    store.finish(b.id, 'fail')
    const c = store.create({ jobType: 'linkCheck', site: 'Gdańsk depot', deviceSerial: '100%_odd' })
    const ids = (q: Parameters<RecordStore['search']>[0]) => store.search(q).records.map((r) => r.id)
    expect(ids({ deviceSerial: '1002' })).toEqual([b.id])
    expect(ids({ site: 'gdańsk' })).toEqual([c.id, a.id])
    expect(ids({ verdict: 'fail' })).toEqual([b.id])
    expect(ids({ status: 'inProgress' })).toEqual([c.id])
    expect(ids({ text: 'swap co' })).toEqual([b.id])
    expect(ids({ text: '上海' })).toEqual([b.id])
    // LIKE wildcards in the query are literal
    expect(ids({ deviceSerial: '0%_' })).toEqual([c.id])
    const day = (ms: number) => new Date(ms).toLocaleDateString('sv-SE')
    expect(ids({ from: day(clock), to: day(clock) })).toEqual([c.id, b.id])
    expect(ids({ to: day(clock - 86_400_000) })).toEqual([a.id])
    expect(store.search({ limit: 1 }).total).toBe(3)
    store.close()
  })

  it('never stores a known secret, whatever field it slips into', () => {
    const redactor = new Redactor()
    redactor.addSecret('sk-live-0123456789')
    const store = open(redactor)
    const record = store.create({ jobType: 'ctDetection', site: 'pasted sk-live-0123456789 by mistake', meta: { token: 'anything', note: 'sk-live-0123456789' } })
    store.addExchange(record.id, { direction: 'request', channel: 'http:GET /x', data: '{"token":"sk-live-0123456789"}' })
    const text = JSON.stringify(store.get(record.id))
    expect(text).not.toContain('sk-live-0123456789')
    expect(store.get(record.id).meta).toEqual({ token: '[redacted]', note: '[redacted]' })
    store.close()
  })

  it('refuses a database written by a newer version instead of corrupting it', () => {
    const store = open()
    ;(store as unknown as { db: { exec(sql: string): void } }).db.exec('PRAGMA user_version=99')
    store.close()
    expect(() => open()).toThrow(/newer/)
  })
})

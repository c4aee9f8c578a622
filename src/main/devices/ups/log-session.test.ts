/**
 * The monitor's choice of protocol file and a logging session kept as a
 * record, inside a real core through dispatch, against the simulated UPS on a
 * pseudo-terminal pair (system clock: the line is real).
 */
import { copyFileSync, existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { type ExportedFile, type RecordDetail, UPS_COMM_LOST, type UpsMonitorLayout, type UpsMonitorView, type UpsProtocolDocument } from '@shared/contract'
import type { Core } from '../../core/core'
import { invoke as call, invokeValue as value, testCore } from '../../core/test-core'
import { type PtyUps, startPtyUps } from './harness'

const ROOT = resolve(import.meta.dirname, '../../../..')
const CORRECTED = join(ROOT, 'resources/ups/ups-rs232-protocol.zh.ini')
const SEED = join(ROOT, 'docs/devices/ups-rs232-protocol.zh.ini')

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function bench(): Promise<{ core: Core; ups: PtyUps; dataDir: string }> {
  const ups = await startPtyUps()
  cleanups.push(() => ups.close())
  const made = await testCore({ languages: ['en'] })
  cleanups.push(made.cleanup)
  return { core: made.core, ups, dataDir: made.dataDir }
}


function nextView(core: Core, match: (v: UpsMonitorView) => boolean): Promise<UpsMonitorView> {
  return new Promise((done) => {
    const off = core.bus.attach((channel, payload) => {
      if (channel === 'ups:monitor' && match(payload as UpsMonitorView)) {
        off()
        done(payload as UpsMonitorView)
      }
    })
  })
}

const upload = (core: Core, path: string, name: string) => value<UpsProtocolDocument>(core, 'upsFilesUpload', { name, base64: readFileSync(path).toString('base64') })

describe('the monitor reads the protocol file the person chose', () => {
  it('monitors with an uploaded file open in the editor, its unsaved corrections and framing applied', { timeout: 30_000 }, async () => {
    const { core, ups } = await bench()
    const doc = await upload(core, CORRECTED, 'site-ups.ini')
    // a unit changed in the editor and not saved: the monitor follows the editor, not the file as uploaded
    const framing = { ...doc.framing, values: { 'cmd-1': { unit: 'kV', scale: 0.0001 } } }
    const started = await value<UpsMonitorView>(core, 'upsMonitorStart', { path: ups.path, intervalMs: 500, file: { kind: 'document', docId: doc.docId, edits: [], framing } })
    expect(started.file).toBe('site-ups.ini')
    const layout = await value<UpsMonitorLayout>(core, 'upsMonitorLayout')
    expect(layout.fileInUse).toMatchObject({ name: 'site-ups.ini', origin: 'editor', framingOwn: true })
    expect(layout.fileInUse.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(layout.values.find((v) => v.n === 1)?.unit).toBe('kV')
    const first = await nextView(core, (v) => v.link.state === 'ok')
    expect(first.readings.find((r) => r.n === 1)).toMatchObject({ unit: 'kV', stale: false })
    expect(first.readings.find((r) => r.n === 1)!.value).toBeLessThan(1)
    await value(core, 'upsMonitorStop')
  })

  it('monitors with a file from disk, its framing its own when a profile lies beside it and the default when none does', { timeout: 30_000 }, async () => {
    const { core, ups, dataDir } = await bench()
    const alone = join(dataDir, 'alone.ini')
    copyFileSync(CORRECTED, alone)
    await value(core, 'upsMonitorStart', { path: ups.path, intervalMs: 500, file: { kind: 'path', path: alone } })
    expect((await value<UpsMonitorLayout>(core, 'upsMonitorLayout')).fileInUse).toMatchObject({ name: 'alone.ini', origin: 'disk', framingOwn: false })
    await nextView(core, (v) => v.link.state === 'ok')
    await value(core, 'upsMonitorStart', { path: ups.path, intervalMs: 500, file: { kind: 'path', path: CORRECTED } })
    expect((await value<UpsMonitorLayout>(core, 'upsMonitorLayout')).fileInUse).toMatchObject({ name: 'ups-rs232-protocol.zh.ini', origin: 'disk', framingOwn: true })
    await value(core, 'upsMonitorStop')
  })

  it('refuses the seed with its placeholder positions, opening no port and keeping no record', async () => {
    const { core, ups } = await bench()
    const doc = await upload(core, SEED, 'seed.ini')
    for (const file of [{ kind: 'document', docId: doc.docId }, { kind: 'path', path: SEED }]) {
      const refused = await call(core, 'upsMonitorStart', { path: ups.path, intervalMs: 500, log: true, file })
      expect(refused).toMatchObject({ ok: false, error: { code: 'upsFilePlaceholder', params: { count: 120, index: '13' } } })
    }
    expect((await value<UpsMonitorView>(core, 'upsMonitorState')).running).toBe(false)
    expect(core.ports.session(ups.path)).toBeUndefined()
    expect(core.records.search({ limit: 10 }).total).toBe(0)
  })
})

describe('a logging session is a record', () => {
  it('keeps the session with its alarm history: a mains failure and a line fault, raised and cleared', { timeout: 60_000 }, async () => {
    const { core, ups } = await bench()
    const started = await value<UpsMonitorView>(core, 'upsMonitorStart', { path: ups.path, intervalMs: 500, log: true })
    const id = started.logRecordId!
    expect(id).toBeGreaterThan(0)
    expect(started.logPath).toMatch(/ups-logs\/ups-.*\.csv$/)
    await nextView(core, (v) => v.link.state === 'ok')

    ups.sim.setScenario('mainsFailure')
    await nextView(core, (v) => v.alarms.active.some((a) => a.key === 'cmd-23'))
    // written as it happens: the alarm is in the record while the session runs
    const during = core.records.get(id)
    expect(during.status).toBe('inProgress')
    expect(during.steps.find((s) => s.key === 'alarm23')).toMatchObject({ status: 'running' })
    ups.sim.setScenario('normal')
    await nextView(core, (v) => v.alarms.history.some((a) => a.key === 'cmd-23'))
    ups.sim.setLineFault('noAnswer')
    await nextView(core, (v) => v.alarms.active.some((a) => a.key === UPS_COMM_LOST))
    ups.sim.setLineFault('none')
    await nextView(core, (v) => v.alarms.history.some((a) => a.key === UPS_COMM_LOST))
    const stopped = await value<UpsMonitorView>(core, 'upsMonitorStop')
    expect(stopped.logRecordId).toBeNull()

    const record = await value<RecordDetail>(core, 'getRecord', { id })
    expect(record).toMatchObject({ jobType: 'upsLog', status: 'completed', deviceIds: { port: ups.path } })
    expect(record.meta).toMatchObject({ protocolFile: 'ups-rs232-protocol.zh.ini', port: ups.path, intervalS: 0.5, framing: { text: 'default' } })
    expect(record.meta.protocolSha256).toMatch(/^[0-9a-f]{64}$/)
    expect(record.meta.polls).toBeGreaterThan(3)
    expect(record.meta.timeouts).toBeGreaterThan(0)
    expect(Number(record.meta.alarms)).toBeGreaterThanOrEqual(2)
    const mains = record.steps.find((s) => s.key === 'alarm23')!
    expect(mains).toMatchObject({ status: 'done', verdict: 'info', measurements: [{ key: 'value', value: 'A相欠压' }] })
    expect(mains.finishedAt!).toBeGreaterThan(mains.startedAt)
    const lost = record.steps.find((s) => s.key === 'commLost')!
    expect(lost.status).toBe('done')
    expect(lost.startedAt).toBeGreaterThan(mains.finishedAt!)
    expect(record.steps[0]).toMatchObject({ key: 'logging', status: 'done' })
    expect(record.finishedAt).not.toBeNull()

    const csv = await value<ExportedFile>(core, 'upsLogCsv', { id, index: 0 })
    expect(csv.fileName).toBe(String(record.meta.csvFiles))
    expect(csv.content.split('\r\n').filter((row) => /,lost,/.test(row)).length).toBeGreaterThan(0)
    const html = await value<ExportedFile>(core, 'exportRecord', { id, format: 'html', language: 'en' })
    const summary = html.content.indexOf('ups-rs232-protocol.zh.ini')
    expect(summary).toBeGreaterThan(0)
    expect(summary).toBeLessThan(html.content.indexOf('Alarm of value 23'))
    expect(html.content).toContain('Communication lost')
  })

  it('a quit mid-log leaves the record readable, closed as interrupted at its last write on the next start', { timeout: 60_000 }, async () => {
    const ups = await startPtyUps()
    cleanups.push(() => ups.close())
    const first = await testCore({ languages: ['en'] })
    const started = await value<UpsMonitorView>(first.core, 'upsMonitorStart', { path: ups.path, intervalMs: 500, log: true })
    const id = started.logRecordId!
    ups.sim.setScenario('mainsFailure')
    await nextView(first.core, (v) => v.alarms.active.some((a) => a.key === 'cmd-23'))
    await first.core.dispose()

    const second = await testCore({ languages: ['en'], dataDir: first.dataDir })
    cleanups.push(second.cleanup)
    const record = await value<RecordDetail>(second.core, 'getRecord', { id })
    expect(record).toMatchObject({ status: 'aborted', endReason: 'interrupted' })
    expect(record.finishedAt).toBe(record.meta.lastAt)
    expect(record.steps.find((s) => s.key === 'alarm23')).toMatchObject({ status: 'interrupted' })
    expect(Number(record.meta.polls)).toBeGreaterThan(0)
    expect(existsSync(join(first.dataDir, 'ups-logs', String(record.meta.csvFiles)))).toBe(true)
    expect(second.core.jobs.open()).toEqual([])
  })
})

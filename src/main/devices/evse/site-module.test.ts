/**
 * Several chargers at one site, through the dispatch the IPC uses: the scan's
 * refusals and progress events, a template applied to three simulated
 * chargers (one of which answers a write 200 and ignores it, one that is
 * gone) in one record, and demo mode's hands at its three chargers.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createServer } from 'node:net'
import type { EvseDemoCharger, EvseScanProgress, EvseSiteTemplate, InvokeResult, JobUpdate, RecordDetail, SimulatorInfo } from '@shared/contract'
import { localizeNote } from '@shared/i18n/localize'
import { VirtualClock } from '../../core/clock'
import type { Core } from '../../core/core'
import { dispatch } from '../../core/dispatch'
import { testCore } from '../../core/test-core'
import { MemoryLogger } from '../../log/logger'
import { translatorFor } from '../../report/i18n'
import { type Site, site } from './test/site'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function setup(addresses: string[], options: { demo?: boolean } = {}): Promise<{ core: Core; site: Site }> {
  const clock = new VirtualClock(undefined, true)
  const chargers = await site(addresses, clock)
  cleanups.push(chargers.dispose)
  const made = await testCore({ clock, languages: ['en'], demo: options.demo })
  cleanups.push(made.cleanup)
  return { core: made.core, site: chargers }
}

async function call<T>(core: Core, method: string, payload?: unknown): Promise<InvokeResult<T>> {
  return (await dispatch(core.handlers, method as never, payload, new MemoryLogger())) as InvokeResult<T>
}

async function value<T>(core: Core, method: string, payload?: unknown): Promise<T> {
  const r = await call<T>(core, method, payload)
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`)
  return r.value
}

describe('the scan in the core', () => {
  it('names what is wrong with a range, and scans nothing', async () => {
    const { core } = await setup([])
    expect(await call(core, 'evseScan', { range: '10.0.0.0/16' })).toEqual({ ok: false, error: { code: 'evseScanPrefixTooShort', params: { part: '10.0.0.0/16', max: 256 } } })
    expect(await call(core, 'evseScan', { range: '10.0.0.1-10.0.2.1' })).toEqual({ ok: false, error: { code: 'evseScanTooMany', params: { count: 513, max: 256 } } })
    expect(await call(core, 'evseScan', { range: ' ' })).toEqual({ ok: false, error: { code: 'evseScanEmpty', params: { max: 256 } } })
  })

  it('in demo mode a range outside loopback is refused; on loopback it scans and tells its progress', async () => {
    const { core, site: s } = await setup(['127.0.0.62', '127.0.0.64'])
    await value(core, 'updateSettings', { demoMode: true })
    expect(await call(core, 'evseScan', { range: '192.168.1.10-12' })).toMatchObject({ ok: false, error: { code: 'evseDemoNotLoopback', params: { address: '192.168.1.10' } } })
    const events: EvseScanProgress[] = []
    const off = core.bus.attach((channel, payload) => channel === 'evse:scanProgress' && events.push(payload as EvseScanProgress))
    const result = await value<EvseScanProgress>(core, 'evseScan', { range: '127.0.0.60-67', port: s.port })
    off()
    expect(result.hits.map((h) => h.host)).toEqual([`127.0.0.62:${s.port}`, `127.0.0.64:${s.port}`])
    expect(events.map((e) => e.scanned)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 8])
    expect(events.at(-1)).toEqual(result)
  })
})

describe('a site template applied to several chargers', () => {
  it('backs up, writes, reads back and verifies each charger on its own line; one that ignores the write or is gone does not stop the others', async () => {
    const { core, site: s } = await setup(['127.0.0.71', '127.0.0.72', '127.0.0.73', '127.0.0.74'])
    const [first, ignoring, gone, last] = s.sims as [(typeof s.sims)[0], (typeof s.sims)[0], (typeof s.sims)[0], (typeof s.sims)[0]]
    ignoring.ignoreWrites(1)
    await gone.unplug()
    last.charger.config.ChargeCurrent = 10
    const config = { ChargeCurrent: 20, ChargeAutoStart: true, ControlStrategy: 1, ControlLimit: 7000 }
    const saved = await value<EvseSiteTemplate[]>(core, 'evseTemplateSave', { name: 'Car park B', config })
    expect(saved).toMatchObject([{ name: 'Car park B', config }])
    const hosts = s.sims.map((sim) => new URL(sim.url).host)
    const started = await value<JobUpdate>(core, 'evseSiteApply', { template: 'Car park B', hosts, site: 'Car park B' })
    const done = await core.jobs.whenStopped(started.recordId)
    expect(done?.phase).toEqual({ phase: 'finished', verdict: 'fail' })
    const record = await value<RecordDetail>(core, 'getRecord', { id: started.recordId })
    expect(record.steps.map((st) => [st.key, st.verdict, st.note])).toEqual([
      ['template', 'info', null],
      ['charger1', 'pass', null],
      ['charger2', 'fail', 'ignored'],
      ['charger3', 'fail', `evseUnreachable?host=${encodeURIComponent(hosts[2]!)}`],
      ['charger4', 'pass', null],
    ])
    // the record words the charger that was gone by its address, in each language
    for (const language of ['en', 'zh', 'pl'] as const) {
      const worded = localizeNote(await translatorFor(language), 'evseSite', record.steps[3]!.note)
      expect(worded).toContain(hosts[2])
      expect(worded).not.toMatch(/\{\{|\}\}/)
    }
    const charger4 = record.steps[4]!
    expect(charger4.inputs).toEqual({ host: hosts[3] })
    expect(charger4.measurements.find((m) => m.key === 'chargeCurrent')).toEqual({ key: 'chargeCurrent', value: 20, before: 10, verdict: 'pass' })
    const notTaken = record.steps[2]!.measurements.find((m) => m.key === 'chargeCurrent')
    expect(notTaken).toEqual({ key: 'chargeCurrent', value: 16, before: 16, target: 20, verdict: 'fail' })
    // what each charger held before is in the record, before its write
    const backups = record.exchanges.filter((x) => x.direction === 'response' && x.channel.endsWith('/webapi/v1/SystemConfig'))
    expect(backups.length).toBeGreaterThanOrEqual(6)
    expect(first.charger.config).toMatchObject(config)
    expect(last.charger.config).toMatchObject(config)
    expect(ignoring.charger.config.ChargeCurrent).toBe(16)
    // each write was sent once, and nothing at all to the charger that was gone
    const posts = (sim: (typeof s.sims)[0]) => sim.server.calls.filter((c) => c.method === 'POST').length
    expect(s.sims.map(posts)).toEqual([1, 1, 0, 1])
  })

  it('a job suspended on its second charger resumes there: the first is not written again', async () => {
    const { core, site: s } = await setup(['127.0.0.75', '127.0.0.76'])
    await value(core, 'evseTemplateSave', { name: 'Site', config: { ChargeCurrent: 12 } })
    const hosts = s.sims.map((sim) => new URL(sim.url).host)
    const reached = s.sims[1]!.server.nextCall('/webapi/v1/SystemConfig')
    const started = await value<JobUpdate>(core, 'evseSiteApply', { template: 'Site', hosts })
    await reached
    core.jobs.suspend(started.recordId)
    expect((await core.jobs.whenStopped(started.recordId))?.phase).toMatchObject({ phase: 'paused' })
    await value(core, 'resumeJob', { recordId: started.recordId })
    expect((await core.jobs.whenStopped(started.recordId))?.phase).toEqual({ phase: 'finished', verdict: 'pass' })
    const posts = s.sims.map((sim) => sim.server.calls.filter((c) => c.method === 'POST').length)
    // the first charger was written once, before the suspend; the second once, after the resume
    expect(posts).toEqual([1, 1])
    expect(s.sims.map((sim) => sim.charger.config.ChargeCurrent)).toEqual([12, 12])
  })

  it('a template that does not exist is refused before any record is made', async () => {
    const { core } = await setup([])
    expect(await call(core, 'evseSiteApply', { template: 'nope', hosts: ['127.0.0.9'] })).toMatchObject({ ok: false, error: { code: 'evseTemplateUnknown' } })
    expect((await value<{ total: number }>(core, 'searchRecords', {})).total).toBe(0)
  })
})

describe('demo controls', () => {
  it('are refused outside demo mode', async () => {
    const { core } = await setup([])
    expect(await call(core, 'evseDemoControl', { host: '127.0.0.1:80', action: 'plug' })).toMatchObject({ ok: false, error: { code: 'evseDemoOnly' } })
    expect(await value(core, 'evseDemoChargers')).toEqual([])
  })

  it('demo mode runs three chargers on one port; each takes its EV, faults and spoilt answers', async () => {
    const { core } = await setup([], { demo: true })
    await value(core, 'startDemo')
    const chargers = await value<EvseDemoCharger[]>(core, 'evseDemoChargers')
    expect(chargers.map((c) => new URL(`http://${c.host}`).hostname)).toEqual(['127.0.0.1', '127.0.0.2', '127.0.0.3'])
    expect(new Set(chargers.map((c) => new URL(`http://${c.host}`).port)).size).toBe(1)
    expect(new Set(chargers.map((c) => c.mac)).size).toBe(3)
    const host = chargers[1]!.host
    const control = (input: object) => value<EvseDemoCharger[]>(core, 'evseDemoControl', { host, ...input })
    expect((await control({ action: 'evStops' }))[1]).toMatchObject({ plugged: true, evWantsCharge: false })
    expect((await control({ action: 'unplug' }))[1]).toMatchObject({ plugged: false })
    expect((await control({ action: 'answers', answers: 'slow' }))[1]).toMatchObject({ answerFault: 'slow' })
    expect((await control({ action: 'clear' }))[1]).toMatchObject({ answerFault: null })
    expect((await control({ action: 'fault', fault: 'EPO_F' }))[1]).toMatchObject({ fault: 'EPO_F' })
    expect((await control({ action: 'meterFault', meter: 2, on: true }))[1]).toMatchObject({ meterFailing: [false, true] })
    expect((await control({ action: 'ignoreWrite' }))[1]).toMatchObject({ ignoredWrites: 1 })
    expect((await control({ action: 'answers', answers: 'http500' }))[1]).toMatchObject({ answerFault: 'http500' })
    expect(await call(core, 'evseConnect', { host })).toMatchObject({ ok: true, value: { statusError: { code: 'evseHttpError' } } })
    expect((await control({ action: 'clear' }))[1]).toMatchObject({ fault: null, meterFailing: [false, false], ignoredWrites: 0, answerFault: null })
    expect(await call(core, 'evseDemoControl', { host: '127.0.0.9:80', action: 'plug' })).toMatchObject({ ok: false, error: { code: 'evseNotSimulated' } })
    const scan = await value<EvseScanProgress>(core, 'evseScan', { range: '127.0.0.1-16', port: Number(new URL(`http://${host}`).port) })
    expect(scan.hits.map((h) => h.host)).toEqual(chargers.map((c) => c.host))
  })

  it('another program on 127.0.0.2 at the site port: the other chargers start, and the list says which did not and why', async () => {
    const { core } = await setup([], { demo: true })
    await value(core, 'startDemo')
    const port = Number(new URL(`http://${(await value<EvseDemoCharger[]>(core, 'evseDemoChargers'))[0]!.host}`).port)
    await value(core, 'stopDemo')
    const squatter = createServer()
    await new Promise<void>((resolve, reject) => squatter.once('error', reject).listen(port, '127.0.0.2', resolve))
    cleanups.push(() => new Promise<void>((resolve) => squatter.close(() => resolve())))
    const sims = await value<SimulatorInfo[]>(core, 'startDemo')
    const chargers = sims.filter((s) => s.device === 'evse')
    expect(chargers.map((s) => [s.id, s.running, s.startError ?? null])).toEqual([
      ['evse', true, null],
      ['evse-2', false, { code: 'simulatorAddressInUse', params: { address: '127.0.0.2', port } }],
      ['evse-3', true, null],
    ])
    expect(sims.filter((s) => s.device !== 'evse').every((s) => s.running)).toBe(true)
    expect((await value<EvseDemoCharger[]>(core, 'evseDemoChargers')).map((c) => c.host)).toEqual([`127.0.0.1:${port}`, `127.0.0.3:${port}`])
    // the list is of this start: leaving demo mode forgets it
    expect((await value<SimulatorInfo[]>(core, 'stopDemo')).some((s) => s.startError)).toBe(false)
  })
})

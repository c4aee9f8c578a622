/**
 * The setup job end to end against the simulated charger over loopback HTTP,
 * on a virtual clock, driven by a scripted installer: a pass, a charger that
 * ignores the power limit, a write answered 200 and not applied, a restart
 * mid-job, and a job suspended mid-step and resumed.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { EvseSetupView } from '@shared/contract'
import type { EvseSetupAnswer } from '@shared/contract/evse/setup.schemas'
import type { EvseConfig } from '@shared/devices/evse/config'
import { MemoryLogger } from '../../log/logger'
import { Redactor } from '../../log/redact'
import { RecordStore } from '../../store/records'
import { type EvseSetupDeps, EvseSetupJob } from './setup-job'
import { type Bench, bench, evReady } from './test/setup'

let b: Bench
let records: RecordStore
afterEach(async () => {
  waiters = []
  records?.close()
  await b?.sim.dispose()
})

interface Script {
  target?: Partial<EvseConfig> | null
  plugIn?: boolean
  /** leave the job waiting at this prompt */
  haltAt?: EvseSetupView['awaiting']
}

const LIMITING: Partial<EvseConfig> = { ChargeCurrent: 16, ChargeCurrentBoost: 24, ControlStrategy: 1, ControlLimit: 0, Meter2Type: 4, Meter2Ip: '192.168.0.30' }

/** waiters on the job's published views: a test waits for the view it needs, not for time */
let waiters: { done: (view: EvseSetupView) => boolean; resolve: () => void }[] = []

/** Resolves when the job publishes a view for which `done` holds. */
function view(done: (view: EvseSetupView) => boolean): Promise<void> {
  return new Promise((resolve) => waiters.push({ done, resolve }))
}

function deps(script: Script, getJob: () => EvseSetupJob, views: EvseSetupView[]): EvseSetupDeps {
  let answered: string | null = null
  return {
    records,
    log: new MemoryLogger(),
    emit: () => undefined,
    clock: b.clock,
    publishSetup: (view) => {
      views.push(view)
      for (const w of waiters.filter((w) => w.done(view))) {
        waiters = waiters.filter((x) => x !== w)
        w.resolve()
      }
      if (!view.awaiting || view.awaiting === answered) return
      if (view.awaiting === script.haltAt) return
      answered = view.awaiting
      const answer: EvseSetupAnswer = view.awaiting === 'configTarget' ? { kind: 'config', target: script.target === undefined ? LIMITING : script.target } : { kind: 'plugIn', ready: script.plugIn ?? true }
      queueMicrotask(() => getJob().answer(answer))
    },
  }
}

function start(script: Script = {}) {
  records = new RecordStore(':memory:', new Redactor())
  const views: EvseSetupView[] = []
  const job: EvseSetupJob = EvseSetupJob.create(deps(script, () => job, views), { host: new URL(b.sim.url).host, site: 'Car park A', customer: '', operator: 'Ewa' })
  return { job, views }
}

const steps = (recordId: number) => records.get(recordId).steps.map((s) => `${s.key}:${s.verdict}`)
const measurement = (recordId: number, step: string, key: string) => records.get(recordId).steps.filter((s) => s.key === step).at(-1)?.measurements.find((m) => m.key === key)

describe('EV charger setup job', () => {
  it('a pass: identified, backed up, configured field by field, a test charge that follows the power limit', async () => {
    b = await bench()
    evReady(b.sim)
    const { job } = start()
    await job.run()
    const record = records.get(job.recordId)
    expect(steps(job.recordId)).toEqual(['identify:pass', 'backup:pass', 'configure:pass', 'testCharge:pass', 'verdict:info'])
    expect(record.verdict).toBe('pass')
    expect(record.deviceIds).toMatchObject({ mac: 'E0:E2:E6:52:AA:01' })
    // the backup is the configuration before the write
    expect(EvseSetupJob.backupOf({ records }, job.recordId).backup).toMatchObject({ ChargeCurrent: 16, ChargeCurrentBoost: 32, ControlStrategy: 0 })
    expect(measurement(job.recordId, 'configure', 'chargeCurrentBoost')).toMatchObject({ before: 32, value: 24, verdict: 'pass' })
    expect(b.sim.charger.config).toMatchObject(LIMITING)
    const response = measurement(job.recordId, 'testCharge', 'limitResponse')
    expect(response?.verdict).toBe('pass')
    expect(Number(response?.value)).toBeLessThanOrEqual(10)
    expect(measurement(job.recordId, 'testCharge', 'meterImport')?.verdict).toBe('pass')
    expect(Number(measurement(job.recordId, 'testCharge', 'energyDelivered')?.value)).toBeGreaterThan(10)
    // start and stop each sent once; the charge is over and the limit lifted
    expect(b.sim.charger.started).toBe(false)
    expect(b.sim.charger.powerAvailableW).toBeGreaterThan(11_000)
    expect((record.meta.testCharge as { points: unknown[] }).points.length).toBeGreaterThan(10)
  })

  it('a charger that ignores the power limit fails the test charge with that reason', async () => {
    b = await bench()
    evReady(b.sim)
    b.sim.charger.ignorePowerLimit = true
    const { job } = start()
    await job.run()
    expect(steps(job.recordId)).toEqual(['identify:pass', 'backup:pass', 'configure:pass', 'testCharge:fail', 'verdict:info'])
    expect(records.get(job.recordId).steps.find((s) => s.key === 'testCharge')?.note).toBe('limitNotFollowed')
    expect(measurement(job.recordId, 'testCharge', 'limitResponse')).toMatchObject({ value: '—', verdict: 'fail' })
    expect(records.get(job.recordId).verdict).toBe('fail')
    expect(b.sim.charger.started).toBe(false)
  })

  it('a write answered 200 and not applied: every field not applied, the record fails, nothing sent twice', async () => {
    b = await bench()
    evReady(b.sim)
    const { job, views } = start({ target: { ChargeCurrent: 10 } })
    // the fault waits for the write itself: the reads before it pass
    void b.sim.server.nextCall('/webapi/v1/SystemConfig').then(() => b.sim.ignoreWrites(1))
    await job.run()
    const configure = records.get(job.recordId).steps.find((s) => s.key === 'configure')!
    expect(configure).toMatchObject({ verdict: 'fail', note: 'notAppliedIgnored' })
    expect(configure.measurements).toEqual([{ key: 'chargeCurrent', before: 16, value: 16, target: 10, unit: 'A', verdict: 'fail' }])
    expect(b.posts('SystemConfig')).toBe(1)
    expect(views.at(-1)?.write?.fields[0]).toMatchObject({ applied: false, reason: 'ignored' })
  })

  it('a test charge the installer skips fails its step: the charger is not proven to charge', async () => {
    b = await bench()
    evReady(b.sim)
    const { job } = start({ target: { ChargeCurrent: 12 }, plugIn: false })
    await job.run()
    expect(records.get(job.recordId).steps.find((s) => s.key === 'testCharge')).toMatchObject({ verdict: 'fail', note: 'testChargeSkipped' })
    expect(b.posts('EvseCtrl')).toBe(0)
  })

  it('a form the rules refuse is refused whole and nothing is written', async () => {
    b = await bench()
    evReady(b.sim)
    const views: EvseSetupView[] = []
    records = new RecordStore(':memory:', new Redactor())
    const awaiting = view((v) => v.awaiting === 'configTarget')
    const job = EvseSetupJob.create(deps({ haltAt: 'configTarget' }, () => job, views), { host: new URL(b.sim.url).host, site: '', customer: '', operator: '' })
    const running = job.run()
    await awaiting
    expect(() => job.answer({ kind: 'config', target: { ChargeCurrent: 20, ChargeCurrentBoost: 16 } })).toThrow(expect.objectContaining({ code: 'evseInvalidSetting' }))
    expect(() => job.answer({ kind: 'config', target: { Meter1Type: 5 } })).toThrow(expect.objectContaining({ code: 'evseInvalidSetting' }))
    expect(b.posts('SystemConfig')).toBe(0)
    job.cancel()
    await running
    expect(records.get(job.recordId).status).toBe('aborted')
  })

  it('a charger restarting during the test charge: the job rides it out or fails the step, never hangs', async () => {
    b = await bench()
    evReady(b.sim)
    const { job } = start({ target: null })
    void b.sim.server.nextCall('/webapi/v1/EvseCtrl').then(() => b.sim.restart())
    await job.run()
    const testCharge = records.get(job.recordId).steps.find((s) => s.key === 'testCharge')!
    expect(testCharge.verdict).toBe('fail')
    expect(['notStarted', 'noCurrent', 'evNotCharging']).toContain(testCharge.note)
    expect(records.get(job.recordId).status).toBe('completed')
  })

  it('suspended mid test charge, the charge is stopped; resumed, the backup is the one taken first and the verdict is reached', async () => {
    b = await bench()
    evReady(b.sim)
    const boosting = view((v) => v.testCharge?.phase === 'boost')
    const { job } = start()
    const running = job.run()
    await boosting
    job.suspend()
    await running
    expect(records.get(job.recordId).status).toBe('inProgress')
    expect(records.get(job.recordId).steps.find((s) => s.key === 'testCharge')?.status).toBe('interrupted')
    // left safe: the charge stopped
    expect(b.sim.charger.started).toBe(false)
    const views: EvseSetupView[] = []
    const resumed: EvseSetupJob = EvseSetupJob.resume(deps({}, () => resumed, views), job.recordId)
    await resumed.run()
    expect(steps(job.recordId)).toEqual(['identify:pass', 'backup:pass', 'configure:pass', 'testCharge:null', 'testCharge:pass', 'verdict:info'])
    expect(EvseSetupJob.backupOf({ records }, job.recordId).backup.ControlStrategy).toBe(0)
    expect(records.get(job.recordId).verdict).toBe('pass')
    // the configuration was written once, before the suspend
    expect(b.posts('SystemConfig')).toBe(1)
  })
})

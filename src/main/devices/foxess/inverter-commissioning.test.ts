/**
 * The commissioning wizard end to end against the simulated cloud (virtual
 * clock, real loopback HTTP), driven by a scripted installer.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { type AppError, type CommissioningView, defaultFoxConfig, type FoxSettingsTarget } from '@shared/contract'
import type { CommissioningAnswer } from '@shared/contract/foxess/foxess.schemas'
import { targetFromSnapshot } from '@shared/devices/foxess/settings-plan'
import { wiringFromMeasurements } from '@shared/devices/foxess/wiring-svg'
import { MemoryLogger } from '../../log/logger'
import { Redactor } from '../../log/redact'
import { RecordStore } from '../../store/records'
import { harness, type Harness, SN } from './test/harness'
import { CommissioningJob, type CommissioningDeps } from './inverter-commissioning'

let h: Harness
let records: RecordStore
afterEach(async () => {
  records?.close()
  await h?.close()
})

type Reply = (view: CommissioningView) => CommissioningAnswer | null

interface Script {
  system?: 'threePhaseSingle' | 'singlePhaseSingle'
  ctAfterPreconditions?: 'recheck' | 'stop'
  /** one target per time the wizard asks (null skips) */
  targets?: ((view: CommissioningView) => FoxSettingsTarget | null)[]
  afterWrite?: ('retry' | 'continue')[]
  clock?: 'set' | 'skip'
  plausible?: boolean
  /** what the installer types when the values look wrong */
  liveNote?: string
  /** one answer per CT result shown */
  ctAfterResult?: ('rerun' | 'finish')[]
  /** stop answering at this prompt (leave the job waiting) */
  haltAt?: CommissioningView['awaiting']
}

function deps(publish: (v: CommissioningView) => void): CommissioningDeps {
  return {
    records,
    log: new MemoryLogger(),
    emit: () => undefined,
    services: { api: () => h.api, ct: () => h.ct, clock: h.clock, config: () => defaultFoxConfig },
    publishCommissioning: publish,
  }
}

function driver(script: Script, getJob: () => CommissioningJob) {
  const targets = [...(script.targets ?? [])]
  const afterWrite = [...(script.afterWrite ?? [])]
  const afterResult = [...(script.ctAfterResult ?? [])]
  let lastAwaiting: string | null = null
  const halted = { at: null as string | null }
  const replies: Record<string, Reply> = {
    ctApplicability: () => ({ kind: 'ctApplicability', system: script.system ?? 'threePhaseSingle' }),
    ctAfterPreconditions: () => ({ kind: 'ctAfterPreconditions', action: script.ctAfterPreconditions ?? 'stop' }),
    ctAfterResult: () => ({ kind: 'ctAfterResult', action: afterResult.shift() ?? 'finish' }),
    settingsTarget: (v) => ({ kind: 'settingsTarget', target: (targets.shift() ?? (() => null))(v) }),
    settingsAfterWrite: () => ({ kind: 'settingsAfterWrite', action: afterWrite.shift() ?? 'continue' }),
    clock: () => ({ kind: 'clock', action: script.clock ?? 'set' }),
    liveConfirm: (v) => (v.live?.samples.length ? { kind: 'liveConfirm', plausible: script.plausible ?? true, ...(script.liveNote ? { note: script.liveNote } : {}) } : null),
  }
  return (view: CommissioningView) => {
    const key = `${view.awaiting}:${view.live?.samples.length ?? 0}:${view.ct?.attempts.length ?? 0}`
    if (!view.awaiting || key === lastAwaiting) return
    if (view.awaiting === script.haltAt) {
      halted.at = view.awaiting
      return
    }
    const reply = replies[view.awaiting]!(view)
    if (!reply) return
    lastAwaiting = key
    queueMicrotask(() => getJob().answer(reply))
  }
}

async function commission(sn: string, script: Script = {}) {
  records = new RecordStore(':memory:', new Redactor())
  const views: CommissioningView[] = []
  const drive = driver(script, () => job)
  const job: CommissioningJob = CommissioningJob.create(
    deps((v) => {
      views.push(v)
      drive(v)
    }),
    { sn, site: '', customer: 'Jan Kowalski', operator: 'Ewa' },
  )
  await job.run()
  return { job, view: job.view(), record: records.get(job.recordId), views }
}

const target = (changes: Partial<FoxSettingsTarget>) => (view: CommissioningView) => ({ ...targetFromSnapshot(view.settings.current!), ...changes })

describe('inverter commissioning wizard', () => {
  it('a full run: details, CT, settings written and verified, clock, live data, report', async () => {
    h = await harness()
    const { view, record } = await commission(SN.krakow, {
      targets: [
        target({
          minSoc: 15,
          minSocOnGrid: 20,
          maxSoc: 95,
          exportLimit: 6000,
          forceCharge: { enable1: true, startTime1: { hour: 2, minute: 0 }, endTime1: { hour: 5, minute: 0 }, enable2: false, startTime2: { hour: 0, minute: 0 }, endTime2: { hour: 0, minute: 0 } },
        }),
      ],
    })
    expect(record.status).toBe('completed')
    expect(record.verdict).toBe('pass')
    expect(record.site).toBe('Kowalski — Kraków')
    expect(record.deviceIds).toEqual({ inverter: SN.krakow, logger: '609W12345601WF', station: 'st-krk-0001' })
    const summary = record.steps.map((s) => `${s.key}:${s.verdict}`)
    expect(summary).toEqual([
      'device:pass',
      'applicability:pass',
      'preconditions:pass',
      'start:pass',
      'result:pass',
      'ctDetection:pass',
      'settings:pass',
      'clock:pass',
      'liveData:pass',
      'report:info',
    ])
    expect(record.steps[0]!.measurements.find((m) => m.key === 'masterVersion')?.value).toBe('1.52')
    expect(view.device?.timezone).toBe('Europe/Warsaw')
    expect(view.settings.changes.map((c) => c.item)).toEqual(['minSoc', 'minSocOnGrid', 'maxSoc', 'exportLimit', 'forceCharge'])
    expect(view.settings.results.map((r) => r.status)).toEqual(['verified', 'verified', 'verified', 'verified', 'verified'])
    const sim = h.sim.settingsOf(SN.krakow)
    expect(sim).toMatchObject({ minSoc: 15, minSocOnGrid: 20, maxSoc: 95, exportLimitW: 6000 })
    expect(sim.forceCharge.enable1).toBe(true)
    expect(view.live?.runningState).toBe(163)
    expect(view.live?.faults).toEqual([])
    // every write went once; every one was read back
    expect(h.sim.calls.filter((c) => c.path === '/op/v0/device/battery/soc/set')).toHaveLength(1)
    expect(h.sim.calls.filter((c) => c.path === '/op/v0/device/battery/soc/get').length).toBeGreaterThanOrEqual(2)
  })

  it('44096: the schedule owns the SOC limits; the wizard says so, and a retry with the schedule off goes through', async () => {
    h = await harness()
    const { view, record } = await commission(SN.singlePhase, {
      system: 'singlePhaseSingle',
      targets: [target({ minSoc: 20, minSocOnGrid: 30 }), (v) => ({ ...targetFromSnapshot(v.settings.current!), minSoc: 20, minSocOnGrid: 30, scheduler: { enabled: false, groups: v.settings.current!.scheduler!.groups } })],
      afterWrite: ['retry'],
    })
    const settingsSteps = record.steps.filter((s) => s.key === 'settings')
    expect(settingsSteps).toHaveLength(1)
    expect(settingsSteps[0]!.verdict).toBe('pass')
    // the first attempt's answer is in the record: a 44096 refusal
    const exchanges = records.allExchanges(record.id)
    expect(exchanges.some((x) => x.direction === 'response' && x.summary?.includes('errno 44096'))).toBe(true)
    // on the retry the schedule was switched off first, then the limits written
    const writes = h.sim.calls.filter((c) => /\/set(\/flag)?$/.test(c.path)).map((c) => `${c.path}:${c.errno}`)
    expect(writes).toEqual(['/op/v0/device/battery/soc/set:44096', '/op/v0/device/scheduler/set/flag:0', '/op/v0/device/battery/soc/set:0', '/op/v0/device/time/set:0'])
    expect(view.settings.results.map((r) => `${r.item}:${r.status}`)).toEqual(['minSoc:verified', 'minSocOnGrid:verified', 'schedulerFlag:verified'])
    expect(record.steps.find((s) => s.key === 'ctDetection')).toMatchObject({ verdict: 'info', note: 'notApplicable' })
    // the H1 reports a two-digit year and a clock 431 s behind: set, read back, right
    const clock = record.steps.find((s) => s.key === 'clock')!
    expect(clock.measurements.find((m) => m.key === 'clockDrift')?.value).toBe(-431)
    expect(Math.abs(Number(clock.measurements.find((m) => m.key === 'clockDriftAfter')?.value))).toBeLessThanOrEqual(5)
    expect(view.clock?.readBack?.twoDigitYear).toBe(true)
    expect(record.verdict).toBe('pass')
  })

  it('44096 left as it is: the settings step fails with the reason, the rest of the wizard goes on', async () => {
    h = await harness()
    const { record, view } = await commission(SN.singlePhase, { system: 'singlePhaseSingle', targets: [target({ minSoc: 25 })], afterWrite: ['continue'] })
    expect(record.steps.find((s) => s.key === 'settings')).toMatchObject({ verdict: 'fail', note: 'foxessScheduleActive' })
    expect(view.settings.results[0]).toMatchObject({ item: 'minSoc', status: 'rejected', error: { code: 'foxessScheduleActive' } })
    expect(h.sim.settingsOf(SN.singlePhase).minSoc).toBe(10)
    expect(record.steps.map((s) => s.key)).toContain('report')
    expect(record.verdict).toBe('fail')
  })

  it('a target with errors is refused before anything is sent, and the wizard keeps asking', async () => {
    h = await harness()
    records = new RecordStore(':memory:', new Redactor())
    let refused: AppError | null = null
    let answered = false
    const job: CommissioningJob = CommissioningJob.create(
      deps((v) => {
        if (v.awaiting === 'ctApplicability') queueMicrotask(() => job.answer({ kind: 'ctApplicability', system: 'threePhaseSingle' }))
        if (v.awaiting === 'ctAfterResult') queueMicrotask(() => job.answer({ kind: 'ctAfterResult', action: 'finish' }))
        if (v.awaiting === 'settingsTarget' && !answered) {
          answered = true
          queueMicrotask(() => {
            const bad = { ...targetFromSnapshot(v.settings.current!), scheduler: { enabled: true, groups: [{ enable: 1 as const, startHour: 1, startMinute: 0, endHour: 4, endMinute: 0, workMode: 'ForceDischarge' as const, minSocOnGrid: 40, fdSoc: 20, fdPwr: 3000 }] } }
            try {
              job.answer({ kind: 'settingsTarget', target: bad })
            } catch (err) {
              refused = err as AppError
            }
            expect(job.view().awaiting).toBe('settingsTarget')
            job.cancel()
          })
        }
      }),
      { sn: SN.krakow },
    )
    const writesBefore = () => h.sim.calls.filter((c) => /\/set(\/flag)?$|\/scheduler\/enable$/.test(c.path)).length
    await job.run()
    expect(refused).toMatchObject({ code: 'foxessInvalidSetting', params: { field: 'scheduler.groups.0.fdSoc', reason: 'fdSocBelowMinSocOnGrid' } })
    expect(writesBefore()).toBe(0)
    expect(records.get(job.recordId).status).toBe('aborted')
  })

  it('records each written setting as read before → read back', async () => {
    h = await harness()
    const { view, record } = await commission(SN.krakow, { targets: [target({ minSoc: 15, exportLimit: 6000 })], clock: 'skip' })
    const before = Object.fromEntries(view.settings.changes.map((c) => [c.item, c.before]))
    const settings = record.steps.find((s) => s.key === 'settings')!
    expect(settings.measurements.find((m) => m.key === 'minSoc')).toEqual({ key: 'minSoc', before: before.minSoc, value: 15, unit: '%', verdict: 'pass' })
    expect(settings.measurements.find((m) => m.key === 'exportLimit')).toEqual({ key: 'exportLimit', before: before.exportLimit, value: 6000, verdict: 'pass' })
    expect(before.minSoc).not.toBe(15)
  })

  it('records the CT wiring of every run, as the CT check does, for the record and the report to draw', async () => {
    h = await harness()
    const { record } = await commission(SN.phaseOrder, { ctAfterResult: ['rerun', 'finish'], targets: [() => null], clock: 'skip' })
    const results = record.steps.filter((s) => s.key === 'result')
    // the wiring fixed between the runs: the first run's picture shows the crossing, the normal run's carries no details to draw
    expect(results.map((s) => `${String(s.inputs.attempt)}:${s.verdict}`)).toEqual(['1:fail', '2:pass'])
    expect(wiringFromMeasurements(results[0]!.measurements)).toEqual([
      { phases: [1, 2, 3].map((position, i) => ({ position, expected: 'ABC'[i], measured: 'ACB'[i], sensorOk: true })) },
    ])
    expect(record.steps.find((s) => s.key === 'ctDetection')!.measurements.find((m) => m.key === 'attempts')?.value).toBe(2)
  })

  it('"something is wrong" asks what: refused without a note, the job still waits; the note is the step’s', async () => {
    h = await harness()
    records = new RecordStore(':memory:', new Redactor())
    let refused: unknown = null
    const drive = driver({ targets: [() => null], clock: 'skip', plausible: false, liveNote: 'PV2 reads 0 W in full sun' }, () => job)
    const job: CommissioningJob = CommissioningJob.create(
      deps((v) => {
        if (v.awaiting === 'liveConfirm' && v.live?.samples.length && refused === null) {
          try {
            job.answer({ kind: 'liveConfirm', plausible: false, note: '' })
          } catch (err) {
            refused = err
          }
          expect(job.view().awaiting).toBe('liveConfirm')
        }
        drive(v)
      }),
      { sn: SN.krakow, operator: 'Ewa' },
    )
    await job.run()
    expect(refused).toMatchObject({ code: 'noteRequired' })
    const live = records.get(job.recordId).steps.find((s) => s.key === 'liveData')!
    expect(live).toMatchObject({ verdict: 'fail', note: 'PV2 reads 0 W in full sun' })
    expect(live.measurements.find((m) => m.key === 'plausible')).toMatchObject({ value: false, verdict: 'fail' })
  })

  it('an offline inverter: the details step says so and the job stops there', async () => {
    h = await harness()
    const { record } = await commission(SN.offline)
    expect(record.steps.map((s) => `${s.key}:${s.verdict}:${s.note}`)).toEqual(['device:fail:deviceOffline'])
    expect(record.verdict).toBe('fail')
  })

  it('an API key the cloud rejects is a settings problem: the job stops with that reason, no step fails', async () => {
    h = await harness({ apiKey: 'regenerated-in-the-fox-ess-app' })
    const { record, job } = await commission(SN.krakow)
    expect(record).toMatchObject({ status: 'aborted', verdict: 'none', endReason: 'foxessKeyRejected' })
    expect(record.steps.map((s) => `${s.key}:${s.status}:${s.verdict}`)).toEqual(['device:interrupted:null'])
    expect(job.snapshot().phase).toEqual({ phase: 'aborted', reason: 'foxessKeyRejected' })
  })

  it('current faults fail the live data check, decoded codes in the record', async () => {
    h = await harness()
    const { record, view } = await commission(SN.bms, { targets: [() => null], clock: 'skip' })
    expect(view.live?.faults.map((f) => f.code)).toEqual([14, 207])
    const live = record.steps.find((s) => s.key === 'liveData')!
    expect(live).toMatchObject({ verdict: 'fail', note: 'faultsPresent' })
    expect(live.measurements.filter((m) => m.key.startsWith('fault')).map((m) => `${m.key}=${m.value}`)).toEqual(['faultCount=2', 'fault1=14', 'fault2=207'])
    expect(record.steps.find((s) => s.key === 'settings')).toMatchObject({ verdict: 'info', note: 'settingsSkipped' })
  })

  it('an interrupted job resumes at the first unfinished step', async () => {
    h = await harness()
    records = new RecordStore(':memory:', new Redactor())
    const drive = driver({ targets: [target({ exportLimit: 7000 })], haltAt: 'clock' }, () => first)
    let halted!: () => void
    const reachedClock = new Promise<void>((r) => (halted = r))
    const first: CommissioningJob = CommissioningJob.create(
      deps((v) => {
        drive(v)
        if (v.awaiting === 'clock') halted()
      }),
      { sn: SN.krakow },
    )
    void first.run()
    await reachedClock
    // the app dies here: the record stays in progress with device, CT and settings done
    const resumedViews: CommissioningView[] = []
    const drive2 = driver({ clock: 'skip' }, () => resumed)
    const resumed: CommissioningJob = CommissioningJob.resume(
      deps((v) => {
        resumedViews.push(v)
        drive2(v)
      }),
      first.recordId,
    )
    await resumed.run()
    const record = records.get(first.recordId)
    expect(record.steps.map((s) => `${s.key}:${s.status}`)).toEqual([
      'device:done',
      'applicability:done',
      'preconditions:done',
      'start:done',
      'result:done',
      'ctDetection:done',
      'settings:done',
      'clock:interrupted',
      'clock:done',
      'liveData:done',
      'report:done',
    ])
    expect(record.verdict).toBe('pass')
    expect(resumedViews.some((v) => v.awaiting === 'settingsTarget')).toBe(false)
    expect(h.sim.settingsOf(SN.krakow).exportLimitW).toBe(7000)
    first.cancel()
  })
})

describe('inverter commissioning: quit, then resume', () => {
  it('a quit at the clock question suspends the job (record resumable); the resume reads the inverter again and finishes with the right verdict', async () => {
    h = await harness()
    records = new RecordStore(':memory:', new Redactor())
    const drive = driver({ targets: [target({ exportLimit: 6500 })], haltAt: 'clock' }, () => first)
    let halted!: () => void
    const reachedClock = new Promise<void>((r) => (halted = r))
    const first: CommissioningJob = CommissioningJob.create(
      deps((v) => {
        drive(v)
        if (v.awaiting === 'clock') halted()
      }),
      { sn: SN.krakow },
    )
    const running = first.run()
    await reachedClock
    first.suspend()
    await running
    expect(first.snapshot().phase).toMatchObject({ phase: 'paused', reason: 'suspended' })
    expect(first.view().finished).toBe(true)
    expect(records.summary(first.recordId).status).toBe('inProgress')
    const detailReads = h.calls.filter((c) => c === '/op/v0/device/detail').length

    const drive2 = driver({ clock: 'set' }, () => resumed)
    const resumed: CommissioningJob = CommissioningJob.resume(deps(drive2), first.recordId)
    await resumed.run()
    const record = records.get(first.recordId)
    expect(record.status).toBe('completed')
    expect(record.verdict).toBe('pass')
    expect(record.steps.map((s) => `${s.key}:${s.status}`).slice(6)).toEqual(['settings:done', 'clock:interrupted', 'clock:done', 'liveData:done', 'report:done'])
    // what was read of the inverter before the quit is read again, not trusted
    expect(h.calls.filter((c) => c === '/op/v0/device/detail').length).toBe(detailReads + 1)
    expect(resumed.view().device?.detail.deviceSN).toBe(SN.krakow)
    expect(h.sim.settingsOf(SN.krakow).exportLimitW).toBe(6500)
  })
})

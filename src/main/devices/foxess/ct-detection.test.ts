/**
 * Every CT scenario through the CT check job, against the simulator on a
 * real loopback port, on a virtual clock (ten-second polls cost nothing).
 * A scripted installer answers the job's questions as they come.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { type CtView, defaultFoxConfig, type FoxConfig, type JobUpdate } from '@shared/contract'
import type { CtAnswer } from '@shared/contract/foxess/foxess.schemas'
import { Redactor } from '../../log/redact'
import { MemoryLogger } from '../../log/logger'
import { RecordStore } from '../../store/records'
import { FoxCtApi } from './ct-api'
import type { CtScenario } from './simulator/fleet'
import { harness, type Harness, SN } from './test/harness'
import { CtDetectionJob } from './ct-detection'

let h: Harness
let records: RecordStore
afterEach(async () => {
  records?.close()
  await h?.close()
})

interface Script {
  system?: CtAnswer & { kind: 'ctApplicability' }
  afterPreconditions?: ('recheck' | 'stop')[]
  afterResult?: ('rerun' | 'finish')[]
  /** virtual time that passes before the answer to "after preconditions" (the installer fixes something) */
  pauseBeforeRecheckMs?: number
  /** stop waiting once the flow has polled this many times */
  stopPollingAfter?: number
}

async function runCheck(sn: string, script: Script = {}, config: Partial<FoxConfig> = {}, ctApi?: FoxCtApi) {
  records = new RecordStore(':memory:', new Redactor())
  const views: CtView[] = []
  const updates: JobUpdate[] = []
  const cfg = { ...defaultFoxConfig, ...config }
  const afterPre = [...(script.afterPreconditions ?? ['stop'])]
  const afterResult = [...(script.afterResult ?? ['finish'])]
  let job: CtDetectionJob | null = null
  let lastAwaiting: string | null = null
  let stopped = false
  const answer = (a: CtAnswer) => queueMicrotask(() => job!.answer(a))
  const deps = {
    records,
    log: new MemoryLogger(),
    emit: (u: JobUpdate) => updates.push(u),
    services: { api: () => h.api, ct: () => ctApi ?? h.ct, clock: h.clock, config: () => cfg },
    publishCt: (view: CtView) => {
      views.push(view)
      const polls = view.attempts[view.attempts.length - 1]?.polls ?? 0
      if (script.stopPollingAfter !== undefined && !stopped && view.attempts.at(-1)?.stage === 'polling' && polls >= script.stopPollingAfter) {
        stopped = true
        answer({ kind: 'ctStopPolling' })
      }
      if (view.awaiting === lastAwaiting) return
      lastAwaiting = view.awaiting
      if (view.awaiting === 'ctApplicability') answer(script.system ?? { kind: 'ctApplicability', system: 'threePhaseSingle' })
      if (view.awaiting === 'ctAfterPreconditions') {
        const action = afterPre.shift() ?? 'stop'
        if (script.pauseBeforeRecheckMs) void h.clock.sleep(script.pauseBeforeRecheckMs).then(() => answer({ kind: 'ctAfterPreconditions', action }))
        else answer({ kind: 'ctAfterPreconditions', action })
      }
      if (view.awaiting === 'ctAfterResult') answer({ kind: 'ctAfterResult', action: afterResult.shift() ?? 'finish' })
    },
  }
  job = CtDetectionJob.create(deps, { sn, site: 'Test site', customer: '', operator: 'Tester', productType: 'H3' })
  await job.run()
  const record = records.get(job.recordId)
  const meanings = views.flatMap((v) => v.attempts.map((a) => `${a.attempt}:${a.lastMeaning}`)).filter((m, i, all) => m !== all[i - 1] && !m.endsWith('null'))
  return { job, view: job.view(), record, updates, meanings: [...new Set(meanings)] }
}

async function setup(scenario?: { sn: string; scenario: CtScenario }, sim: Parameters<typeof harness>[0] = {}) {
  h = await harness(sim)
  if (scenario) h.sim.setCtScenario(scenario.sn, scenario.scenario)
}

const last = <T>(list: T[]) => list[list.length - 1]!

describe('CT check: every scenario through the flow', () => {
  it('normal: preconditions pass, the check runs, the result is normal', async () => {
    await setup()
    const { view, record, meanings } = await runCheck(SN.krakow)
    expect(record.verdict).toBe('pass')
    expect(record.steps.map((s) => `${s.key}:${s.verdict}`)).toEqual(['applicability:pass', 'preconditions:pass', 'start:pass', 'result:pass'])
    const attempt = last(view.attempts)
    expect(attempt.preconditions?.conditions.map((c) => c.pass)).toEqual([true, true, true, true])
    expect(attempt.outcome).toMatchObject({ kind: 'normal', bits: { bit1: 0, bit2: 1, bit3: 0, meterStatus: 1549 } })
    expect(meanings).toEqual(['1:checking', '1:completed'])
    // the calls are in the record, the token never
    const exchanges = records.allExchanges(record.id)
    expect(exchanges.map((x) => x.channel)).toContain('http:POST /device/startCheck')
    expect(exchanges.find((x) => x.channel === 'http:POST /device/startCheck' && x.direction === 'request')!.data).toBe(JSON.stringify({ deviceSn: SN.krakow }))
    expect(JSON.stringify(exchanges)).not.toContain(h.sim.ctToken)
    expect(h.sim.calls.filter((c) => c.path === '/device/startCheck')).toHaveLength(1)
  })

  it('wrong phase order: abnormal, the sequences shown per CT input; re-run after the fix comes back normal', async () => {
    await setup()
    const { view, record } = await runCheck(SN.phaseOrder, { afterResult: ['rerun', 'finish'] })
    const [first, second] = view.attempts
    expect(first!.outcome?.kind).toBe('abnormal')
    const meter = first!.outcome!.meters[0]!
    expect(meter).toMatchObject({ phaseFlag: '1', inverterSide: ['A', 'B', 'C'], smartSide: ['A', 'C', 'B'], phaseOrderWrong: true, sensorFault: false })
    expect(meter.phases.map((p) => `${p.position}:${p.expected}→${p.measured}`)).toEqual(['1:A→A', '2:B→C', '3:C→B'])
    expect(second!.outcome?.kind).toBe('normal')
    // both attempts are in the record; the job's verdict is the last one's
    expect(record.steps.filter((s) => s.key === 'result').map((s) => `${s.verdict}:${s.note}`)).toEqual(['fail:abnormal', 'pass:normal'])
    expect(record.steps.find((s) => s.key === 'result')!.measurements.find((m) => m.key === 'phase2')).toMatchObject({ value: 'B → C', verdict: 'fail' })
    expect(record.verdict).toBe('pass')
  })

  it('reversed CT: abnormal with the sensor of phase 2 reported wrong', async () => {
    await setup()
    const { view, record } = await runCheck(SN.reversed)
    const meter = last(view.attempts).outcome!.meters[0]!
    expect(meter.phaseOrderWrong).toBe(false)
    expect(meter.sensorFault).toBe(true)
    expect(meter.phases.map((p) => p.sensorOk)).toEqual([true, false, true])
    expect(record.verdict).toBe('fail')
  })

  it('BMS alarm: the BMS condition fails with its reason and what to do; nothing is started', async () => {
    await setup()
    const { view, record } = await runCheck(SN.bms)
    const conditions = last(view.attempts).preconditions!.conditions
    expect(conditions.find((c) => c.key === 'bmsCommunication')).toMatchObject({ pass: false, reason: 'bmsAlarm', action: 'checkBms', raw: { faultArmFlag2: 1 } })
    expect(conditions.filter((c) => !c.pass)).toHaveLength(1)
    expect(record.steps.map((s) => `${s.key}:${s.verdict}:${s.note}`)).toEqual(['applicability:pass:null', 'preconditions:fail:bmsAlarm'])
    expect(record.verdict).toBe('fail')
    expect(h.sim.calls.some((c) => c.path === '/device/startCheck')).toBe(false)
  })

  it('meter missing: the meter condition fails', async () => {
    await setup()
    const { view } = await runCheck(SN.meterMissing)
    expect(last(view.attempts).preconditions!.conditions.find((c) => c.key === 'meterConnected')).toMatchObject({ pass: false, reason: 'meterMissing', action: 'checkMeter' })
  })

  it('offline: the device-status condition fails (-1); the BMS and meter are unknown, recorded as neither pass nor fail', async () => {
    await setup()
    const { view, record } = await runCheck(SN.offline)
    expect(last(view.attempts).preconditions!.conditions.find((c) => c.key === 'deviceStatus')).toMatchObject({ pass: false, reason: 'offline', action: 'bringOnline' })
    const measured = record.steps.find((s) => s.key === 'preconditions')!.measurements
    expect(measured.map((m) => `${m.key}:${m.verdict}`)).toEqual(['deviceStatus:fail', 'bmsCommunication:info', 'meterConnected:info', 'notChecking:pass'])
  })

  it('already checking: refused until the running check ends, then a re-check passes and the check runs', async () => {
    await setup()
    const { view, record } = await runCheck(SN.alreadyChecking, { afterPreconditions: ['recheck'], pauseBeforeRecheckMs: 70_000 })
    expect(view.attempts[0]!.preconditions!.conditions.find((c) => c.key === 'notChecking')).toMatchObject({ pass: false, reason: 'alreadyChecking', action: 'waitRunning' })
    expect(view.attempts[1]!.outcome?.kind).toBe('normal')
    expect(record.steps.filter((s) => s.key === 'preconditions').map((s) => s.verdict)).toEqual(['fail', 'pass'])
  })

  it('slow to start: "not started yet" for two polls (never "failed"), then checking, then normal', async () => {
    await setup()
    const { view, meanings } = await runCheck(SN.slow)
    expect(meanings).toEqual(['1:notStartedYet', '1:checking', '1:completed'])
    expect(last(view.attempts).outcome?.kind).toBe('normal')
  })

  it('a previous result still on display is not taken for the new one', async () => {
    await setup({ sn: SN.slow, scenario: 'normal' })
    const first = await runCheck(SN.slow)
    expect(last(first.view.attempts).outcome?.kind).toBe('normal')
    records.close()
    // the same device is slow to begin this time: its last result stays on display meanwhile
    h.sim.setCtScenario(SN.slow, 'slowToStart')
    const { meanings, view } = await runCheck(SN.slow)
    expect(meanings).toEqual(['1:previousResult', '1:checking', '1:completed'])
    expect(last(view.attempts).outcome?.kind).toBe('normal')
  })

  it('never finishes: stops waiting at the timeout and says so', async () => {
    await setup()
    const { view, record } = await runCheck(SN.neverFinishes, {}, { ctTimeoutSeconds: 120 })
    const outcome = last(view.attempts).outcome!
    expect(outcome.kind).toBe('timeout')
    expect(outcome.elapsedMs).toBeGreaterThanOrEqual(120_000)
    expect(outcome.polls).toBe(12)
    expect(record.steps.find((s) => s.key === 'result')).toMatchObject({ verdict: 'fail', note: 'timeout' })
  })

  it('a device that never begins: "did not start" after the start timeout, not "failed"', async () => {
    await setup(undefined, { sim: { ct: { slowStartMs: 600_000 } } })
    const { view } = await runCheck(SN.slow, {}, { ctStartTimeoutSeconds: 60 })
    expect(last(view.attempts).outcome?.kind).toBe('didNotStart')
    expect(last(view.attempts).lastMeaning).toBe('notStartedYet')
  })

  it('fails during the check: 0/0 after "checking" was seen is a failed check', async () => {
    await setup()
    const { view, meanings } = await runCheck(SN.fails)
    expect(meanings).toEqual(['1:checking', '1:failed'])
    expect(last(view.attempts).outcome?.kind).toBe('failed')
  })

  it('abnormal without details (the document\'s own example): shown with the raw status, not a crash', async () => {
    await setup()
    const { view, record } = await runCheck(SN.noDetails)
    const outcome = last(view.attempts).outcome!
    expect(outcome).toMatchObject({ kind: 'abnormal', detailsMissing: true, meters: [], bits: { bit0: 1, bit1: 0, bit2: 1, bit3: 1, meterStatus: 1549 } })
    const m = record.steps.find((s) => s.key === 'result')!.measurements
    expect(m.find((x) => x.key === 'bits')?.value).toBe('1 0 1 1')
    expect(m.find((x) => x.key === 'detailsMissing')?.value).toBe(true)
  })

  it('cancel: the installer stops waiting; the attempt is recorded as cancelled', async () => {
    await setup()
    const { view, record } = await runCheck(SN.neverFinishes, { stopPollingAfter: 2 })
    expect(last(view.attempts).outcome).toMatchObject({ kind: 'cancelled', polls: 2 })
    expect(record.steps.find((s) => s.key === 'result')).toMatchObject({ verdict: 'info', note: 'cancelled' })
  })

  it('not applicable (single-phase single unit): only the question is recorded, no CT call is made', async () => {
    await setup()
    const { record } = await runCheck(SN.singlePhase, { system: { kind: 'ctApplicability', system: 'singlePhaseSingle' } })
    expect(record.steps.map((s) => `${s.key}:${s.verdict}:${s.note}`)).toEqual(['applicability:info:notApplicable'])
    expect(record.verdict).toBe('none')
    expect(h.sim.calls.some((c) => c.path.startsWith('/device/'))).toBe(false)
  })

  it('a token the CT service rejects is a settings problem: the job stops with that reason and no step fails', async () => {
    await setup()
    const badToken = new FoxCtApi({ clock: h.clock, pacer: h.pacer, userAgent: 'test', credentials: async () => ({ baseUrl: h.sim.url, token: 'wrong' }) })
    const { record } = await runCheck(SN.krakow, {}, {}, badToken)
    expect(record).toMatchObject({ status: 'aborted', verdict: 'none', endReason: 'ctTokenRejected' })
    expect(record.steps.find((s) => s.key === 'preconditions')).toMatchObject({ status: 'interrupted', verdict: null })
    expect(record.steps.some((s) => s.verdict === 'fail')).toBe(false)
  })

  it('a token rejected while the result is polled stops the job too, without failing the result step', async () => {
    await setup()
    // status, the result before the start and the start go through; the token is regenerated in the Fox ESS app while the check runs
    let calls = 0
    const rejectedLater = new FoxCtApi({ clock: h.clock, pacer: h.pacer, userAgent: 'test', credentials: async () => ({ baseUrl: h.sim.url, token: ++calls > 3 ? 'regenerated' : h.sim.ctToken }) })
    const { record } = await runCheck(SN.neverFinishes, {}, {}, rejectedLater)
    expect(record).toMatchObject({ status: 'aborted', endReason: 'ctTokenRejected' })
    expect(record.steps.find((s) => s.key === 'result')).toMatchObject({ status: 'interrupted', verdict: null })
  })

  it('an answer nobody asked for is refused and changes nothing', async () => {
    await setup()
    records = new RecordStore(':memory:', new Redactor())
    const job = CtDetectionJob.create(
      { records, log: new MemoryLogger(), emit: () => undefined, publishCt: () => undefined, services: { api: () => h.api, ct: () => h.ct, clock: h.clock, config: () => defaultFoxConfig } },
      { sn: SN.krakow },
    )
    expect(() => job.answer({ kind: 'ctAfterResult', action: 'finish' })).toThrow(/invalidInput/)
    expect(() => job.answer({ kind: 'ctStopPolling' })).toThrow(/invalidInput/)
    expect(job.view().awaiting).toBe(null)
  })
})

describe('CT check: quit while the check runs, then resume', () => {
  /** A job wired to the shared harness, with the installer's answers and a hook on every view. */
  function ctJob(onView: (view: CtView, job: () => CtDetectionJob) => void, make: (deps: Parameters<typeof CtDetectionJob.create>[0]) => CtDetectionJob) {
    let job: CtDetectionJob | null = null
    const deps = {
      records,
      log: new MemoryLogger(),
      emit: () => undefined,
      services: { api: () => h.api, ct: () => h.ct, clock: h.clock, config: () => defaultFoxConfig },
      publishCt: (view: CtView) => onView(view, () => job!),
    }
    job = make(deps)
    return job
  }

  it('suspended mid-poll, the record stays in progress; the resumed job polls the check it started and never starts another', async () => {
    await setup()
    records = new RecordStore(':memory:', new Redactor())
    let polled!: () => void
    const polling = new Promise<void>((resolve) => (polled = resolve))
    const first = ctJob(
      (view, job) => {
        if (view.awaiting === 'ctApplicability') queueMicrotask(() => job().answer({ kind: 'ctApplicability', system: 'threePhaseSingle' }))
        if ((view.attempts.at(-1)?.polls ?? 0) >= 1) polled()
      },
      (deps) => CtDetectionJob.create(deps, { sn: SN.krakow, site: '', customer: '', operator: 'Tester', productType: 'H3' }),
    )
    const running = first.run()
    await polling
    first.suspend()
    await running
    expect(first.snapshot().phase).toMatchObject({ phase: 'paused', reason: 'suspended' })
    expect(records.summary(first.recordId).status).toBe('inProgress')

    let asked = 0
    const resumed = ctJob(
      (view, job) => {
        if (view.awaiting === 'ctApplicability') asked++
        if (view.awaiting === 'ctAfterResult') queueMicrotask(() => job().answer({ kind: 'ctAfterResult', action: 'finish' }))
      },
      (deps) => CtDetectionJob.resume(deps, first.recordId),
    )
    await resumed.run()
    const record = records.get(first.recordId)
    expect(record.verdict).toBe('pass')
    expect(record.steps.map((s) => `${s.key}:${s.status}`)).toEqual(['applicability:done', 'preconditions:done', 'start:done', 'result:interrupted', 'applicability:done', 'result:done'])
    expect(asked).toBe(0)
    expect(h.sim.calls.filter((c) => c.path === '/device/startCheck')).toHaveLength(1)
  })
})

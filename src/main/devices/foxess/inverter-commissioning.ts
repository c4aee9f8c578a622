/**
 * Inverter commissioning through the Fox ESS cloud, as an installer finishes
 * a hybrid installation: the inverter's details and firmware, the CT check,
 * battery and export settings (read, diff, write, read back), the device
 * clock, a live data and fault check, and the report. Each step is in the
 * record as it happens; an interrupted job resumes at the first unfinished
 * step.
 */
import {
  AppError,
  type ClockCheck,
  type CommissioningDevice,
  type CommissioningPrompt,
  CommissioningSteps,
  type CommissioningView,
  type CtSystemKind,
  CtSystemKinds,
  type DeviceKey,
  type FoxLiveSample,
  inverterKey,
  type LiveCheck,
  type Measurement,
  type Verdict,
} from '@shared/contract'
import { type CommissioningAnswer, type CommissioningStart, CommissioningStartSchema, SettingsTargetSchema } from '@shared/contract/foxess/foxess.schemas'
import { suggestSystem } from '@shared/devices/foxess/ct'
import { planChanges } from '@shared/devices/foxess/settings-plan'
import { isTimeZone } from '@shared/devices/foxess/time'
import { hasErrors, validateSettingsTarget } from '@shared/devices/foxess/validation'
import { faultCodes, runningStateCode } from '@shared/devices/foxess/values'
import { z } from 'zod'
import { applyChanges, readSnapshot } from './settings-ops'
import { CtFlow, type CtFlowResult, type CtStarted, CtStartedSchema } from './ct-flow'
import { FoxJob, type FoxJobDeps } from './fox-job'
import { Prompts } from '../../flows/prompts'
import { driftSeconds, liveOutcome, reportOutcome, resultMeasurements, siteClock, snapshotMeasurements } from './commissioning-record'
import { readCheckpoint, type StepOutcome } from '../../flows/recorded-job'

export interface CommissioningDeps extends FoxJobDeps {
  publishCommissioning: (view: CommissioningView) => void
}

type Input = z.output<typeof CommissioningStartSchema>

/**
 * What a commissioning needs to be picked up again. The inverter's details
 * are not kept: they are read again on resume, since they may have changed.
 */
const CommissioningCheckpoint = z.object({
  input: CommissioningStartSchema,
  system: z.enum(CtSystemKinds).optional(),
  target: SettingsTargetSchema.optional(),
  started: CtStartedSchema.optional(),
})
type Checkpoint = z.output<typeof CommissioningCheckpoint>

/** the clock counts as right within this */
const CLOCK_TOLERANCE_S = 30
const MAX_LIVE_SAMPLES = 30
/** the live check watches for minutes, not all day: its own refresh, at most MAX_LIVE_SAMPLES calls, not the live page's */
const LIVE_CHECK_SECONDS = 60

export class CommissioningJob extends FoxJob {
  readonly type = 'inverterCommissioning' as const
  readonly stepKeys = CommissioningSteps

  /** the device this job drives: no second job starts on it while this one is open */
  get deviceKey(): DeviceKey {
    return inverterKey(this.input.sn)
  }
  private readonly prompts: Prompts<CommissioningPrompt, CommissioningAnswer>
  private ctFlow: CtFlow | null = null
  private device: CommissioningDevice | null = null
  private system: CtSystemKind | null
  /** a CT check started and not yet read to its end */
  private ctStarted: CtStarted | null
  private settings: CommissioningView['settings'] = { current: null, changes: [], results: [], target: null }
  private clock: ClockCheck | null = null
  private live: LiveCheck | null = null

  constructor(
    protected override readonly deps: CommissioningDeps,
    recordId: number,
    private readonly input: Input,
    checkpoint: Omit<Checkpoint, 'input'> = {},
  ) {
    super(deps, recordId)
    this.prompts = new Prompts(() => this.emit())
    this.system = checkpoint.system ?? null
    this.ctStarted = checkpoint.started ?? null
    this.settings.target = checkpoint.target ?? null
  }

  static create(deps: CommissioningDeps, raw: CommissioningStart): CommissioningJob {
    const input = CommissioningStartSchema.parse(raw)
    const record = deps.records.create({
      jobType: 'inverterCommissioning',
      site: input.site,
      customer: input.customer,
      operator: input.operator,
      deviceSerial: input.sn,
      deviceIds: { inverter: input.sn },
    })
    const job = new CommissioningJob(deps, record.id, input)
    job.saveCheckpoint()
    return job
  }

  /** Finished steps are kept; the first unfinished one runs again (the CT check from its preconditions). */
  static resume(deps: CommissioningDeps, recordId: number): CommissioningJob {
    const { input, system, target, started } = readCheckpoint(deps.records, recordId, CommissioningCheckpoint)
    deps.records.interruptRunningSteps(recordId)
    const job = new CommissioningJob(deps, recordId, input, { system, target, started })
    for (const step of deps.records.get(recordId, 0).steps) {
      if (step.status === 'done' && (CommissioningSteps as readonly string[]).includes(step.key) && step.key !== 'report') {
        job.stepStates.set(step.key, { key: step.key, verdict: step.verdict, note: step.note })
      }
    }
    return job
  }

  view(): CommissioningView {
    return {
      recordId: this.recordId,
      sn: this.input.sn,
      device: this.device,
      ct: this.ctFlow
        ? {
            recordId: this.recordId,
            sn: this.input.sn,
            system: this.ctFlow.system,
            suggestedSystem: this.ctFlow.suggestedSystem,
            attempts: this.ctFlow.attempts.map((a) => structuredClone(a)),
            awaiting: this.prompts.awaiting === 'ctApplicability' || this.prompts.awaiting === 'ctAfterPreconditions' || this.prompts.awaiting === 'ctAfterResult' ? this.prompts.awaiting : null,
            finished: !this.ctFlow.polling && this.stepStates.has('ctDetection'),
          }
        : null,
      settings: structuredClone(this.settings),
      clock: this.clock ? structuredClone(this.clock) : null,
      live: this.live ? structuredClone(this.live) : null,
      awaiting: this.prompts.awaiting,
      finished: this.ended,
    }
  }

  /** An answer from the wizard. Settings are checked here first: a target with errors is refused and nothing is written. */
  answer(answer: CommissioningAnswer): CommissioningView {
    if (answer.kind === 'ctStopPolling') {
      if (!this.ctFlow) throw new AppError('invalidInput', { field: 'answer', reason: 'notPolling' })
      this.ctFlow.stopWaiting()
      return this.view()
    }
    if (answer.kind === 'liveConfirm' && !answer.plausible && !answer.note) throw new AppError('noteRequired', { field: 'note' })
    if (answer.kind === 'settingsTarget' && answer.target && this.prompts.awaiting === 'settingsTarget') {
      const issues = validateSettingsTarget(answer.target, this.settings.current)
      if (hasErrors(issues)) {
        const first = issues.find((i) => i.severity === 'error')!
        throw new AppError('foxessInvalidSetting', { field: first.field, reason: first.code, ...first.params })
      }
    }
    this.prompts.answer(answer)
    return this.view()
  }

  protected async execute(): Promise<Verdict> {
    if (this.stepStates.get('device')?.verdict) {
      // resumed: what was read before the interruption may have changed, so it is read again before going on
      const again = await this.readDevice(null).catch((err: unknown) => {
        if (this.signal.aborted) throw err
        return null
      })
      if (!again || again.note === 'deviceOffline') this.stepStates.delete('device')
    }
    if (!this.stepStates.get('device')?.verdict) {
      const outcome = await this.step('device', { sn: this.input.sn }, (stepId) => this.readDevice(stepId))
      if (outcome.note === 'deviceOffline' || !this.device) return 'fail'
    }
    if (!this.stepStates.get('ctDetection')?.verdict) await this.ctDetection()
    if (!this.stepStates.get('settings')?.verdict) await this.step('settings', {}, (stepId) => this.settingsStep(stepId))
    if (!this.stepStates.get('clock')?.verdict) await this.step('clock', {}, (stepId) => this.clockStep(stepId))
    if (!this.stepStates.get('liveData')?.verdict) await this.step('liveData', {}, (stepId) => this.liveStep(stepId))
    await this.step('report', {}, async () => this.reportStep())
    return this.overallVerdict()
  }

  protected publish(): void {
    this.deps.publishCommissioning(this.view())
  }

  private async ask<K extends CommissioningAnswer['kind']>(prompt: CommissioningPrompt, kinds: readonly K[]) {
    const step = this.phaseValue.phase === 'running' || this.phaseValue.phase === 'paused' ? this.phaseValue.step : ''
    this.setPhase({ phase: 'paused', step, reason: 'awaitingInput' })
    const answer = await this.prompts.ask(prompt, kinds, this.signal)
    this.setPhase({ phase: 'running', step })
    return answer
  }

  private saveCheckpoint(): void {
    const [system, target, started] = [this.system ?? undefined, this.settings.target ?? undefined, this.ctStarted ?? undefined]
    this.writeCheckpoint(CommissioningCheckpoint, { input: this.input, system, target, started })
  }

  private async readDevice(stepId: number | null): Promise<StepOutcome> {
    const api = this.deps.services.api()
    const ctx = { signal: this.signal, tap: this.tap(stepId) }
    const detail = await api.deviceDetail(this.input.sn, ctx)
    const device = (await api.listAllDevices(ctx)).find((d) => d.deviceSN === this.input.sn) ?? null
    let plant = null
    try {
      plant = await api.plantDetail(detail.stationID, ctx)
    } catch (err) {
      if (this.signal.aborted) throw err
    }
    let timezone = plant && isTimeZone(plant.timezone) ? plant.timezone : null
    if (!timezone) timezone = (await api.listAllPlants(ctx)).find((p) => p.stationID === detail.stationID)?.ianaTimezone ?? null
    if (!timezone || !isTimeZone(timezone)) timezone = 'UTC'
    let module = null
    try {
      module = (await api.listAllModules(ctx)).find((m) => m.moduleSN === detail.moduleSN) ?? null
    } catch (err) {
      if (this.signal.aborted) throw err
    }
    this.device = { detail, device, plant, timezone, module }
    this.deps.records.update(this.recordId, {
      deviceIds: { inverter: detail.deviceSN, ...(detail.moduleSN ? { logger: detail.moduleSN } : {}), ...(detail.stationID ? { station: detail.stationID } : {}) },
      ...(!this.input.site && plant ? { site: plant.stationName } : {}),
      meta: { deviceType: device?.deviceType ?? '', productType: device?.productType ?? '', timezone },
    })
    this.saveCheckpoint()
    const m: Measurement[] = [
      { key: 'deviceStatus', value: detail.status, verdict: detail.status === 1 ? 'pass' : detail.status === 2 ? 'info' : 'fail' },
      { key: 'deviceType', value: device?.deviceType || '—' },
      { key: 'masterVersion', value: detail.masterVersion || '—' },
      { key: 'slaveVersion', value: detail.slaveVersion || '—' },
      { key: 'managerVersion', value: detail.managerVersion || '—' },
      { key: 'hardwareVersion', value: detail.hardwareVersion || '—' },
      { key: 'afciVersion', value: detail.afciVersion || '—' },
    ]
    if (module) m.push({ key: 'loggerSignal', value: module.signal, unit: '%' }, { key: 'loggerOnline', value: module.status === 1, verdict: module.status === 1 ? 'pass' : 'fail' })
    if (detail.status === 3) return { verdict: 'fail', note: 'deviceOffline', measurements: m }
    return { verdict: detail.status === 2 ? 'info' : 'pass', note: detail.status === 2 ? 'deviceFault' : null, measurements: m }
  }

  private async ctDetection(): Promise<void> {
    const host = this.ctHost(
      (prompt, kinds) => this.ask(prompt, kinds),
      () => this.emit(),
      (started) => {
        this.ctStarted = started
        this.system = this.ctFlow?.system ?? this.system
        this.saveCheckpoint()
      },
    )
    this.ctFlow = new CtFlow(host, this.input.sn, suggestSystem(this.device?.device?.productType, this.device?.device?.deviceType), this.system, this.ctStarted)
    const result: CtFlowResult = await this.ctFlow.run()
    this.system = this.ctFlow.system
    this.saveCheckpoint()
    await this.step('ctDetection', { system: this.system }, async () => {
      if (result.kind === 'notApplicable') return { verdict: 'info', note: 'notApplicable' }
      if (result.kind === 'stopped') return { verdict: 'fail', note: 'ctStopped' }
      const o = result.outcome
      return {
        verdict: o.kind === 'normal' ? 'pass' : 'fail',
        note: o.kind === 'error' ? (o.error?.code ?? 'error') : o.kind,
        measurements: [{ key: 'attempts', value: this.ctFlow!.attempts.length }, { key: 'outcome', value: o.kind, verdict: o.kind === 'normal' ? 'pass' : 'fail' }],
      }
    })
  }

  private async settingsStep(stepId: number): Promise<StepOutcome> {
    const api = this.deps.services.api()
    const ctx = { signal: this.signal, tap: this.tap(stepId) }
    const device = this.device!
    const abilities = {
      hasBattery: device.device?.hasBattery ?? true,
      settings: true,
      scheduler: device.detail.schedulerSupported,
    }
    for (;;) {
      this.settings = { ...this.settings, current: null, changes: [], results: [] }
      this.emit()
      const current = await readSnapshot(api, this.input.sn, abilities, ctx, () => this.deps.services.clock.now())
      this.settings.current = current
      this.emit()
      const answer = await this.ask('settingsTarget', ['settingsTarget'])
      if (!answer.target) return { verdict: 'info', note: 'settingsSkipped', measurements: snapshotMeasurements(current) }
      const target = answer.target
      this.settings.target = target
      this.saveCheckpoint()
      const changes = planChanges(current, target)
      this.settings.changes = changes
      this.emit()
      if (!changes.length) return { verdict: 'pass', note: 'noChanges', measurements: snapshotMeasurements(current) }
      const results = await applyChanges(api, this.input.sn, changes, target, ctx, (r) => {
        this.settings.results = r
        this.emit()
      })
      this.settings.results = results
      const measurements = resultMeasurements(changes, results)
      if (results.every((r) => r.status === 'verified')) return { verdict: 'pass', measurements }
      this.emit()
      const next = await this.ask('settingsAfterWrite', ['settingsAfterWrite'])
      if (next.action === 'continue') {
        const refused = results.find((r) => r.error)?.error?.code
        return { verdict: 'fail', note: refused ?? 'settingsNotApplied', measurements }
      }
    }
  }

  private async clockStep(stepId: number): Promise<StepOutcome> {
    const api = this.deps.services.api()
    const { clock } = this.deps.services
    const ctx = { signal: this.signal, tap: this.tap(stepId) }
    const tz = this.device!.timezone
    const deviceTime = await api.timeGet(this.input.sn, ctx)
    const siteTime = siteClock(clock.now(), tz, deviceTime.twoDigitYear)
    const drift = driftSeconds(deviceTime, siteTime)
    this.clock = { deviceTime, siteTime, timezone: tz, driftSeconds: drift, setTo: null, readBack: null, error: null }
    this.emit()
    const answer = await this.ask('clock', ['clock'])
    const m: Measurement[] = [{ key: 'clockDrift', value: drift, unit: 's', min: -CLOCK_TOLERANCE_S, max: CLOCK_TOLERANCE_S, verdict: Math.abs(drift) <= CLOCK_TOLERANCE_S ? 'pass' : 'fail' }]
    if (answer.action === 'skip') return { verdict: Math.abs(drift) <= CLOCK_TOLERANCE_S ? 'pass' : 'fail', note: Math.abs(drift) <= CLOCK_TOLERANCE_S ? null : 'clockSkipped', measurements: m }
    const setTo = siteClock(clock.now(), tz, deviceTime.twoDigitYear)
    this.clock.setTo = setTo
    this.emit()
    try {
      await api.timeSet(this.input.sn, setTo, ctx)
    } catch (err) {
      if (this.signal.aborted) throw err
      this.clock.error = err instanceof AppError ? err.toPayload() : { code: 'internal' }
    }
    const back = await api.timeGet(this.input.sn, ctx)
    const after = driftSeconds(back, siteClock(clock.now(), tz, back.twoDigitYear))
    this.clock.readBack = back
    this.clock.driftSeconds = after
    this.emit()
    const ok = Math.abs(after) <= CLOCK_TOLERANCE_S
    m.push({ key: 'clockDriftAfter', value: after, unit: 's', min: -CLOCK_TOLERANCE_S, max: CLOCK_TOLERANCE_S, verdict: ok ? 'pass' : 'fail' })
    return { verdict: ok ? 'pass' : 'fail', note: ok ? null : (this.clock.error?.code ?? 'clockNotSet'), measurements: m }
  }

  private async liveStep(stepId: number): Promise<StepOutcome> {
    const api = this.deps.services.api()
    const { clock } = this.deps.services
    const live: LiveCheck = { samples: [], runningState: null, faults: [], dataAgeSeconds: null, confirmed: null }
    this.live = live
    this.emit()
    const stop = new AbortController()
    const signal = AbortSignal.any([this.signal, stop.signal])
    let lastError: string | null = null
    const sampling = (async () => {
      for (let i = 0; i < MAX_LIVE_SAMPLES && !signal.aborted; i++) {
        try {
          const [rt] = await api.realTime([this.input.sn], undefined, { signal, tap: this.tap(stepId) })
          if (rt) {
            const sample: FoxLiveSample = { deviceSN: rt.deviceSN, at: clock.now(), dataTime: rt.time, values: {}, units: {} }
            for (const v of rt.datas) {
              sample.values[v.variable] = v.value
              sample.units[v.variable] = v.unit
            }
            live.samples.push(sample)
            live.runningState = runningStateCode(sample.values.runningState)
            live.faults = faultCodes(sample.values.currentFault).map((code) => ({ code }))
            live.dataAgeSeconds = rt.time === null ? null : Math.round((sample.at - rt.time) / 1000)
            lastError = null
            this.emit()
          }
        } catch (err) {
          if (signal.aborted) return
          lastError = err instanceof AppError ? err.code : 'internal'
        }
        try {
          await clock.sleep(LIVE_CHECK_SECONDS * 1000, signal)
        } catch {
          return
        }
      }
    })()
    const answer = await this.ask('liveConfirm', ['liveConfirm'])
    stop.abort()
    await sampling
    live.confirmed = answer.plausible
    this.emit()
    return liveOutcome(live, answer.plausible, lastError, answer.note ?? null)
  }

  private reportStep(): StepOutcome {
    return reportOutcome(CommissioningSteps.filter((k) => k !== 'report').map((k) => this.stepStates.get(k)?.verdict))
  }
}

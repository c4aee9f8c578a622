import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import {
  AppError,
  type DeviceKey,
  type Measurement,
  serialPortKey,
  UPS_BAND_UNITS,
  type UpsTestAnswer,
  type UpsTestPrompt,
  type UpsTestRun,
  UpsTestSteps,
  type Verdict,
} from '@shared/contract'
import { type UpsTestInput, type UpsTestStart, UpsTestStartSchema } from '@shared/contract/ups/acceptance.schemas'
import type { FramingProfile } from '@shared/devices/ups/framing'
import { loadProtocol } from '@shared/devices/ups/lint'
import type { UpsProtocol } from '@shared/devices/ups/protocol'
import { pollCommands } from '@shared/devices/ups/readings'
import { commandKey, requestBytes } from '@shared/devices/ups/wire'
import { toHex } from '@shared/hex'
import { z } from 'zod'
import { Prompts } from '../../flows/prompts'
import { type JobDeps, readCheckpoint, RecordedJob, type StepOutcome } from '../../flows/recorded-job'
import type { PortManager } from '../../transport/serial/manager'
import { bandMeasurements, scaledPoll, testPlan, type UpsTestPlan } from './acceptance-plan'
import { type TestPoll, UpsTestLine } from './acceptance-line'
import { MainsTest } from './acceptance-mains'
import { MainsTrace } from './acceptance-trace'
import { readProtocolFile } from './files'
import { defaultFraming } from './framing'
import { lineOf } from './module'
import { UpsMonitor } from './monitor'
import shippedIni from '../../../../resources/ups/ups-rs232-protocol.zh.ini?raw'
import { SHIPPED_INI_NAME } from './shipped'

export interface UpsTestDeps extends JobDeps {
  ports: PortManager
  /** the run view beside job:update: the question standing and the waits' deadlines */
  testRun(run: UpsTestRun): void
}

export const UpsTestCheckpoint = z.object({
  input: UpsTestStartSchema,
  file: z.object({ name: z.string(), sha256: z.string() }),
  /** the transfer as seen: kept, so a resumed test still times it */
  transfer: z.object({ lastOnMainsAt: z.number().nullable(), onBatteryAt: z.number() }).optional(),
  discharge: z.object({ startedAt: z.number(), voltage: z.number().nullable(), capacity: z.number().nullable() }).optional(),
})
export type UpsTestCheckpointData = z.output<typeof UpsTestCheckpoint>

interface LoadedFile {
  name: string
  sha256: string
  protocol: UpsProtocol
  framing: FramingProfile
  encoding: string
  errors: number
  warnings: number
}

/** The protocol file as the test reads it; one whose values sit on the template's placeholder is refused, as the monitor will not present them. */
async function loadFile(ini: string | undefined): Promise<LoadedFile> {
  if (ini === undefined) {
    const { protocol, findings } = loadProtocol(shippedIni, { unitsPerByte: 2 })
    const sha256 = createHash('sha256').update(shippedIni, 'utf8').digest('hex')
    return { name: SHIPPED_INI_NAME, sha256, protocol, framing: defaultFraming, encoding: 'utf-8', ...counts(findings) }
  }
  const file = await readProtocolFile(ini)
  const placeholder = file.findings.find((f) => f.code === 'placeholder')
  if (placeholder) throw new AppError('upsFilePlaceholder', { file: basename(ini), count: placeholder.params.count ?? 0, index: placeholder.params.index ?? '' })
  if (!pollCommands(file.protocol).length) throw new AppError('upsNothingToRead')
  const sha256 = createHash('sha256')
    .update(await readFile(ini))
    .digest('hex')
  return { name: basename(ini), sha256, protocol: file.protocol, framing: file.framing, encoding: file.encoding, ...counts(file.findings) }
}

const counts = (findings: { severity: string }[]) => ({ errors: findings.filter((f) => f.severity === 'error').length, warnings: findings.filter((f) => f.severity === 'warning').length })

/**
 * The UPS acceptance test, as a recorded job: the protocol file identified,
 * every command answered, every value once against its band, then the mains
 * failure the engineer makes at the breaker (transfer, alarms, the battery's
 * fall) and mains restored (return, alarms cleared). The UPS is polled all
 * along at the test's interval, so a transfer is timed to that resolution.
 */
export class UpsAcceptanceJob extends RecordedJob {
  readonly type = 'upsTest' as const
  readonly stepKeys = UpsTestSteps
  readonly prompts: Prompts<UpsTestPrompt, UpsTestAnswer>
  private readonly owner: string
  private line: UpsTestLine | null = null
  private plan: UpsTestPlan | null = null
  private view: UpsTestRun

  private constructor(
    protected override readonly deps: UpsTestDeps,
    recordId: number,
    private checkpoint: UpsTestCheckpointData,
    /** read when the test starts, and again on resume (it must then be the same bytes) */
    private loaded: LoadedFile | null,
  ) {
    super(deps, recordId)
    this.owner = `upsTest#${recordId}`
    this.prompts = new Prompts(() => this.runChanged({ prompt: this.prompts.awaiting }))
    this.view = { recordId, prompt: null, waitEndsAt: null, dischargeEndsAt: null, onBattery: null, pollMs: checkpoint.input.pollMs, discharge: null, alarms: [] }
  }

  get deviceKey(): DeviceKey {
    return serialPortKey(this.input.path)
  }

  get input(): UpsTestInput {
    return this.checkpoint.input
  }

  static async create(deps: UpsTestDeps, raw: UpsTestStart): Promise<UpsAcceptanceJob> {
    const input = UpsTestStartSchema.parse(raw)
    const file = await loadFile(input.ini)
    const record = deps.records.create({
      jobType: 'upsTest',
      site: input.site,
      customer: input.customer,
      operator: input.operator,
      deviceSerial: input.serial,
      deviceIds: { port: input.path },
      meta: { file: file.name, sha256: file.sha256, dischargeS: input.dischargeS, pollMs: input.pollMs },
    })
    const job = new UpsAcceptanceJob(deps, record.id, { input, file: { name: file.name, sha256: file.sha256 } }, file)
    job.writeCheckpoint(UpsTestCheckpoint, job.checkpoint)
    return job
  }

  /** Picks up a suspended test: finished steps are kept, the interrupted one runs again; the file is read again as it runs. */
  static resume(deps: UpsTestDeps, recordId: number): UpsAcceptanceJob {
    const checkpoint = readCheckpoint(deps.records, recordId, UpsTestCheckpoint)
    deps.records.interruptRunningSteps(recordId)
    const job = new UpsAcceptanceJob(deps, recordId, checkpoint, null)
    for (const step of deps.records.get(recordId, 0).steps) {
      if (step.status === 'done') job.stepStates.set(step.key, { key: step.key, verdict: step.verdict, note: step.note })
    }
    return job
  }

  /** The engineer's answer to the question standing. */
  answer(answer: UpsTestAnswer): void {
    this.prompts.answer(answer)
    this.exchange(null, { direction: 'event', channel: 'operator', data: answer.kind, summary: answer.kind })
  }

  runState(): UpsTestRun {
    return { ...this.view }
  }

  private get file(): LoadedFile {
    if (!this.loaded) throw new AppError('internal', { reason: 'fileNotLoaded' })
    return this.loaded
  }

  protected async execute(): Promise<Verdict> {
    if (!this.loaded) {
      const file = await loadFile(this.input.ini)
      // a file edited while the test was suspended would judge the rest by other positions than the first steps
      if (file.sha256 !== this.checkpoint.file.sha256) throw new AppError('upsFileChanged', { file: file.name })
      this.loaded = file
    }
    const done = (key: string) => this.stepStates.get(key)?.verdict
    if (!done('identify')) await this.step('identify', { file: this.file.name }, async () => this.identify())
    await this.connect()
    if (!done('communication')) {
      const comm = await this.step('communication', {}, (id) => this.communication(id), { deviceEvidence: true })
      if (comm.verdict === 'fail') return 'fail'
    }
    if (!done('values')) await this.step('values', { bands: this.input.bands }, (id) => this.values(id), { deviceEvidence: true })
    // from the mains cut on, every alarm of the file is kept with its times, beside the verdicts
    const trace = new MainsTrace(this.deps.records, this.recordId, this.plan!.alarms, (view) => this.runChanged(view))
    this.runChanged(trace.view())
    this.line!.onAlarm((alarm) => trace.alarm(alarm))
    const mains = new MainsTest({
      line: this.line!,
      trace,
      plan: this.plan!,
      input: this.input,
      checkpoint: () => this.checkpoint,
      saveCheckpoint: (change) => {
        this.checkpoint = { ...this.checkpoint, ...change }
        this.writeCheckpoint(UpsTestCheckpoint, this.checkpoint)
      },
      prompts: this.prompts,
      attended: this.input.attended,
      signal: this.signal,
      now: () => this.time.now(),
      evidence: (stepId, poll) => this.evidence(stepId, poll),
      runChanged: (change) => this.runChanged(change),
    })
    if (!done('mainsCut')) {
      const cut = await this.step('mainsCut', { timeoutS: this.input.transferTimeoutS }, (id) => mains.cut(id), { deviceEvidence: true })
      // a UPS that never went to battery has no discharge to measure; mains must still be asked back if it was cut
      if (cut.note === 'noTransfer' || cut.note === 'outputLost') {
        await this.step('mainsReturn', { timeoutS: this.input.transferTimeoutS }, (id) => mains.restore(id), { deviceEvidence: true })
        return 'fail'
      }
    }
    if (!done('discharge')) await this.step('discharge', { durationS: this.input.dischargeS }, (id) => mains.discharge(id), { deviceEvidence: true })
    if (!done('mainsReturn')) await this.step('mainsReturn', { timeoutS: this.input.transferTimeoutS }, (id) => mains.restore(id), { deviceEvidence: true })
    return this.overallVerdict()
  }

  protected override async release(): Promise<void> {
    this.runChanged({ prompt: null, waitEndsAt: null, dischargeEndsAt: null })
    const line = this.line
    this.line = null
    if (line) {
      await line.stop()
      await this.deps.ports.close(this.input.path, this.owner).catch(() => undefined)
    }
  }

  private identify(): StepOutcome {
    const { name, sha256, encoding, errors, warnings, protocol } = this.file
    const measurable = protocol.values.filter((v) => v.measurable).length
    return {
      verdict: errors ? 'fail' : 'pass',
      note: errors ? 'fileHasErrors' : null,
      measurements: [
        { key: 'file', value: name },
        { key: 'sha256', value: sha256 },
        { key: 'encoding', value: encoding },
        { key: 'values', value: protocol.values.length },
        { key: 'measurable', value: measurable, min: protocol.values.length, verdict: measurable === protocol.values.length ? 'pass' : 'info' },
        { key: 'lintErrors', value: errors, max: 0, verdict: errors ? 'fail' : 'pass' },
        { key: 'lintWarnings', value: warnings },
      ],
    }
  }

  private async connect(): Promise<void> {
    const session = await this.deps.ports.open(this.input.path, lineOf(this.file.framing), this.owner)
    const monitor = new UpsMonitor({ session, protocol: this.file.protocol, framing: this.file.framing, clock: this.time, intervalMs: this.input.pollMs })
    this.plan = testPlan(this.file.protocol, this.file.framing)
    this.line = new UpsTestLine(monitor)
    this.line.start()
  }

  /** Every command of the file once: an answer of the length its reply must have, within the profile's timeout. */
  private async communication(stepId: number): Promise<StepOutcome> {
    const poll = await this.line!.fresh(this.signal)
    this.evidence(stepId, poll)
    const timeoutMs = this.file.framing.reply.timeoutMs
    const measurements: Measurement[] = []
    const failed: number[] = []
    for (const command of pollCommands(this.file.protocol)) {
      const answer = poll.answers.find((a) => a.command === command)
      const ok = answer?.ok === true
      if (!ok) failed.push(command)
      measurements.push({ key: `answer${command}`, value: ok, verdict: ok ? 'pass' : 'fail' })
      if (answer?.ok) measurements.push({ key: `roundTrip${command}`, value: Math.round(answer.roundTripMs), unit: 'ms', max: timeoutMs, verdict: 'pass' })
    }
    return { verdict: failed.length ? 'fail' : 'pass', measurements, note: failed.length ? `commandNotAnswered:${failed.join(',')}` : null }
  }

  /** One poll of every value against the bands; no alarm may be active. */
  private async values(stepId: number): Promise<StepOutcome> {
    const poll = await this.line!.fresh(this.signal)
    this.evidence(stepId, poll)
    const plan = this.plan!
    const values = scaledPoll(plan, poll.raw)
    const { measurements, outOfBand, missed } = bandMeasurements(plan, values, this.input.bands, UPS_BAND_UNITS)
    const active = plan.alarms.filter((v) => (values.get(v.n) ?? 0) !== 0).map((v) => v.n)
    measurements.push({ key: 'activeAlarms', value: active.length, max: 0, verdict: active.length ? 'fail' : 'pass' })
    const notes = [missed.length ? `valueMissed:${missed.join(',')}` : null, outOfBand.length ? `valueOutOfBand:${outOfBand.join(',')}` : null, active.length ? `alarmActive:${active.join(',')}` : null].filter(Boolean)
    return { verdict: notes.length ? 'fail' : 'pass', measurements, note: notes[0] ?? null }
  }

  /** The poll's requests and answers into the record, with the step whose verdict rests on them. */
  private evidence(stepId: number, poll: TestPoll): void {
    const channel = `serial:${this.input.path}`
    for (const answer of poll.answers) {
      const summary = `0x${commandKey(answer.command)}`
      this.exchange(stepId, { direction: 'tx', channel, data: toHex(requestBytes(this.file.framing, answer.command)), summary })
      if (answer.ok) this.exchange(stepId, { direction: 'rx', channel, data: toHex(answer.data), summary })
      else this.exchange(stepId, { direction: 'event', channel, data: '', summary: `${summary} ${answer.problem}` })
    }
  }

  private runChanged(change: Partial<UpsTestRun>): void {
    this.view = { ...this.view, ...change } as UpsTestRun
    this.deps.testRun(this.runState())
  }
}

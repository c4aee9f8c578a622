import {
  AppError,
  CABINET_CHANNELS,
  CABINET_SERIAL,
  CABINET_SLOTS,
  type CabinetAwaiting,
  type CabinetBand,
  type CabinetCommand,
  cabinetKey,
  type CabinetConfirmation,
  type CabinetFrameEntry,
  type CabinetRun,
  type CabinetSample,
  type CabinetSamples,
  CabinetTestSteps,
  type DeviceKey,
  firmwareNumber,
  type JsonValue,
  type Measurement,
  type RelaysOffMethod,
  type RetestableStep,
  serialPortKey,
  type Verdict,
} from '@shared/contract'
import { type CabinetTestInput, type CabinetTestStart, CabinetTestStartSchema } from '@shared/contract/cabinet.schemas'
import { profileTexts } from '@shared/i18n/cabinet'
import { decodeLockState, rawValue, scaled } from '../devices/cabinet/catalogue'
import { type CabinetAnswer, CabinetClient } from '../devices/cabinet/client'
import { switchAllRelaysOff } from '../devices/cabinet/relays'
import { z } from 'zod'
import type { PortSession } from '../transport/serial/session'
import {
  ALL_SLOTS,
  type CabinetPlan,
  freshSlot,
  fullPlan,
  latestSteps,
  retestPlan,
  type SlotTrack,
  slotState,
  slotsFromRecord,
  TEST_STEPS,
  type TestStep,
  withReportsOfInterruptedSteps,
} from './cabinet-test-plan'
import type { LinkCheckDeps } from './link-check'
import { Prompts } from './prompts'
import { readCheckpoint, RecordedJob, type StepOutcome, type StopReason } from './recorded-job'
import { sendOnce, type SendOnceResult, type SentJournal } from './send-once'

export interface CabinetTestDeps extends LinkCheckDeps {
  /** the cabinet's own events beside job:update: its live state and the chart's samples */
  cabinetEvents: { run(run: CabinetRun): void; samples(batch: CabinetSamples): void }
}

const TestStepSchema = z.enum(TEST_STEPS)
const CabinetCheckpoint = z.object({
  input: CabinetTestStartSchema,
  plan: z.object({ steps: z.array(TestStepSchema), slots: z.array(z.number().int().min(1).max(CABINET_SLOTS)), retest: z.boolean() }),
  /** steps of the plan already finished */
  done: z.array(TestStepSchema),
  /** commands sent in the step under way: after a crash they are read back, not sent again */
  sent: z.array(z.string()),
})

type Confirmation = { [K in CabinetConfirmation]: { kind: K; ok: boolean } }[CabinetConfirmation]

/** How an abort or a suspend left the board, as the record says it. */
type SafeState = 'boardLeftSafe' | 'boardNotVerifiedSafe' | 'boardUnreachable'

/** samples reach the UI in batches, never one message per reading */
const SAMPLE_BATCH_MS = 50
/** a read that gets no answer is asked again this many times (reads change nothing on the board) */
const READ_ATTEMPTS = 3

const isLinkLoss = (err: unknown) => err instanceof AppError && (err.code === 'portDisconnected' || err.code === 'portWriteFailed')
const isTimeout = (err: unknown) => err instanceof AppError && err.code === 'timeout'
const round3 = (n: number) => Math.round(n * 1000) / 1000
const inBand = (value: number, band: CabinetBand) => value >= band.min && value <= band.max

/**
 * The guided factory test of an 8-slot battery-swap cabinet, as a recorded
 * job: connect, the operator's safety confirmation (nothing is energized
 * before it), all locks open, each door closed and reported, all relays on,
 * fan and airflow, channels 1–9 against their bands, voltage / power /
 * energy / temperatures, all relays off, locks restored.
 *
 * The seed has no query for a lock's or a relay's state, so the test reads
 * them the way the board gives them: a lock's from the board's reports (the
 * lock keys 11–18 are sync data, and a close "is reported"), a relay's from
 * the current its channel carries.
 *
 * Every frame is written to the record with the step it belongs to. A
 * command is sent once: when its answer is missing, or the cable was pulled
 * around it, or the app crashed after it, the state is read back instead.
 * An unplug pauses the job until the same port returns; a finished record
 * can have a failed step run again (`retest`), with what it needs before and
 * the safe state after.
 */
export class CabinetTestJob extends RecordedJob {
  readonly type = 'cabinetTest' as const
  readonly stepKeys = CabinetTestSteps

  /** the device this job drives: no second job starts on it while this one is open */
  get deviceKey(): DeviceKey {
    return serialPortKey(this.input.path)
  }
  private session: PortSession | null
  private client: CabinetClient | null = null
  private readonly owner: string
  private readonly firmware: number | null
  private readonly sent: Set<string>
  private readonly finished: Set<TestStep>
  private readonly slots: SlotTrack[]
  private awaitingValue: CabinetAwaiting | null = null
  /** wakes the slot wait under way when a lock report comes */
  private slotWaiter: (() => void) | null = null
  private doorsDeadlineMs = 0
  private doorSlots: number[] = []
  private readonly prompts: Prompts<CabinetConfirmation, Confirmation>
  private readonly journal: SentJournal
  /** picked up from a record: what the test remembers of the board is read again before it is relied on */
  private readonly resumed: boolean
  private stepId: number | null = null
  private currentKey = ''
  private samples: CabinetSample[] = []
  private sampleTimer: NodeJS.Timeout | null = null
  private relaysOffMethod: RelaysOffMethod | null = null
  /** relays whose channel carried current when switched on: only those can be proven off by current */
  private readonly conducted: boolean[]
  private fanOn = false
  private energized = false
  private meta: Record<string, JsonValue>
  private readonly offs: (() => void)[] = []

  private constructor(
    protected override readonly deps: CabinetTestDeps,
    recordId: number,
    private readonly input: CabinetTestInput,
    private readonly plan: CabinetPlan,
    state: { session?: PortSession; done?: TestStep[]; sent?: string[]; slots?: SlotTrack[]; conducted?: boolean[]; meta: Record<string, JsonValue>; resumed?: boolean },
  ) {
    super(deps, recordId)
    this.prompts = new Prompts(() => this.emitRun())
    this.journal = {
      has: (key) => this.sent.has(key),
      mark: (key) => {
        this.sent.add(key)
        this.checkpoint()
      },
    }
    this.resumed = state.resumed ?? false
    this.owner = `cabinetTest#${recordId}`
    this.session = state.session ?? null
    this.firmware = firmwareNumber(input.firmware)
    this.finished = new Set(state.done ?? [])
    this.sent = new Set(state.sent ?? [])
    this.slots = state.slots ?? ALL_SLOTS.map(freshSlot)
    this.conducted = state.conducted ?? new Array<boolean>(CABINET_SLOTS).fill(true)
    this.meta = state.meta
  }

  // ---- creating, resuming, retesting

  /** A new run. The port is opened first: a port that cannot be had is an error and no record is made. */
  static async create(deps: CabinetTestDeps, raw: CabinetTestStart): Promise<CabinetTestJob> {
    const input = CabinetTestStartSchema.parse(raw)
    const session = await deps.ports.open(input.path, CABINET_SERIAL, 'cabinetTest')
    try {
      const texts = profileTexts(input.profile)
      const meta: Record<string, JsonValue> = { profile: texts.name as JsonValue, profileNote: texts.note as JsonValue, firmware: input.firmware, relaysOffMethod: null }
      const record = deps.records.create({
        jobType: 'cabinetTest',
        site: input.site,
        customer: input.customer,
        operator: input.operator,
        deviceSerial: input.serial,
        deviceIds: { port: input.path },
        meta,
      })
      const job = new CabinetTestJob(deps, record.id, input, fullPlan(), { session, meta })
      job.checkpoint()
      return job
    } catch (err) {
      await session.close()
      throw err
    }
  }

  /** Picks an interrupted record up: finished steps stay, connect and the safety confirmation are done again. */
  static resume(deps: CabinetTestDeps, recordId: number): CabinetTestJob {
    const checkpoint = readCheckpoint(deps.records, recordId, CabinetCheckpoint)
    deps.records.interruptRunningSteps(recordId)
    const record = deps.records.get(recordId, 0)
    // the lock reports of the step under way were written as they came: they count, the doors are not asked for again
    const slots = withReportsOfInterruptedSteps(slotsFromRecord(record), record, deps.records.allExchanges(recordId))
    const job = new CabinetTestJob(deps, recordId, checkpoint.input, checkpoint.plan, {
      done: checkpoint.done,
      sent: checkpoint.sent,
      slots,
      conducted: conductedFromRecord(record),
      meta: record.meta,
      resumed: true,
    })
    for (const [key, step] of latestSteps(record)) {
      if (key !== 'connect' && key !== 'safety') job.stepStates.set(key, { key, verdict: step.verdict, note: step.note })
    }
    return job
  }

  /** Runs one failed step of a finished record again, without redoing the rest. */
  static async retest(deps: CabinetTestDeps, recordId: number, step: RetestableStep): Promise<CabinetTestJob> {
    const summary = deps.records.summary(recordId)
    const record = deps.records.get(recordId, 0)
    const parsed = CabinetCheckpoint.shape.input.safeParse((deps.records.checkpoint(recordId) as { input?: unknown } | null)?.input)
    if (summary.jobType !== 'cabinetTest' || summary.status !== 'completed' || !parsed.success) throw new AppError('recordClosed', { id: recordId })
    const latest = latestSteps(record)
    if (latest.get(step)?.verdict !== 'fail') throw new AppError('cabinetNothingToRetest', { step })
    const session = await deps.ports.open(parsed.data.path, CABINET_SERIAL, 'cabinetTest')
    deps.records.reopen(recordId)
    const job = new CabinetTestJob(deps, recordId, parsed.data, retestPlan(step, record), {
      session,
      slots: slotsFromRecord(record),
      conducted: conductedFromRecord(record),
      meta: record.meta,
    })
    for (const [key, s] of latest) job.stepStates.set(key, { key, verdict: s.verdict, note: s.note })
    job.checkpoint()
    return job
  }

  // ---- what the UI and the command line see and do

  runState(): CabinetRun {
    const profile = this.input.profile
    return {
      recordId: this.recordId,
      path: this.input.path,
      serial: this.input.serial,
      operator: this.input.operator,
      profileName: profile.name,
      profileId: profile.id ?? null,
      firmware: this.input.firmware,
      awaiting: this.awaitingValue,
      slots: this.slots.map(slotState),
      link: this.client ? { ...this.client.stats } : { framesTx: 0, framesRx: 0, badCrc: 0, junkBytes: 0, timeouts: 0, reports: 0 },
      bands: profile.channels,
      currentUnit: profile.scaling.current.unit,
      relaysOffMethod: this.relaysOffMethod,
    }
  }

  /** The operator's answer to what the test waits for (the safety warning, the airflow, "all doors are closed"). */
  confirm(what: CabinetConfirmation, ok: boolean): void {
    if (this.prompts.awaiting !== what) throw new AppError('cabinetNotAwaiting', { what })
    this.prompts.answer({ kind: what, ok } as Confirmation)
  }

  // ---- the run

  protected async execute(): Promise<Verdict | null> {
    const connected = await this.runStep('connect', { path: this.input.path }, () => this.connect())
    if (connected.verdict === 'fail') return this.closingVerdict()
    const safety = await this.runStep('safety', {}, () => this.safety())
    if (safety.note === 'safetyDeclined') {
      if (this.plan.retest) return this.closingVerdict()
      this.abort('safetyDeclined')
      return null
    }
    for (const key of this.plan.steps) {
      if (this.finished.has(key)) continue
      await this.runStep(key, this.stepInputs(key), () => this.body(key))
      this.finished.add(key)
      this.checkpoint()
    }
    this.updateMeta({ keyTable: this.keyTable() })
    return this.closingVerdict()
  }

  /** A cancelled retest leaves the record's verdict as the latest attempts say. */
  protected override cancelled(): void {
    if (this.plan.retest) this.finish(this.closingVerdict())
    else this.abort('cancelled')
  }

  protected override async release(): Promise<void> {
    this.awaitingValue = null
    this.flushSamples()
    for (const off of this.offs.splice(0)) off()
    this.client?.dispose()
    if (this.session) await this.deps.ports.close(this.input.path, this.session.owner).catch(() => undefined)
    this.emitRun()
  }

  /** The verdict of the latest attempt of every step, to close the record with. */
  private closingVerdict(): Verdict {
    this.deps.records.interruptRunningSteps(this.recordId)
    return this.overallVerdict()
  }

  private body(key: TestStep): Promise<StepOutcome> {
    switch (key) {
      case 'locksOpen':
        return this.locksOpen()
      case 'doorsClose':
        return this.doorsClose()
      case 'relaysOn':
        return this.relaysOn()
      case 'fan':
        return this.fan()
      case 'currents':
        return this.currents()
      case 'readings':
        return this.readings()
      case 'relaysOff':
        return this.relaysOff()
      case 'locksRestore':
        return this.locksRestore()
    }
  }

  private stepInputs(key: TestStep): Record<string, JsonValue> {
    if (key === 'locksOpen' || key === 'doorsClose' || key === 'locksRestore') return { slots: this.plan.slots, retest: this.plan.retest }
    if (key === 'relaysOff') return { firmware: this.input.firmware }
    return this.plan.retest ? { retest: true } : {}
  }

  private runStep(key: string, inputs: Record<string, JsonValue>, body: () => Promise<StepOutcome>): Promise<StepOutcome> {
    return this.step(
      key,
      inputs,
      async (stepId) => {
        this.stepId = stepId
        this.currentKey = key
        try {
          return await body()
        } finally {
          this.stepId = null
          // a finished step's commands are history: a crash after this point sends the next step's afresh
          for (const sent of [...this.sent]) if (sent.startsWith(`${key}:`)) this.sent.delete(sent)
        }
      },
      // a verdict rests on what the board said, except the operator's own: the safety warning, and the airflow they feel
      { deviceEvidence: key !== 'safety' && key !== 'fan' },
    )
  }

  // ---- steps

  private async connect(): Promise<StepOutcome> {
    if (!this.session) this.session = await this.deps.ports.open(this.input.path, CABINET_SERIAL, this.owner)
    const session = this.session
    const client = new CabinetClient(session, { timeoutMs: this.input.profile.timing.answerTimeoutMs, scaling: this.input.profile.scaling })
    this.client = client
    this.offs.push(
      client.onFrame((entry) => this.recordFrame(entry)),
      client.onReport((lock) => this.lockReported(lock.slot, lock.open)),
      session.onState((state, change) => {
        if (state === 'disconnected') this.setPhase({ phase: 'paused', step: this.currentKey, reason: 'portDisconnected' })
        if (state === 'reconnected') this.setPhase({ phase: 'running', step: this.currentKey })
        if (state === 'differentDevice') this.differentDevice(change ?? '')
      }),
    )
    this.emitRun()
    // a read the board answers whatever its state: proves the line and the board before anything is switched
    const { answer, roundTripMs } = await this.read({ kind: 'readInternalTemperature' })
    const temperature = this.scaleOf(answer, 'temperature')
    if (this.resumed) await this.reverify()
    return {
      verdict: 'pass',
      measurements: [
        { key: 'answerTime', value: round3(roundTripMs), unit: 'ms' },
        { key: 'boardTemperature', value: temperature.value, unit: temperature.unit },
      ],
    }
  }

  /**
   * After a resume the relays and the fan may be as the interrupted run left
   * them: the relays are read back by their channels' current, and the fan,
   * which cannot be read, is taken as on if it may have been switched on, so
   * a cancel or a suspend switches off what may be on.
   */
  private async reverify(): Promise<void> {
    const relaysOff = this.finished.has('relaysOff')
    const touched = (step: TestStep) => this.finished.has(step) || [...this.sent].some((key) => key.startsWith(`${step}:`))
    this.fanOn = touched('fan') && !relaysOff
    const currents = await Promise.all(ALL_SLOTS.map(async (relay) => ({ relay, amps: await this.readCurrent(relay) })))
    const conducting = currents.some(({ amps }) => amps !== null && amps > this.input.profile.relayOffMaxCurrent)
    const unknown = currents.some(({ amps }) => amps === null)
    this.energized = conducting || (unknown && touched('relaysOn') && !relaysOff)
    // relays found off (switched off when the run was suspended): the measurements need them on again first
    if (!this.energized && this.finished.has('relaysOn') && !relaysOff && this.plan.steps.includes('relaysOn')) {
      this.finished.delete('relaysOn')
      this.checkpoint()
    }
  }

  private async safety(): Promise<StepOutcome> {
    const ok = await this.ask({ what: 'safety' })
    return ok
      ? { verdict: 'info', measurements: [{ key: 'safetyConfirmed', value: true }] }
      : { verdict: 'info', note: 'safetyDeclined', measurements: [{ key: 'safetyConfirmed', value: false }] }
  }

  private async locksOpen(): Promise<StepOutcome> {
    const slots = this.plan.slots
    for (const slot of slots) this.slots[slot - 1] = { ...freshSlot(), pending: true }
    this.emitRun()
    const measurements: Measurement[] = []
    if (slots.length === CABINET_SLOTS && !this.plan.retest) {
      await this.commandOnce('openAllLocks', { kind: 'openAllLocks' })
      // "逐个开": the board answers at once and opens the locks one by one, reporting each
      await this.waitForSlots(slots, (t) => t.opened, this.input.profile.timing.lockOpenTimeoutMs, false)
    } else {
      for (const slot of slots) {
        const sent = await this.commandOnce(`openLock${slot}`, { kind: 'openLock', slot })
        if (sent.kind !== 'answered') continue
        const lock = decodeLockState(sent.answer.answer)
        if (lock.open) this.lockReported(slot, true)
        measurements.push({ key: `lockOpenCount${slot}`, value: lock.openCount })
      }
    }
    let failed = 0
    for (const slot of slots) {
      const track = this.slots[slot - 1]!
      track.pending = false
      if (!track.opened) {
        track.failed = true
        failed++
      }
      measurements.unshift({ key: `lockOpened${slot}`, value: track.opened, verdict: track.opened ? 'pass' : 'fail' })
    }
    measurements.sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }))
    this.emitRun()
    return { verdict: failed ? 'fail' : 'pass', note: failed ? 'lockDidNotOpen' : null, measurements }
  }

  private async doorsClose(): Promise<StepOutcome> {
    const waiting = this.plan.slots.filter((slot) => this.slots[slot - 1]!.opened)
    await this.waitForSlots(waiting, (t) => t.closed, this.input.profile.timing.doorCloseTimeoutS * 1000, true)
    const measurements: Measurement[] = []
    let failed = 0
    for (const slot of waiting) {
      const track = this.slots[slot - 1]!
      if (!track.closed) {
        track.failed = true
        failed++
      }
      measurements.push({ key: `doorClosed${slot}`, value: track.closed, verdict: track.closed ? 'pass' : 'fail' })
    }
    this.emitRun()
    const notOpened = this.plan.slots.length - waiting.length
    return { verdict: failed || !waiting.length ? 'fail' : 'pass', note: failed ? 'doorNotReported' : notOpened ? 'someNeverOpened' : null, measurements }
  }

  private async relaysOn(): Promise<StepOutcome> {
    const profile = this.input.profile
    this.energized = true
    await this.commandOnce('allRelaysOn', { kind: 'allRelays', on: true })
    // "逐个开": the relays follow one by one; read each channel until it carries current or the time is up
    const currents = await this.settle(ALL_SLOTS, (a) => a >= profile.relayOnMinCurrent)
    const measurements: Measurement[] = ALL_SLOTS.map((relay) => {
      const value = currents[relay - 1]
      const on = value !== null && value !== undefined && value >= profile.relayOnMinCurrent
      this.conducted[relay - 1] = on
      return { key: `relayOn${relay}`, value: value ?? '—', unit: profile.scaling.current.unit, min: profile.relayOnMinCurrent, verdict: on ? 'pass' : 'fail' }
    })
    const failed = measurements.some((m) => m.verdict === 'fail')
    return { verdict: failed ? 'fail' : 'pass', note: failed ? 'relayDidNotSwitchOn' : null, measurements }
  }

  private async fan(): Promise<StepOutcome> {
    this.fanOn = true
    await this.commandOnce('fanOn', { kind: 'fan', on: true })
    const airflow = await this.ask({ what: 'airflow' })
    return { verdict: airflow ? 'pass' : 'fail', note: airflow ? null : 'noAirflow', measurements: [{ key: 'airflow', value: airflow, verdict: airflow ? 'pass' : 'fail' }] }
  }

  private async currents(): Promise<StepOutcome> {
    const { profile } = this.input
    const readings: number[][] = Array.from({ length: CABINET_CHANNELS }, () => [])
    for (let round = 0; round < profile.timing.samples; round++) {
      if (round > 0) await this.wait(profile.timing.sampleIntervalMs)
      const sample: (number | null)[] = []
      for (let channel = 1; channel <= CABINET_CHANNELS; channel++) {
        const value = await this.readCurrent(channel)
        sample.push(value)
        if (value !== null) readings[channel - 1]!.push(value)
      }
      this.pushSample(sample)
    }
    const measurements: Measurement[] = readings.map((values, i) => {
      const band = profile.channels[i]!
      const value = median(values)
      const ok = value !== null && inBand(value, band)
      return { key: `current${i + 1}`, value: value ?? '—', unit: profile.scaling.current.unit, min: band.min, max: band.max, verdict: ok ? 'pass' : 'fail' }
    })
    const failed = measurements.some((m) => m.verdict === 'fail')
    return { verdict: failed ? 'fail' : 'pass', note: failed ? 'currentOutOfBand' : null, measurements }
  }

  private async readings(): Promise<StepOutcome> {
    const { profile } = this.input
    const items = [
      { key: 'voltage', command: { kind: 'readVoltage' }, quantity: 'voltage', band: profile.voltage },
      { key: 'activePower', command: { kind: 'readActivePower' }, quantity: 'activePower', band: profile.activePower },
      { key: 'energy', command: { kind: 'readEnergy' }, quantity: 'energy', band: profile.energy },
      { key: 'internalTemperature', command: { kind: 'readInternalTemperature' }, quantity: 'temperature', band: profile.internalTemperature },
      { key: 'externalTemperature', command: { kind: 'readExternalTemperature' }, quantity: 'temperature', band: profile.externalTemperature },
    ] as const
    const measurements: Measurement[] = []
    for (const item of items) {
      const answer = await this.readOrNull(item.command)
      const scale = profile.scaling[item.quantity]
      const value = answer ? this.scaleOf(answer.answer, item.quantity).value : null
      const ok = value !== null && inBand(value, item.band)
      measurements.push({ key: item.key, value: value ?? '—', unit: scale.unit, min: item.band.min, max: item.band.max, verdict: ok ? 'pass' : 'fail' })
    }
    const failed = measurements.some((m) => m.verdict === 'fail')
    return { verdict: failed ? 'fail' : 'pass', note: failed ? 'readingOutOfBand' : null, measurements }
  }

  private async relaysOff(): Promise<StepOutcome> {
    const profile = this.input.profile
    const last: (number | null)[] = new Array<number | null>(CABINET_SLOTS).fill(null)
    const client = this.requireClient()
    const outcome = await switchAllRelaysOff(client, {
      firmware: this.firmware,
      once: async (key, command) => {
        await this.commandOnce(key, command)
      },
      stillOn: async (relays) => {
        const currents = await this.settle(relays, (a) => a <= profile.relayOffMaxCurrent)
        relays.forEach((relay) => (last[relay - 1] = currents[relay - 1] ?? null))
        return relays.filter((relay) => {
          const value = currents[relay - 1]
          return value === null || value === undefined || value > profile.relayOffMaxCurrent
        })
      },
    })
    if (this.fanOn) {
      await this.commandOnce('fanOff', { kind: 'fan', on: false })
      this.fanOn = false
    }
    this.relaysOffMethod = outcome.method
    this.updateMeta({ relaysOffMethod: outcome.method })
    if (!outcome.stillOn.length) this.energized = false
    this.emitRun()
    const measurements: Measurement[] = ALL_SLOTS.map((relay) => {
      const value = last[relay - 1] ?? null
      const off = value !== null && value <= profile.relayOffMaxCurrent
      // a relay that never carried current cannot be proven off by its current: the reading is shown, not judged
      const verdict = !off ? 'fail' : this.conducted[relay - 1] ? 'pass' : 'info'
      return { key: `relayOff${relay}`, value: value ?? '—', unit: profile.scaling.current.unit, max: profile.relayOffMaxCurrent, verdict }
    })
    const method = { allOff: 'relaysOffAll', allOffThenEach: 'relaysOffAllThenEach', eachRelay: 'relaysOffEach' }[outcome.method]
    return { verdict: outcome.stillOn.length ? 'fail' : 'pass', note: method, measurements }
  }

  private async locksRestore(): Promise<StepOutcome> {
    const open = this.plan.slots.filter((slot) => {
      const track = this.slots[slot - 1]!
      return track.opened && !track.closed
    })
    if (open.length) await this.waitForSlots(open, (t) => t.closed, this.input.profile.timing.doorCloseTimeoutS * 1000, true)
    // the seed has no query for a lock: the reports stand only if the board still answers (a silent board proves nothing)
    const answered = await this.readOrNull({ kind: 'readInternalTemperature' })
    if (!answered) return { verdict: 'fail', note: 'noDeviceAnswer' }
    const measurements: Measurement[] = this.plan.slots.map((slot) => {
      const track = this.slots[slot - 1]!
      const closed = !track.opened || track.closed
      if (!closed) track.failed = true
      else if (open.includes(slot)) track.failed = false
      return { key: `lockClosed${slot}`, value: closed, verdict: closed ? 'pass' : 'fail' }
    })
    this.emitRun()
    const failed = measurements.some((m) => m.verdict === 'fail')
    return { verdict: failed ? 'fail' : 'pass', note: failed ? 'lockLeftOpen' : null, measurements }
  }

  // ---- talking to the board

  private requireClient(): CabinetClient {
    if (!this.client) throw new AppError('portNotOpen', { path: this.input.path })
    return this.client
  }

  /** A read: asked again on a missing answer, and after the cable comes back (reads change nothing). */
  private async read(command: CabinetCommand): Promise<CabinetAnswer> {
    let attempts = 0
    for (;;) {
      this.throwIfCancelled()
      await this.linkUp()
      try {
        return await this.requireClient().command(command)
      } catch (err) {
        if (isLinkLoss(err)) continue
        if (isTimeout(err) && ++attempts < READ_ATTEMPTS) continue
        throw err
      }
    }
  }

  private async readOrNull(command: CabinetCommand): Promise<CabinetAnswer | null> {
    try {
      return await this.read(command)
    } catch (err) {
      if (isTimeout(err)) return null
      throw err
    }
  }

  private async readCurrent(channel: number): Promise<number | null> {
    const answer = await this.readOrNull({ kind: 'readCurrent', channel })
    return answer ? this.scaleOf(answer.answer, 'current').value : null
  }

  /**
   * A command, sent at most once per step, even across an unplug or a crash:
   * when its answer is missing the caller reads the state back (the board's
   * reports, the channels' current), never sends it again.
   */
  private async commandOnce(key: string, command: CabinetCommand): Promise<SendOnceResult<CabinetAnswer>> {
    this.throwIfCancelled()
    await this.linkUp()
    return sendOnce({
      key: `${this.currentKey}:${key}`,
      journal: this.journal,
      send: () => this.requireClient().command(command),
      answerLost: (err) => isLinkLoss(err) || isTimeout(err),
      signal: this.signal,
    })
  }

  /**
   * Reads the channels of `relays` until each satisfies `done` or the
   * profile's settle time is up; answers the last current of each (index =
   * relay − 1), null where no answer came.
   */
  private async settle(relays: number[], done: (amps: number) => boolean): Promise<(number | null)[]> {
    const { relaySettleMs, sampleIntervalMs } = this.input.profile.timing
    const last: (number | null)[] = new Array<number | null>(CABINET_SLOTS).fill(null)
    let left = [...relays]
    const until = performance.now() + relaySettleMs
    for (;;) {
      const sample: (number | null)[] = new Array<number | null>(CABINET_CHANNELS).fill(null)
      for (const relay of left) {
        const value = await this.readCurrent(relay)
        last[relay - 1] = value
        sample[relay - 1] = value
      }
      this.pushSample(sample)
      left = left.filter((relay) => {
        const value = last[relay - 1]
        return value === null || value === undefined || !done(value)
      })
      if (!left.length || performance.now() >= until) return last
      await this.wait(Math.min(Math.max(sampleIntervalMs, 20), 100))
    }
  }

  private scaleOf(frame: CabinetAnswer['answer'], quantity: keyof CabinetTestInput['profile']['scaling']): { value: number; unit: string } {
    const scale = this.input.profile.scaling[quantity]
    return { value: round3(scaled(rawValue(frame, scale.signed), scale)), unit: scale.unit }
  }

  /** Resolves while the line is up; pauses the job until the same port is back. */
  private async linkUp(): Promise<void> {
    const session = this.session
    if (!session) throw new AppError('portNotOpen', { path: this.input.path })
    if (session.state === 'open') return
    if (session.state !== 'closed' && this.phaseValue.phase !== 'paused') this.setPhase({ phase: 'paused', step: this.currentKey, reason: 'portDisconnected' })
    await session.whenOpen(this.signal)
    this.setPhase({ phase: 'running', step: this.currentKey })
  }

  /** Another device is on the port: the test stays paused (its readings would not be this cabinet's), and the record says so. */
  private differentDevice(change: string): void {
    this.exchange(this.stepId, { direction: 'event', channel: `serial:${this.input.path}`, data: change, summary: 'portDifferentDevice' })
    this.setPhase({ phase: 'paused', step: this.currentKey, reason: 'portDifferentDevice' })
  }

  // ---- waiting for the operator and for lock reports

  private async ask(awaiting: CabinetAwaiting & { what: 'safety' | 'airflow' }): Promise<boolean> {
    this.awaitingValue = awaiting
    try {
      return (await this.prompts.ask(awaiting.what, [awaiting.what], this.signal)).ok
    } finally {
      this.setAwaiting(null)
    }
  }

  private lockReported(slot: number, open: boolean): void {
    const track = this.slots[slot - 1]
    if (!track) return
    if (open) {
      track.opened = true
      track.closed = false
    } else if (track.opened) {
      track.closed = true
      track.failed = false
    }
    if (this.awaitingValue?.what === 'doors') this.refreshDoors()
    this.emitRun()
    this.slotWaiter?.()
  }

  /**
   * Waits until every slot in `slots` satisfies `done`. For doors, each one
   * has `limitMs` from the previous close (a per-door limit), the operator
   * can say all doors are closed, and a pulled cable stops the clock until
   * the port is back. For locks, `limitMs` is for all of them.
   */
  private waitForSlots(slots: number[], done: (track: SlotTrack) => boolean, limitMs: number, doors: boolean): Promise<void> {
    const left = () => slots.filter((slot) => !done(this.slots[slot - 1]!))
    if (!left().length) return Promise.resolve()
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | null = null
      const arm = () => {
        if (timer) clearTimeout(timer)
        timer = null
        if (this.session?.state !== 'open') return
        timer = setTimeout(() => finish(null), limitMs)
        if (doors) {
          this.doorsDeadlineMs = Date.now() + limitMs
          this.doorSlots = left()
          this.setAwaiting({ what: 'doors', slots: this.doorSlots, deadline: this.doorsDeadlineMs })
        }
      }
      const finish = (error: Error | null) => {
        if (timer) clearTimeout(timer)
        offState?.()
        this.slotWaiter = null
        this.signal.removeEventListener('abort', onAbort)
        if (doors) {
          this.prompts.withdraw('doorsDone')
          this.setAwaiting(null)
        }
        if (error) reject(error)
        else resolve()
      }
      const onAbort = () => finish(this.signal.reason as Error)
      this.signal.addEventListener('abort', onAbort, { once: true })
      const offState = this.session?.onState((state) => {
        if (state === 'disconnected' && timer) {
          clearTimeout(timer)
          timer = null
        }
        if (state === 'reconnected') arm()
        if (state === 'closed') finish(new AppError('portNotOpen', { path: this.input.path }))
      })
      this.slotWaiter = () => {
        if (!left().length) finish(null)
        else if (doors) arm()
      }
      arm()
      // the operator may say all doors are closed; a rejection is the question withdrawn or the job stopping, handled above
      if (doors)
        this.prompts.ask('doorsDone', ['doorsDone'], this.signal).then(
          () => finish(null),
          () => undefined,
        )
    })
  }

  private refreshDoors(): void {
    const slots = this.doorSlots.filter((slot) => !this.slots[slot - 1]!.closed)
    this.awaitingValue = { what: 'doors', slots, deadline: this.doorsDeadlineMs }
  }

  private setAwaiting(awaiting: CabinetAwaiting | null): void {
    this.awaitingValue = awaiting
    this.emitRun()
  }

  // ---- the record and the events

  /** Each frame is in the record as it comes: a verdict or a checkpoint never depends on one still in memory. */
  private recordFrame(entry: CabinetFrameEntry): void {
    const params = entry.meaning ? Object.entries(entry.meaning.params).map(([k, v]) => `${k}=${String(v)}`) : []
    const summary = [entry.status === 'ok' ? entry.role : entry.status, entry.meaning?.kind, ...params].filter(Boolean).join(' ')
    try {
      this.exchange(this.stepId, { direction: entry.dir, channel: `serial:${this.input.path}`, data: entry.text, summary, ts: entry.ts })
    } catch (err) {
      this.log.warn('cabinetTest.frameLost', { error: err instanceof Error ? err.message : String(err) })
    }
  }

  private pushSample(currents: (number | null)[]): void {
    this.samples.push({ t: Date.now(), step: this.currentKey, currents })
    if (!this.sampleTimer) this.sampleTimer = setTimeout(() => this.flushSamples(), SAMPLE_BATCH_MS)
  }

  private flushSamples(): void {
    if (this.sampleTimer) clearTimeout(this.sampleTimer)
    this.sampleTimer = null
    if (!this.samples.length) return
    const samples = this.samples
    this.samples = []
    this.deps.cabinetEvents.samples({ recordId: this.recordId, samples })
    this.emitRun()
  }

  private emitRun(): void {
    this.deps.cabinetEvents.run(this.runState())
  }

  private checkpoint(): void {
    this.writeCheckpoint(CabinetCheckpoint, { input: this.input, plan: this.plan, done: [...this.finished], sent: [...this.sent] })
  }

  private updateMeta(patch: Record<string, JsonValue>): void {
    this.meta = { ...this.meta, ...patch }
    this.deps.records.update(this.recordId, { meta: this.meta })
  }

  /** The gateway's key-table view of the cabinet at the end: lock 11–18, charger 21–28 (battery % has no frame). */
  private keyTable(): Record<string, number> {
    const table: Record<string, number> = {}
    ALL_SLOTS.forEach((slot) => (table[String(cabinetKey('lock', slot))] = this.slots[slot - 1]!.opened && !this.slots[slot - 1]!.closed ? 1 : 0))
    ALL_SLOTS.forEach((slot) => (table[String(cabinetKey('charger', slot))] = this.energized ? 1 : 0))
    return table
  }

  /**
   * On a cancel, a suspend or an error with relays or the fan possibly on:
   * every relay and the fan off, each once, then every channel read back as
   * the relays-off step does; the record says whether the board was left
   * safe. The job's signal has fired, so this talks to the client directly.
   */
  protected override async leaveSafe(reason: StopReason): Promise<void> {
    const client = this.client
    if (!client || !(this.energized || this.fanOn)) return
    this.stepId = null
    let state: SafeState = 'boardUnreachable'
    if (this.session?.state === 'open') {
      for (let relay = 1; relay <= CABINET_SLOTS; relay++) await client.command({ kind: 'relay', relay, on: false }).catch(() => undefined)
      if (this.fanOn) await client.command({ kind: 'fan', on: false }).catch(() => undefined)
      state = (await this.relaysReadOff(client)) ? 'boardLeftSafe' : 'boardNotVerifiedSafe'
      if (state === 'boardLeftSafe') this.energized = false
      this.fanOn = false
      // what was switched on is switched off now: a resumed run switches it on again rather than take it as done
      for (const key of [...this.sent]) if (key.startsWith('relaysOn:') || key.startsWith('fan:')) this.sent.delete(key)
      this.checkpoint()
    }
    this.log.info('cabinetTest.leftSafe', { reason, state })
    this.updateMeta({ safeState: { key: `cabinet:notes.${state}`, text: state } })
  }

  /** Reads every relay's channel until all carry no current or the profile's settle time is up. */
  private async relaysReadOff(client: CabinetClient): Promise<boolean> {
    const { relaySettleMs, sampleIntervalMs } = this.input.profile.timing
    const until = performance.now() + relaySettleMs
    for (;;) {
      let off = true
      for (const relay of ALL_SLOTS) {
        const amps = await client
          .command({ kind: 'readCurrent', channel: relay })
          .then((a) => this.scaleOf(a.answer, 'current').value)
          .catch(() => null)
        if (amps === null || amps > this.input.profile.relayOffMaxCurrent) off = false
      }
      if (off || performance.now() >= until) return off
      await new Promise((resolve) => setTimeout(resolve, Math.min(Math.max(sampleIntervalMs, 20), 100)))
    }
  }
}

function median(values: number[]): number | null {
  if (!values.length) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return round3(sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2)
}

/** Which relays carried current when switched on in the record's latest relaysOn step. */
function conductedFromRecord(record: ReturnType<CabinetTestDeps['records']['get']>): boolean[] {
  const step = latestSteps(record).get('relaysOn')
  return ALL_SLOTS.map((relay) => step?.measurements.find((m) => m.key === `relayOn${relay}`)?.verdict !== 'fail')
}

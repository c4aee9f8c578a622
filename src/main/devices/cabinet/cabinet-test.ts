import {
  AppError,
  CABINET_SERIAL,
  CABINET_SLOTS,
  type CabinetConfirmation,
  type CabinetFailure,
  type CabinetFrameEntry,
  type CabinetRun,
  type CabinetSamples,
  type CabinetTestStep,
  CabinetTestSteps,
  firmwareNumber,
  type JsonValue,
  type DeviceKey,
  type RecordDetail,
  type RetestableStep,
  serialPortKey,
  type Verdict,
} from '@shared/contract'
import { type CabinetTestInput, type CabinetTestStart, CabinetTestStartSchema } from '@shared/contract/cabinet/cabinet.schemas'
import { profileTexts } from '@shared/i18n/cabinet'
import { CabinetClient } from './client'
import type { PortSession } from '../../transport/serial/session'
import { CabinetBoard, frameSummary, round3 } from './cabinet-board'
import {
  ALL_SLOTS,
  CabinetCheckpoint,
  type CabinetPlan,
  conductedFromRecord,
  failuresFromRecord,
  failuresOf,
  freshSlot,
  fullPlan,
  latestSteps,
  retestPlanOf,
  type SlotTrack,
  slotState,
  slotsFromRecord,
  stepInputs,
  stepsThatFailed,
  type TestStep,
  withReportsOfInterruptedSteps,
} from './cabinet-test-plan'
import { type CabinetPower, reverifyPower, runTestStep, safety, type StepContext } from './cabinet-test-steps'
import { SampleBatch } from './cabinet-sample-batch'
import { CabinetWaits } from './cabinet-waits'
import type { LinkCheckDeps } from '../../core/modules/link-check-job'
import { readCheckpoint, RecordedJob, type StepOutcome, type StopReason } from '../../flows/recorded-job'

export interface CabinetTestDeps extends LinkCheckDeps {
  /** the cabinet's own events beside job:update: its live state and the chart's samples */
  cabinetEvents: { run(run: CabinetRun): void; samples(batch: CabinetSamples): void }
}

/** How an abort or a suspend left the board, as the record says it. */
type SafeState = 'boardLeftSafe' | 'boardNotVerifiedSafe' | 'boardUnreachable'

/**
 * The guided factory test of an 8-slot battery-swap cabinet, as a recorded
 * job: connect, the operator's safety confirmation (nothing is energized
 * before it), all locks open, each door closed and reported, all relays on,
 * fan and airflow, channels 1–9 against their bands, voltage / power /
 * energy / temperatures, all relays off, locks restored.
 *
 * Every frame is written to the record with the step it belongs to. A
 * command is sent once: when its answer is missing, or the cable was pulled
 * around it, or the app crashed after it, the state is read back instead.
 * An unplug pauses the job until the same port returns; a finished record
 * can have its failed steps run again (`retest`), with what they need before
 * and the safe state after, behind one safety confirmation.
 */
export class CabinetTestJob extends RecordedJob {
  readonly type = 'cabinetTest' as const
  readonly stepKeys = CabinetTestSteps
  private readonly owner: string
  private readonly board: CabinetBoard
  private readonly waits: CabinetWaits
  private readonly power: CabinetPower
  private readonly context: StepContext
  private readonly sent: Set<string>
  private readonly finished: Set<TestStep>
  /** picked up from a record: what the test remembers of the board is read again before it is relied on */
  private readonly resumed: boolean
  private stepId: number | null = null
  private currentKey = ''
  private readonly samples: SampleBatch
  private meta: Record<string, JsonValue>
  private readonly offs: (() => void)[] = []
  /** what failed in the latest attempt of each step; steps with a failed attempt in the record before this run */
  private readonly failures: Map<CabinetTestStep, CabinetFailure[]>
  private readonly earlierFailed: CabinetTestStep[]

  private constructor(
    protected override readonly deps: CabinetTestDeps,
    recordId: number,
    private readonly input: CabinetTestInput,
    private readonly plan: CabinetPlan,
    state: { session?: PortSession; done?: TestStep[]; sent?: string[]; slots?: SlotTrack[]; conducted?: boolean[]; meta: Record<string, JsonValue>; resumed?: boolean; record?: RecordDetail },
  ) {
    super(deps, recordId)
    this.owner = `cabinetTest#${recordId}`
    this.resumed = state.resumed ?? false
    this.finished = new Set(state.done ?? [])
    this.sent = new Set(state.sent ?? [])
    this.meta = state.meta
    this.samples = new SampleBatch(this.time, (samples) => {
      this.deps.cabinetEvents.samples({ recordId: this.recordId, samples })
      this.emitRun()
    })
    this.failures = state.record ? failuresFromRecord(state.record) : new Map()
    this.earlierFailed = state.record ? stepsThatFailed(state.record) : []
    this.power = { energized: false, fanOn: false, conducted: state.conducted ?? new Array<boolean>(CABINET_SLOTS).fill(true), relaysOffMethod: null }
    const journal = {
      has: (key: string) => this.sent.has(key),
      mark: (key: string) => {
        this.sent.add(key)
        this.checkpoint()
      },
    }
    this.board = new CabinetBoard(
      {
        signal: this.signal,
        journal,
        currentKey: () => this.currentKey,
        linkPaused: (paused) => {
          // a pause already shown (another device on the port) keeps its reason
          if (paused && this.phaseValue.phase === 'paused') return
          this.setPhase(paused ? { phase: 'paused', step: this.currentKey, reason: 'portDisconnected' } : { phase: 'running', step: this.currentKey })
        },
        sample: (currents) => this.samples.push(this.currentKey, currents),
        wait: (ms) => this.wait(ms),
        clock: this.time,
      },
      input,
      state.session ?? null,
    )
    this.waits = new CabinetWaits({ signal: this.signal, clock: this.time, path: input.path, session: () => this.board.session, changed: () => this.emitRun() }, state.slots ?? ALL_SLOTS.map(freshSlot))
    this.context = {
      input,
      plan,
      firmware: firmwareNumber(input.firmware),
      board: this.board,
      waits: this.waits,
      power: this.power,
      wait: (ms) => this.wait(ms),
      sample: (currents) => this.samples.push(this.currentKey, currents),
      changed: () => this.emitRun(),
      updateMeta: (patch) => this.updateMeta(patch),
    }
  }

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
      record,
    })
    for (const [key, step] of latestSteps(record)) {
      if (key !== 'connect' && key !== 'safety') job.stepStates.set(key, { key, verdict: step.verdict, note: step.note })
    }
    return job
  }

  /** Runs failed steps of a finished record again, as one run behind one safety confirmation, without redoing the rest. */
  static async retest(deps: CabinetTestDeps, recordId: number, steps: RetestableStep[]): Promise<CabinetTestJob> {
    const summary = deps.records.summary(recordId)
    const record = deps.records.get(recordId, 0)
    const parsed = CabinetCheckpoint.shape.input.safeParse((deps.records.checkpoint(recordId) as { input?: unknown } | null)?.input)
    if (summary.jobType !== 'cabinetTest' || summary.status !== 'completed' || !parsed.success) throw new AppError('recordClosed', { id: recordId })
    const latest = latestSteps(record)
    const notFailed = steps.find((step) => latest.get(step)?.verdict !== 'fail')
    if (notFailed) throw new AppError('cabinetNothingToRetest', { step: notFailed })
    const session = await deps.ports.open(parsed.data.path, CABINET_SERIAL, 'cabinetTest')
    deps.records.reopen(recordId)
    const job = new CabinetTestJob(deps, recordId, parsed.data, retestPlanOf(steps, record), {
      session,
      slots: slotsFromRecord(record),
      conducted: conductedFromRecord(record),
      meta: record.meta,
      record,
    })
    for (const [key, s] of latest) job.stepStates.set(key, { key, verdict: s.verdict, note: s.note })
    job.checkpoint()
    return job
  }

  /** the device this job drives: no second job starts on it while this one is open */
  get deviceKey(): DeviceKey {
    return serialPortKey(this.input.path)
  }

  runState(): CabinetRun {
    const profile = this.input.profile
    const client = this.board.client
    return {
      recordId: this.recordId,
      path: this.input.path,
      serial: this.input.serial,
      operator: this.input.operator,
      profileName: profile.name,
      profileId: profile.id ?? null,
      firmware: this.input.firmware,
      awaiting: this.waits.awaiting,
      slots: this.waits.slots.map(slotState),
      link: client ? { ...client.stats } : { framesTx: 0, framesRx: 0, badCrc: 0, junkBytes: 0, timeouts: 0, reports: 0 },
      bands: profile.channels,
      currentUnit: profile.scaling.current.unit,
      relaysOffMethod: this.power.relaysOffMethod,
      failures: CabinetTestSteps.flatMap((key) => this.failures.get(key) ?? []),
      retested: this.plan.retest ? this.plan.steps.filter((key) => this.earlierFailed.includes(key)) : [],
      earlierFailed: this.earlierFailed,
    }
  }

  /** The operator's answer to what the test waits for (the safety warning, the airflow, "all doors are closed"). */
  confirm(what: CabinetConfirmation, ok: boolean): void {
    this.waits.confirm(what, ok)
  }

  protected async execute(): Promise<Verdict | null> {
    const connected = await this.runStep('connect', { path: this.input.path }, () => this.connect())
    if (connected.verdict === 'fail') return this.closingVerdict()
    const warned = await this.runStep('safety', {}, () => safety(this.context))
    if (warned.note === 'safetyDeclined') {
      if (this.plan.retest) return this.closingVerdict()
      this.abort('safetyDeclined')
      return null
    }
    for (const key of this.plan.steps) {
      if (this.finished.has(key)) continue
      await this.runStep(key, stepInputs(this.plan, this.input.firmware, key), () => runTestStep(key, this.context))
      this.finished.add(key)
      this.checkpoint()
    }
    this.updateMeta({ keyTable: this.waits.keyTable(this.power.energized) })
    return this.closingVerdict()
  }

  /** A cancelled retest leaves the record's verdict as the latest attempts say. */
  protected override cancelled(): void {
    if (this.plan.retest) this.finish(this.closingVerdict())
    else this.abort('cancelled')
  }

  protected override async release(): Promise<void> {
    this.waits.awaiting = null
    this.samples.flush()
    for (const off of this.offs.splice(0)) off()
    this.board.client?.dispose()
    const session = this.board.session
    if (session) await this.deps.ports.close(this.input.path, session.owner).catch(() => undefined)
    this.emitRun()
  }

  /**
   * On a cancel, a suspend or an error with relays or the fan possibly on:
   * every relay and the fan off, each once, then every channel read back as
   * the relays-off step does; the record says whether the board was left safe.
   */
  protected override async leaveSafe(reason: StopReason): Promise<void> {
    if (!this.board.client || !(this.power.energized || this.power.fanOn)) return
    this.stepId = null
    let state: SafeState = 'boardUnreachable'
    if (this.board.session?.state === 'open') {
      state = (await this.board.switchOffAndReadBack(this.power.fanOn)) ? 'boardLeftSafe' : 'boardNotVerifiedSafe'
      if (state === 'boardLeftSafe') this.power.energized = false
      this.power.fanOn = false
      // what was switched on is switched off now: a resumed run switches it on again rather than take it as done
      for (const key of [...this.sent]) if (key.startsWith('relaysOn:') || key.startsWith('fan:')) this.sent.delete(key)
      this.checkpoint()
    }
    this.log.info('cabinetTest.leftSafe', { reason, state })
    this.updateMeta({ safeState: { key: `cabinet:notes.${state}`, text: state } })
  }

  /** The verdict of the latest attempt of every step, to close the record with. */
  private closingVerdict(): Verdict {
    this.deps.records.interruptRunningSteps(this.recordId)
    return this.overallVerdict()
  }

  private async runStep(key: CabinetTestStep, inputs: Record<string, JsonValue>, body: () => Promise<StepOutcome>): Promise<StepOutcome> {
    const outcome = await this.step(
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
    this.failures.set(key, failuresOf(key, outcome.measurements))
    this.emitRun()
    return outcome
  }

  private async connect(): Promise<StepOutcome> {
    if (!this.board.session) this.board.session = await this.deps.ports.open(this.input.path, CABINET_SERIAL, this.owner)
    const session = this.board.session
    const client = new CabinetClient(session, { timeoutMs: this.input.profile.timing.answerTimeoutMs, scaling: this.input.profile.scaling, clock: this.time })
    this.board.client = client
    this.offs.push(
      client.onFrame((entry) => this.recordFrame(entry)),
      client.onReport((lock) => this.waits.lockReported(lock.slot, lock.open)),
      session.onState((state, change) => {
        if (state === 'disconnected') this.setPhase({ phase: 'paused', step: this.currentKey, reason: 'portDisconnected' })
        if (state === 'reconnected') this.setPhase({ phase: 'running', step: this.currentKey })
        if (state === 'differentDevice') this.differentDevice(change ?? '')
      }),
    )
    this.emitRun()
    // a read the board answers whatever its state: proves the line and the board before anything is switched
    const { answer, roundTripMs } = await this.board.read({ kind: 'readInternalTemperature' })
    const temperature = this.board.scaleOf(answer, 'temperature')
    if (this.resumed && (await reverifyPower(this.context, this.finished, this.sent))) {
      // relays found off (switched off when the run was suspended): the measurements need them on again first
      this.finished.delete('relaysOn')
      this.checkpoint()
    }
    return {
      verdict: 'pass',
      measurements: [
        { key: 'answerTime', value: round3(roundTripMs), unit: 'ms' },
        { key: 'boardTemperature', value: temperature.value, unit: temperature.unit },
      ],
    }
  }

  /** Another device is on the port: the test stays paused (its readings would not be this cabinet's), and the record says so. */
  private differentDevice(change: string): void {
    this.exchange(this.stepId, { direction: 'event', channel: `serial:${this.input.path}`, data: change, summary: 'portDifferentDevice' })
    this.setPhase({ phase: 'paused', step: this.currentKey, reason: 'portDifferentDevice' })
  }

  /** Each frame is in the record as it comes: a verdict or a checkpoint never depends on one still in memory. */
  private recordFrame(entry: CabinetFrameEntry): void {
    try {
      this.exchange(this.stepId, { direction: entry.dir, channel: `serial:${this.input.path}`, data: entry.text, summary: frameSummary(entry), ts: entry.ts })
    } catch (err) {
      this.log.warn('cabinetTest.frameLost', { error: err instanceof Error ? err.message : String(err) })
    }
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
}

/**
 * The acceptance test's mains failure, in three steps: the engineer cuts
 * mains and the UPS must go to battery with its input alarms; the battery
 * carries the load for the chosen time while its voltage and capacity fall;
 * the engineer restores mains and the UPS must return with the alarms
 * cleared. Each wait ends with the UPS's own change or at its timeout, which
 * runs from the engineer's answer (a person may take a while to reach the
 * breaker) or, with nobody to answer, from the question.
 */
import type { Measurement, UpsTestAnswer, UpsTestPrompt, UpsTestRun } from '@shared/contract'
import type { UpsTestInput } from '@shared/contract/ups/acceptance.schemas'
import type { Prompts } from '../../flows/prompts'
import type { StepOutcome } from '../../flows/recorded-job'
import { batteryOf, mainsAlarmsUp, powerSource, round, scaledPoll, type UpsTestPlan } from './acceptance-plan'
import type { TestPoll, UpsTestLine } from './acceptance-line'
import type { UpsTestCheckpointData } from './acceptance-job'
import type { MainsTrace } from './acceptance-trace'

/** Alarms a UPS raises with the transfer come within a few polls of it. */
const ALARM_GRACE_POLLS = 5

export interface MainsTestContext {
  line: UpsTestLine
  trace: MainsTrace
  plan: UpsTestPlan
  input: UpsTestInput
  checkpoint(): UpsTestCheckpointData
  saveCheckpoint(change: Partial<UpsTestCheckpointData>): void
  prompts: Prompts<UpsTestPrompt, UpsTestAnswer>
  attended: boolean
  signal: AbortSignal
  now(): number
  evidence(stepId: number, poll: TestPoll): void
  runChanged(change: Partial<UpsTestRun>): void
}

interface Asked {
  /** when the wait gives up, once it is known */
  deadline(): number
  withdraw(): void
}

export class MainsTest {
  constructor(private readonly context: MainsTestContext) {}

  async cut(stepId: number): Promise<StepOutcome> {
    const { plan, input, line, signal } = this.context
    const saved = this.context.checkpoint().transfer
    let lastOnMainsAt = saved?.lastOnMainsAt ?? null
    let onBattery: TestPoll
    // the UPS as it is before the question: on mains, it times the transfer from here; already on battery (mains cut while the test was suspended), nothing need be asked
    let poll = await line.fresh(signal)
    this.context.evidence(stepId, poll)
    const asked = powerSource(plan, scaledPoll(plan, poll.raw), input.bands) === 'mains' ? this.ask('cutMains', 'mainsCut') : this.noQuestion()
    try {
      for (;; poll = await line.next(signal)) {
        const source = powerSource(plan, scaledPoll(plan, poll.raw), input.bands)
        this.context.runChanged({ onBattery: source === 'battery' })
        if (source === 'mains') lastOnMainsAt = poll.at
        if (source === 'outputOff') {
          this.context.evidence(stepId, poll)
          return { verdict: 'fail', note: 'outputLost' }
        }
        if (source === 'battery') {
          onBattery = poll
          break
        }
        if (poll.at >= asked.deadline()) {
          this.context.evidence(stepId, poll)
          return { verdict: 'fail', note: 'noTransfer', measurements: [{ key: 'transferWait', value: input.transferTimeoutS, unit: 's', verdict: 'fail' }] }
        }
      }
    } finally {
      asked.withdraw()
    }
    const onBatteryAt = saved?.onBatteryAt ?? onBattery.at
    if (!saved) this.context.saveCheckpoint({ transfer: { lastOnMainsAt, onBatteryAt } })
    this.context.evidence(stepId, onBattery)
    const measurements: Measurement[] = []
    if (lastOnMainsAt !== null) {
      measurements.push({ key: 'transferTime', value: onBatteryAt - lastOnMainsAt, unit: 'ms', verdict: 'info' })
      measurements.push({ key: 'transferResolution', value: input.pollMs, unit: 'ms' })
    }
    const missing = await this.alarmsRising(stepId, onBattery)
    for (const v of plan.mainsAlarms) measurements.push({ key: `alarmRaised${v.n}`, value: !missing.includes(v.n), verdict: missing.includes(v.n) ? 'fail' : 'pass' })
    const note = missing.length ? `alarmNotRaised:${missing.join(',')}` : lastOnMainsAt === null ? 'transferNotTimed' : null
    return { verdict: missing.length ? 'fail' : 'pass', measurements, note }
  }

  /** The battery carries the load for the chosen time: how its voltage and capacity fall, in all and a minute. */
  async discharge(stepId: number): Promise<StepOutcome> {
    const { plan, input, line, signal, trace } = this.context
    let start = this.context.checkpoint().discharge
    let poll = await line.next(signal)
    this.context.evidence(stepId, poll)
    if (!start) {
      start = { startedAt: poll.at, ...batteryOf(plan, scaledPoll(plan, poll.raw)) }
      this.context.saveCheckpoint({ discharge: start })
    }
    const durationMs = input.dischargeS * 1000
    const endsAt = start.startedAt + durationMs
    const keep = (at: number, last = false) => trace.dischargePoll(start.startedAt, durationMs, input.pollMs, at, batteryOf(plan, scaledPoll(plan, poll.raw)), last)
    keep(poll.at)
    this.context.runChanged({ dischargeEndsAt: endsAt })
    let failure: string | null = null
    while (poll.at < endsAt) {
      poll = await line.next(signal)
      const source = powerSource(plan, scaledPoll(plan, poll.raw), input.bands)
      this.context.runChanged({ onBattery: source === 'battery' })
      if (source === 'mains') failure = 'mainsReturnedEarly'
      if (source === 'outputOff') failure = 'outputLost'
      keep(poll.at, failure !== null || poll.at >= endsAt)
      if (failure) break
    }
    this.context.runChanged({ dischargeEndsAt: null })
    this.context.evidence(stepId, poll)
    const end = batteryOf(plan, scaledPoll(plan, poll.raw))
    const elapsedMs = poll.at - start.startedAt
    const measurements: Measurement[] = [{ key: 'dischargeDuration', value: Math.round(elapsedMs / 1000), unit: 's', min: input.dischargeS, verdict: failure ? 'fail' : 'pass' }]
    const fall = (key: string, unit: string, from: number | null, to: number | null) => {
      if (from === null || to === null) return
      measurements.push({ key: `${key}AtStart`, value: from, unit }, { key: `${key}AtEnd`, value: to, unit }, { key: `${key}Fall`, value: round(from - to), unit })
      if (elapsedMs > 0) measurements.push({ key: `${key}FallPerMin`, value: round(((from - to) * 60_000) / elapsedMs), unit: `${unit}/min` })
    }
    fall('batteryVoltage', 'V', start.voltage, end.voltage)
    fall('batteryCapacity', '%', start.capacity, end.capacity)
    return { verdict: failure ? 'fail' : 'pass', measurements, note: failure }
  }

  async restore(stepId: number): Promise<StepOutcome> {
    const { plan, input, line, signal } = this.context
    let lastOnBatteryAt: number | null = null
    let mainsBackAt: number | null = null
    let still: number[]
    // as before the cut: the question stands only while the UPS is on battery, and the return is timed from the poll before it
    let poll = await line.fresh(signal)
    this.context.evidence(stepId, poll)
    const asked = powerSource(plan, scaledPoll(plan, poll.raw), input.bands) === 'mains' ? this.noQuestion() : this.ask('restoreMains', 'mainsRestored')
    try {
      for (;; poll = await line.next(signal)) {
        const values = scaledPoll(plan, poll.raw)
        const source = powerSource(plan, values, input.bands)
        this.context.runChanged({ onBattery: source === 'battery' })
        still = mainsAlarmsUp(plan, values)
        const mainsVoltage = plan.banded.mainsVoltage.map((v) => values.get(v.n) ?? null)
        const mainsBack = mainsVoltage.length > 0 && mainsVoltage.every((v) => v !== null && v >= input.bands.mainsVoltage.min)
        if (source === 'battery' && !mainsBack) lastOnBatteryAt = poll.at
        if (mainsBack && mainsBackAt === null) mainsBackAt = poll.at
        if (source === 'mains') break
        if (poll.at >= asked.deadline()) break
      }
    } finally {
      asked.withdraw()
    }
    this.context.evidence(stepId, poll)
    if (mainsBackAt === null) return { verdict: 'fail', note: 'noReturn', measurements: [{ key: 'returnWait', value: input.transferTimeoutS, unit: 's', verdict: 'fail' }] }
    const measurements: Measurement[] = []
    if (lastOnBatteryAt !== null) {
      measurements.push({ key: 'returnTime', value: mainsBackAt - lastOnBatteryAt, unit: 'ms', verdict: 'info' })
      measurements.push({ key: 'transferResolution', value: input.pollMs, unit: 'ms' })
    }
    for (const v of plan.mainsAlarms) measurements.push({ key: `alarmCleared${v.n}`, value: !still.includes(v.n), verdict: still.includes(v.n) ? 'fail' : 'pass' })
    if (still.length) return { verdict: 'fail', measurements, note: `alarmNotCleared:${still.join(',')}` }
    return { verdict: 'pass', measurements, note: lastOnBatteryAt === null ? 'returnNotTimed' : null }
  }

  /** Waits after the last alarm to rise, a few polls at most, and answers those that never did. */
  private async alarmsRising(stepId: number, onBattery: TestPoll): Promise<number[]> {
    const { plan, line, signal, input } = this.context
    let missing = this.missingAlarms(onBattery)
    const until = onBattery.at + ALARM_GRACE_POLLS * input.pollMs
    let poll = onBattery
    while (missing.length && poll.at < until) {
      poll = await line.next(signal)
      const values = scaledPoll(plan, poll.raw)
      missing = missing.filter((n) => (values.get(n) ?? 0) === 0)
    }
    if (poll !== onBattery) this.context.evidence(stepId, poll)
    return missing
  }

  private missingAlarms(poll: TestPoll): number[] {
    const up = mainsAlarmsUp(this.context.plan, scaledPoll(this.context.plan, poll.raw))
    return this.context.plan.mainsAlarms.map((v) => v.n).filter((n) => !up.includes(n))
  }

  private noQuestion(): Asked {
    const deadline = this.context.now() + this.context.input.transferTimeoutS * 1000
    return { deadline: () => deadline, withdraw: () => undefined }
  }

  /** Asks the engineer and keeps the wait's deadline: from the answer, or with nobody to answer, from now. */
  private ask(prompt: UpsTestPrompt, kind: UpsTestAnswer['kind']): Asked {
    const { prompts, signal, attended, input } = this.context
    const timeoutMs = input.transferTimeoutS * 1000
    let deadline = attended ? Infinity : this.context.now() + timeoutMs
    const setDeadline = (at: number) => {
      deadline = at
      this.context.runChanged({ waitEndsAt: at })
    }
    // with nobody to answer, the question is still shown (the CLI prints it): only the deadline runs from it
    if (!attended) this.context.runChanged({ prompt })
    if (!attended) setDeadline(deadline)
    if (attended) {
      prompts
        .ask(prompt, [kind], signal)
        .then(() => setDeadline(this.context.now() + timeoutMs))
        .catch(() => undefined)
    }
    return {
      deadline: () => deadline,
      withdraw: () => {
        prompts.withdraw(prompt)
        this.context.runChanged({ waitEndsAt: null, prompt: null })
      },
    }
  }
}

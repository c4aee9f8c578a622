/**
 * A simulated inverter's side of the CT check: the status of action 1, the
 * start command of action 2 and the result of action 3, playing one of the
 * scenarios. Until a check is started the result is the document's "not yet
 * checked" body (bit1 0, bit2 0); a finished result stays on display until
 * the next start, as on a real device.
 */
import type { CtScenario } from './fleet'

export interface CtTiming {
  /** how long a check runs */
  checkMs: number
  /** "slow to start": how long after the command the device begins */
  slowStartMs: number
  /** "already checking": how long the check someone else started keeps running */
  alreadyCheckingMs: number
}

export const defaultCtTiming: CtTiming = { checkMs: 12_000, slowStartMs: 25_000, alreadyCheckingMs: 60_000 }

type Shown = { kind: 'none' } | { kind: 'failed' } | { kind: 'done'; abnormal: boolean; details: unknown }

const METER_STATUS = 1549

export class SimulatedCtCheck {
  private startedAt: number | null = null
  private runs = 0
  private previous: Shown = { kind: 'none' }
  private readonly foreignUntil: number | null

  constructor(
    public scenario: CtScenario,
    private readonly fixedOnRerun: boolean,
    private readonly timing: CtTiming,
    createdAt: number,
  ) {
    this.foreignUntil = scenario === 'alreadyChecking' ? createdAt + timing.alreadyCheckingMs : null
  }

  /** Plays another scenario from now on; the result on display stays, as it would on the device. */
  changeScenario(scenario: CtScenario, now: number): void {
    this.previous = this.shown(now)
    this.startedAt = null
    this.scenario = scenario
  }

  /** Action 1. */
  status(now: number): Record<string, number> {
    const offline = this.scenario === 'offline'
    const missing = this.scenario === 'meterMissing'
    return {
      meterStatus: missing ? 0 : 1,
      checking: this.isChecking(now) ? 1 : 0,
      meterConnected: missing ? 0 : 1,
      faultArmFlag2: this.scenario === 'bmsAlarm' ? 1 : 0,
      deviceStatus: offline ? -1 : 2,
    }
  }

  /** Action 2: false when the device cannot take it (offline, or a check is running). */
  start(now: number): boolean {
    if (this.scenario === 'offline' || this.isChecking(now)) return false
    this.previous = this.shown(now)
    this.startedAt = now
    this.runs++
    return true
  }

  /** Action 3. */
  result(now: number): Record<string, unknown> {
    const base = { meterCheckConfigVOS: null as unknown, bit0: 1, bit1: 0, bit2: 0, bit3: null as number | null, meterStatus: null as number | null }
    if (this.foreignUntil !== null && this.startedAt === null && now < this.foreignUntil) return { ...base, bit1: 1 }
    if (this.foreignUntil !== null && this.startedAt === null) return this.body(base, { kind: 'done', abnormal: false, details: null })
    if (this.startedAt !== null) {
      const phase = this.phaseOf(now)
      if (phase === 'waiting') return this.body(base, this.previous)
      if (phase === 'checking') return { ...base, bit1: 1 }
    }
    return this.body(base, this.shown(now))
  }

  private body(base: Record<string, unknown>, shown: Shown): Record<string, unknown> {
    if (shown.kind === 'none' || shown.kind === 'failed') return base
    return { ...base, bit2: 1, bit3: shown.abnormal ? 1 : 0, meterStatus: METER_STATUS, meterCheckConfigVOS: shown.details }
  }

  private isChecking(now: number): boolean {
    if (this.foreignUntil !== null && this.startedAt === null && now < this.foreignUntil) return true
    return this.startedAt !== null && this.phaseOf(now) === 'checking'
  }

  private phaseOf(now: number): 'waiting' | 'checking' | 'finished' {
    const startsAt = this.startedAt! + (this.scenario === 'slowToStart' ? this.timing.slowStartMs : 0)
    if (now < startsAt) return 'waiting'
    if (this.scenario === 'neverFinishes' || now < startsAt + this.timing.checkMs) return 'checking'
    return 'finished'
  }

  private shown(now: number): Shown {
    if (this.startedAt === null || this.phaseOf(now) !== 'finished') return this.previous
    if (this.scenario === 'failsDuringCheck' || this.scenario === 'meterMissing' || this.scenario === 'bmsAlarm') return { kind: 'failed' }
    const fixed = this.fixedOnRerun && this.runs >= 2
    switch (fixed ? 'normal' : this.scenario) {
      case 'wrongPhaseOrder':
        return { kind: 'done', abnormal: true, details: [{ phaseFlag: 1, inverterSide: ['A', 'B', 'C'], smartSide: ['A', 'C', 'B'], sensorAns: [0, 0, 0] }] }
      case 'reversedCt':
        return { kind: 'done', abnormal: true, details: [{ phaseFlag: 2, inverterSide: ['A', 'B', 'C'], smartSide: ['A', 'B', 'C'], sensorAns: [0, 1, 0] }] }
      case 'abnormalNoDetails':
        // the document's own "completed" example: abnormal with no details
        return { kind: 'done', abnormal: true, details: null }
      default:
        return { kind: 'done', abnormal: false, details: null }
    }
  }
}

/**
 * The simulated UPS's insides: a three-phase online UPS of three 10 kVA
 * modules with two battery strings, living through a scenario on the clock.
 * It answers in raw counts by the value's N in the shipped protocol file
 * (voltages and currents in tenths, frequency and power factor in
 * hundredths, temperature in tenths of a degree, load and capacity in
 * whole percent), which is what the file's names and `units.ts` assume.
 */
import type { UpsScenario, UpsSimStage } from '@shared/contract'
import type { Clock } from '../../core/clock'
import { seededUnit } from '../../core/seeded-random'

export interface UpsPlantOptions {
  /** load of each phase, % of its 10 kVA, in normal running */
  loadPct?: number
  /** how long a full battery carries the normal load (on the clock) */
  runtimeMs?: number
  /** how long an empty battery takes to charge fully */
  rechargeMs?: number
  /** capacity (%) below which the battery is low, and below which the UPS shuts down */
  lowPct?: number
  shutdownPct?: number
  seed?: number
  /**
   * Alarm and status bits (by N) that never rise: a UPS whose alarm board
   * has failed, for the acceptance test's case of an alarm that must rise.
   */
  deadBits?: number[]
}

const PHASE_VA = 10_000
const NOMINAL_V = 220
const OVERLOAD_PCT = 128
const MODULES = 3

/** A bit of noise around a raw count, never below zero. */
type Jitter = (raw: number, spread: number) => number

export class UpsPlant {
  scenario: UpsScenario = 'normal'
  /** the mains breaker ahead of the UPS, as a person at the panel switches it: off is a mains failure whatever the scenario */
  mainsSwitchedOn = true
  /** battery capacity, % (fractional: it moves a little every poll) */
  capacity = 100
  /** set when the battery ran down: the UPS stays off until mains returns */
  private shutDown = false
  private at: number
  private readonly options: Required<Omit<UpsPlantOptions, 'deadBits'>>
  private readonly deadBits: ReadonlySet<number>
  private readonly jitter: Jitter

  constructor(
    private readonly clock: Clock,
    options: UpsPlantOptions = {},
  ) {
    this.options = {
      loadPct: options.loadPct ?? 45,
      runtimeMs: options.runtimeMs ?? 20 * 60_000,
      rechargeMs: options.rechargeMs ?? 6 * 60 * 60_000,
      lowPct: options.lowPct ?? 25,
      shutdownPct: options.shutdownPct ?? 5,
      seed: options.seed ?? 0x0b5,
    }
    this.deadBits = new Set(options.deadBits ?? [])
    this.at = clock.now()
    const unit = seededUnit(this.options.seed)
    this.jitter = (raw, spread) => Math.max(0, Math.round(raw + (unit() * 2 - 1) * spread))
  }

  setScenario(scenario: UpsScenario): void {
    this.advance()
    this.scenario = scenario
    // mains back: the UPS restarts on its own, as online UPS do after a low-battery shutdown
    if (this.mainsUp) this.shutDown = false
  }

  /** Switches the mains breaker; back on, the UPS restarts as it does when mains returns after a shutdown. */
  setMains(on: boolean): void {
    this.advance()
    this.mainsSwitchedOn = on
    if (this.mainsUp) this.shutDown = false
  }

  get mainsUp(): boolean {
    return this.mainsSwitchedOn && this.scenario !== 'mainsFailure'
  }

  /** Output on (inverter or bypass): not after a low-battery shutdown or an EPO. */
  get outputOn(): boolean {
    return !this.shutDown && this.scenario !== 'epo'
  }

  get load(): number {
    if (!this.outputOn) return 0
    return this.scenario === 'overload' ? OVERLOAD_PCT : this.options.loadPct
  }

  stage(): UpsSimStage {
    this.advance()
    if (this.scenario === 'epo') return 'epo'
    if (this.shutDown) return 'shutdown'
    if (this.scenario === 'manualBypass') return 'bypass'
    if (!this.mainsUp) return this.capacity < this.options.lowPct ? 'batteryLow' : 'onBattery'
    return 'online'
  }

  /** Moves the battery to now: it falls at the load's rate on battery, and charges on mains. */
  advance(): void {
    const now = this.clock.now()
    const dt = now - this.at
    this.at = now
    if (dt <= 0) return
    if (!this.mainsUp && !this.shutDown) {
      const rate = (100 / this.options.runtimeMs) * (this.load / this.options.loadPct)
      this.capacity = Math.max(0, this.capacity - rate * dt)
      if (this.capacity < this.options.shutdownPct) this.shutDown = true
    } else if (this.mainsUp) {
      this.capacity = Math.min(100, this.capacity + (100 / this.options.rechargeMs) * dt)
    }
  }

  /** Every value of the shipped file, as raw counts by N. */
  raw(): Map<number, number> {
    const stage = this.stage()
    const j = this.jitter
    const out = new Map<number, number>()
    const set = (ns: number[], raw: number | ((i: number) => number)) => ns.forEach((n, i) => out.set(n, typeof raw === 'number' ? raw : raw(i)))
    const bit = (ns: number[], on: boolean) => set(ns, (i) => (on && !this.deadBits.has(ns[i]!) ? 1 : 0))
    const mainsV = this.mainsUp ? NOMINAL_V * 10 : 0
    const inverterOn = this.outputOn && this.scenario !== 'manualBypass'
    const outV = this.outputOn ? NOMINAL_V * 10 : 0
    const load = this.load
    const amps = (load / 100) * (PHASE_VA / NOMINAL_V)
    const battV = this.mainsUp ? 2720 : 2100 + 5 * this.capacity
    const battA = this.mainsUp ? (this.capacity < 100 ? 2 : 0.2) : ((load / 100) * PHASE_VA * 3) / (battV / 10) / 2
    const low = stage === 'batteryLow'
    const shutdown = stage === 'shutdown'

    set([1, 2, 3], () => (mainsV ? j(mainsV, 15) : 0))
    set([4, 5, 6], () => (inverterOn ? j(outV, 5) : 0))
    set([7, 8, 9], () => (mainsV ? j(mainsV, 15) : 0))
    set([10, 11, 12], () => j(amps * 10, amps ? 3 : 0))
    set([13, 14, 15], () => j((load / 100) * PHASE_VA, load ? 40 : 0))
    set([16, 17], (i) => j(battV - i * 8, 3))
    set([18, 19], () => j(battA * 10, battA ? 2 : 0))
    set([20], inverterOn ? j(5000, 2) : 0)
    set([21], inverterOn ? MODULES : 0)
    set([22], MODULES + 1)
    // mains input: under voltage on all three phases while mains is away
    bit([23, 25, 27], !this.mainsUp)
    bit([24, 26, 28], false)
    set([29], this.mainsUp ? 0 : 1)
    set([30], 0)
    // DC: under voltage when the battery is low, under-voltage shutdown once it ran down
    bit([31, 34], low || shutdown)
    bit([32, 35], shutdown)
    bit([33, 36, 37, 38], false)
    bit([39, 40, 41], this.scenario === 'overload')
    bit([42, 43, 44, 45, 46, 47], false)
    bit([48], this.scenario === 'manualBypass')
    bit([49, 51], shutdown)
    bit([50, 52, 53, 54, 56], false)
    bit([55], this.scenario === 'epo')
    bit([57], !this.mainsUp || this.scenario === 'phaseSequence')
    bit([58], this.scenario === 'phaseSequence')
    bit([59], this.mainsUp && this.scenario !== 'phaseSequence')
    bit([60, 61], false)
    bit([62], true)
    // the first module, as its own reply (0x02) reports it
    set([63], 1)
    set([64, 65, 66], () => (inverterOn ? j(outV, 5) : 0))
    set([67, 68, 69, 70, 71, 72, 73, 74, 75], () => j((amps * 10) / MODULES, amps ? 2 : 0))
    set([76, 77, 78], () => (mainsV ? j(mainsV, 15) : 0))
    set([79], j(320 + load, 3))
    set([80, 81], () => j(mainsV ? (amps * 10) / MODULES : 0, mainsV ? 2 : 0))
    set([82, 83], () => j(3600, 5))
    bit([84, 85, 86], false)
    bit([87, 88, 89], !this.mainsUp)
    bit([90, 91, 92, 95, 96], false)
    bit([93, 94], low || shutdown)
    bit([97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108], false)
    bit([109, 110, 111], this.scenario === 'overload')
    bit([112, 113, 114], this.scenario === 'overload')
    set([115, 116, 117], () => (load ? j(92, 2) : 0))
    set([118, 119, 120], () => (load ? j(load, 1) : 0))
    set([121], Math.round(this.capacity))
    return out
  }
}

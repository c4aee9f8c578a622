/**
 * The test charge an installer runs before handing a charger over: start
 * (sent once, confirmed from Status), a steady charge, boost on and off, the
 * power limit written below the present draw and the charger seen to follow
 * it, stop, the energy the charger counted against meter 1's import, and the
 * meters' health. UI-free: the setup job and `fieldbench evse test` both run
 * it. Every wait is on the injected clock.
 */
import type { Measurement, TestChargePhase, TestChargeSample, TestChargeView } from '@shared/contract'
import type { EvseStatus } from '@shared/devices/evse/answers'
import type { EvseConfig } from '@shared/devices/evse/config'
import { EvseState } from '@shared/devices/evse/states'
import { MIN_CHARGE_POWER_W } from '@shared/devices/evse/setup-validation'
import type { Clock } from '../../core/clock'
import type { EvseClient } from './client'
import { errorNote } from './errors'
import { importKWh, meterHealth } from './test-charge-meters'
import { toggle } from './toggles'

/** one Status reading a second while charging: enough for the chart, light on the charger */
export const SAMPLE_MS = 1000
/** how long the current may take to appear after a confirmed start (the EV's own wake-up included) */
export const CURRENT_DEADLINE_MS = 20_000
/** a steady charge this long before the checks, so the energy counted is well above a meter's resolution */
export const CHARGE_HOLD_MS = 10_000
/** boost given this long to move the current (a step of the target is reached within a few seconds) */
export const BOOST_SETTLE_MS = 6000
/**
 * The stated power-limit response: the charger lowers its PWM offer at once
 * and IEC 61851-1 gives the EV 5 s to follow; 10 s leaves room for a poll
 * interval and the charger's own averaging.
 */
export const LIMIT_RESPONSE_MS = 10_000
const LIMIT_POLL_MS = 500
/** the draw counts as under the limit within this margin (the charger rounds the current down to whole amps) */
const limitMarginW = (limitW: number) => Math.max(100, limitW * 0.03)
/** the charger's energy and meter 1's import agree within this */
const energyToleranceWh = (wh: number) => Math.max(2, wh * 0.05)
const MAX_SAMPLES = 3600
/** what a stopped charger may still show: a meter's noise, not a charge */
const STOPPED_CURRENT_A = 0.5

const charging = (state: number) => state === EvseState.EV_CHARGE_C1_C2 || state === EvseState.EV_VENT_D1_D2
const connected = (state: number) => state === EvseState.EV_CONNECTED_B1_B2 || charging(state)

export interface TestChargeOptions {
  client: EvseClient
  clock: Clock
  signal: AbortSignal
  /** the configuration the charger holds, as read by the caller */
  config: Partial<EvseConfig>
  onProgress?: (view: TestChargeView) => void
}

export interface TestChargeResult extends TestChargeView {
  verdict: 'pass' | 'fail'
}

export class TestCharge {
  private phase: TestChargePhase = 'starting'
  private readonly samples: TestChargeSample[] = []
  private readonly checks: Measurement[] = []
  private failure: string | null = null
  private lastSampleAt = -Infinity
  private peakEnergyWs = 0
  /** a start confirmed and no stop confirmed since: what leaving safe must undo */
  private started = false
  /** the power available to write back when the test lowered it */
  private liftLimitTo: number | null = null

  constructor(private readonly options: TestChargeOptions) {}

  view(): TestChargeView {
    return { phase: this.phase, samples: this.samples.slice(), checks: this.checks.slice(), failure: this.failure }
  }

  async run(): Promise<TestChargeResult> {
    const first = await this.read(true)
    if (!connected(first.state)) {
      this.check({ key: 'evConnected', value: first.state, verdict: 'fail' }, first.state === EvseState.IDLE_A1_A2 || first.state === EvseState.WAITING ? 'evNotConnected' : 'chargerNotReady')
      return this.end()
    }
    const meter1Fitted = (this.options.config.Meter1Type ?? 0) !== 0
    const importBefore = meter1Fitted ? await this.importNow() : null
    if (await this.start()) {
      if (await this.chargeSteadily()) {
        await this.boost()
        await this.powerLimit()
      }
      await this.stop()
    }
    this.setPhase('meters')
    const last = await this.read(true)
    await this.energy(meter1Fitted, importBefore)
    for (const meter of [1, 2] as const) {
      const fitted = ((meter === 1 ? this.options.config.Meter1Type : this.options.config.Meter2Type) ?? 0) !== 0
      if (fitted) this.checkAll(await meterHealth(this.options.client, meter, first, last, this.options.signal))
    }
    return this.end()
  }

  /** After an interruption: the limit written back, the charge stopped (each only when this test changed it). */
  async leaveSafe(signal: AbortSignal): Promise<void> {
    const { client, clock } = this.options
    if (this.liftLimitTo !== null) {
      await client.control({ EVSEPowerAvailable: this.liftLimitTo }, signal)
      this.liftLimitTo = null
    }
    if (this.started) {
      await toggle(client, clock, 'stop', signal)
      this.started = false
    }
  }

  private end(): TestChargeResult {
    this.setPhase('done')
    return { ...this.view(), verdict: this.failure ? 'fail' : 'pass' }
  }

  private setPhase(phase: TestChargePhase): void {
    this.phase = phase
    this.options.onProgress?.(this.view())
  }

  private check(m: Measurement, failNote: string | null = null): void {
    this.checks.push(m)
    if (m.verdict === 'fail' && !this.failure) this.failure = failNote
    this.options.onProgress?.(this.view())
  }

  private checkAll(found: { measurement: Measurement; note: string | null }[]): void {
    for (const { measurement, note } of found) this.check(measurement, note)
  }

  /** Status, kept as a sample when a second has passed since the last one (or when `keep`). */
  private async read(keep = false): Promise<EvseStatus> {
    const status = await this.options.client.status(this.options.signal)
    const now = this.options.clock.now()
    if (status.energyWs !== null) this.peakEnergyWs = Math.max(this.peakEnergyWs, status.energyWs)
    if (keep || now - this.lastSampleAt >= SAMPLE_MS) {
      this.lastSampleAt = now
      this.samples.push({ at: now, state: status.state, currentA: status.currentA, powerW: status.powerW, energyWh: status.energyWs === null ? null : status.energyWs / 3600 })
      if (this.samples.length > MAX_SAMPLES) this.samples.splice(0, this.samples.length - MAX_SAMPLES)
      this.options.onProgress?.(this.view())
    }
    return status
  }

  /** Reads Status every `everyMs` until `done` holds or `forMs` have passed; the last reading. */
  private async watch(forMs: number, done: (s: EvseStatus) => boolean, everyMs = SAMPLE_MS): Promise<{ status: EvseStatus; held: boolean; afterMs: number }> {
    const { clock, signal } = this.options
    const since = clock.now()
    for (;;) {
      const status = await this.read()
      const afterMs = clock.now() - since
      if (done(status)) return { status, held: true, afterMs }
      if (afterMs >= forMs) return { status, held: false, afterMs }
      await clock.sleep(everyMs, signal)
    }
  }

  private async importNow(): Promise<number | null> {
    try {
      return importKWh(await this.options.client.meter(1, this.options.signal))
    } catch (err) {
      if (this.options.signal.aborted) throw err
      return null
    }
  }

  private async start(): Promise<boolean> {
    this.setPhase('starting')
    const result = await toggle(this.options.client, this.options.clock, 'start', this.options.signal)
    const ok = result.outcome === 'confirmed' || result.outcome === 'alreadyThere'
    if (ok) this.started = true
    this.check({ key: 'started', value: result.outcome, verdict: ok ? 'pass' : 'fail' }, result.outcome === 'notAllowed' ? 'startNotAllowed' : 'notStarted')
    return ok
  }

  private async chargeSteadily(): Promise<boolean> {
    this.setPhase('charging')
    const flowing = await this.watch(CURRENT_DEADLINE_MS, (s) => charging(s.state) && (s.currentA ?? 0) > 0)
    if (!flowing.held) {
      this.check({ key: 'chargingCurrent', value: flowing.status.currentA ?? 0, unit: 'A', min: 6, verdict: 'fail' }, charging(flowing.status.state) ? 'noCurrent' : 'evNotCharging')
      return false
    }
    const steady = await this.watch(CHARGE_HOLD_MS, () => false)
    const amps = steady.status.currentA ?? 0
    this.check({ key: 'chargingCurrent', value: amps, unit: 'A', min: 6, verdict: charging(steady.status.state) && amps >= 6 ? 'pass' : 'fail' }, 'noCurrent')
    this.check({ key: 'chargingPower', value: steady.status.powerW ?? 0, unit: 'W', verdict: 'info' })
    return charging(steady.status.state)
  }

  private async boost(): Promise<void> {
    this.setPhase('boost')
    const { client, clock, signal, config } = this.options
    const on = await toggle(client, clock, 'boostOn', signal)
    if (on.outcome === 'notAllowed') {
      this.check({ key: 'boostOn', value: on.outcome, verdict: 'info' })
      return
    }
    const boosted = await this.watch(BOOST_SETTLE_MS, () => false)
    const onOk = on.outcome === 'confirmed' || on.outcome === 'alreadyThere'
    this.check({ key: 'boostOn', value: on.outcome, verdict: onOk ? 'pass' : 'fail' }, 'boostNotConfirmed')
    this.check({ key: 'boostCurrent', value: boosted.status.currentA ?? 0, unit: 'A', ...(config.ChargeCurrentBoost ? { max: config.ChargeCurrentBoost } : {}), verdict: 'info' })
    const off = await toggle(client, clock, 'boostOff', signal)
    const offOk = off.outcome === 'confirmed' || off.outcome === 'alreadyThere'
    this.check({ key: 'boostOff', value: off.outcome, verdict: offOk ? 'pass' : 'fail' }, 'boostNotConfirmed')
    await this.watch(BOOST_SETTLE_MS, () => false)
  }

  private async powerLimit(): Promise<void> {
    this.setPhase('powerLimit')
    const { client, clock, signal, config } = this.options
    if (config.ControlStrategy !== 1) {
      this.check({ key: 'powerLimit', value: 'off', verdict: 'info' })
      return
    }
    const before = await this.read(true)
    const drawW = before.powerW ?? 0
    const phases = before.threePhase === false ? 1 : config.Charge3Phase === false ? 1 : 3
    // below the draw by a clear step, never below what the charger can still offer (it would pause instead)
    const limitW = Math.round(Math.max(drawW * 0.6, MIN_CHARGE_POWER_W * phases))
    this.check({ key: 'drawBeforeLimit', value: drawW, unit: 'W', verdict: 'info' })
    if (limitW >= drawW - limitMarginW(limitW)) {
      this.check({ key: 'powerLimit', value: 'drawTooLow', verdict: 'info' })
      return
    }
    // lifted afterwards to what was available before, or, when nothing had been written, to the most the charger can draw (the site's automation writes its own next)
    const restoreW = before.powerAvailableW && before.powerAvailableW > drawW ? before.powerAvailableW : Math.round((config.ChargeCurrentBoost ?? 32) * 230 * phases)
    const sentAt = clock.now()
    this.liftLimitTo = restoreW
    let answerError: string | null = null
    try {
      await client.control({ EVSEPowerAvailable: limitW }, signal)
    } catch (err) {
      if (signal.aborted) throw err
      // a lost answer is not a refusal: the draw shows whether it took
      answerError = errorNote(err)
    }
    const ceiling = limitW + limitMarginW(limitW)
    const followed = await this.watch(LIMIT_RESPONSE_MS, (s) => (s.powerW ?? Infinity) <= ceiling, LIMIT_POLL_MS)
    const seconds = Math.round((clock.now() - sentAt) / 100) / 10
    this.check({ key: 'powerLimitW', value: limitW, unit: 'W', verdict: 'info' })
    this.check({ key: 'limitResponse', value: followed.held ? seconds : '—', unit: 's', max: LIMIT_RESPONSE_MS / 1000, verdict: followed.held ? 'pass' : 'fail' }, answerError ?? 'limitNotFollowed')
    this.check({ key: 'drawUnderLimit', value: followed.status.powerW ?? 0, unit: 'W', max: Math.round(ceiling), verdict: followed.held ? 'pass' : 'fail' }, 'limitNotFollowed')
    await client.control({ EVSEPowerAvailable: restoreW }, signal)
    this.liftLimitTo = null
  }

  private async stop(): Promise<void> {
    this.setPhase('stopping')
    const result = await toggle(this.options.client, this.options.clock, 'stop', this.options.signal)
    const ok = result.outcome === 'confirmed' || result.outcome === 'alreadyThere'
    if (ok) this.started = false
    this.check({ key: 'stopped', value: result.outcome, verdict: ok ? 'pass' : 'fail' }, 'notStopped')
    if (!ok) return
    // stopped means no current: the charger opens its relay once the EV has ramped down
    const idle = await this.watch(CURRENT_DEADLINE_MS, (s) => (s.currentA ?? 0) <= STOPPED_CURRENT_A)
    this.check({ key: 'currentAfterStop', value: idle.status.currentA ?? 0, unit: 'A', max: STOPPED_CURRENT_A, verdict: idle.held ? 'pass' : 'fail' }, 'notStopped')
  }

  private async energy(meter1Fitted: boolean, importBefore: number | null): Promise<void> {
    const chargerWh = Math.round((this.peakEnergyWs / 3600) * 10) / 10
    this.check({ key: 'energyDelivered', value: chargerWh, unit: 'Wh', verdict: 'info' })
    if (!meter1Fitted) {
      this.check({ key: 'meterImport', value: 'notFitted', verdict: 'info' })
      return
    }
    const importAfter = await this.importNow()
    if (importBefore === null || importAfter === null) {
      this.check({ key: 'meterImport', value: '—', unit: 'Wh', verdict: 'fail' }, 'meterUnreadable')
      return
    }
    const meterWh = Math.round((importAfter - importBefore) * 10_000) / 10
    const tol = energyToleranceWh(chargerWh)
    const agree = Math.abs(meterWh - chargerWh) <= tol
    this.check({ key: 'meterImport', value: meterWh, unit: 'Wh', min: Math.round((chargerWh - tol) * 10) / 10, max: Math.round((chargerWh + tol) * 10) / 10, verdict: agree ? 'pass' : 'fail' }, 'energyMismatch')
  }
}

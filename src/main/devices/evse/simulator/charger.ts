/**
 * The simulated charger's state: the EvseState machine with an EV that is
 * plugged, unplugged and asks to charge; the current following ChargeCurrent,
 * boost, the phase limit and the power available; energy that accumulates.
 * Time is the injected clock's, read when asked, so a test moves it by hand.
 */
import { type EvseConfig, EvseConfigRanges, isIpv4, meterTypeNeedsIp } from '@shared/devices/evse/config'
import { EvseState } from '@shared/devices/evse/states'
import type { Clock } from '../../../core/clock'

export const VOLTS = 230
/** a step in the target current is reached, linearly, within this time of the clock */
export const SETTLE_MS = 4000
const RAMP_A_PER_MS = 32 / SETTLE_MS
/** the lowest current a charger may offer an EV (IEC 61851); below it the charger pauses */
const MIN_CURRENT_A = 6

export const DEFAULT_CONFIG: EvseConfig = {
  ChargerMode: 0,
  LockMethod: 0,
  ChargeCurrent: 16,
  ChargeCurrentBoost: 32,
  Meter1Type: 1,
  Meter1Ip: '',
  Meter2Type: 0,
  Meter2Ip: '',
  PhaseCurrentLimit: 25,
  ControlStrategy: 0,
  ControlLimit: 0,
  ChargeAutoStart: false,
  Charge3Phase: true,
}

export type ChargerFault = 'RELAY_ERR_F' | 'EPO_F' | 'EV_DIODE_ERR' | 'EV_ERR_E' | 'EV_GENERAL_ERR' | 'PP_ERR_F' | 'LOCK_ERR_F'

export class SimCharger {
  config: EvseConfig = { ...DEFAULT_CONFIG }
  plugged = false
  evWantsCharge = false
  started = false
  boosted = false
  fault: ChargerFault | null = null
  /** EVSEPowerAvailable as last written [W]; null until written */
  powerAvailableW: number | null = null
  /** a faulty charger: it shows the power written as available and keeps drawing what it drew */
  ignorePowerLimit = false
  currentA = 0
  energyWs = 0
  /** meter 1's import register, the energy it has counted [kWh] */
  importKWh = 0.331
  sessionStartedAt: number | null = null
  bootAt: number
  private updatedAt: number

  constructor(private readonly clock: Clock) {
    this.bootAt = clock.now()
    this.updatedAt = clock.now()
  }

  get uptimeMs(): number {
    return this.clock.now() - this.bootAt
  }

  get phases(): number {
    return this.config.Charge3Phase ? 3 : 1
  }

  state(): number {
    if (this.fault) return EvseState[this.fault]
    if (!this.plugged) return EvseState.IDLE_A1_A2
    return this.started && this.evWantsCharge ? EvseState.EV_CHARGE_C1_C2 : EvseState.EV_CONNECTED_B1_B2
  }

  get startStopAllowed(): boolean {
    return this.plugged && !this.fault
  }

  get boostAllowed(): boolean {
    return this.started && !this.fault
  }

  /** the power the limiting strategy allows now, or null when it does not limit */
  limitW(): number | null {
    if (this.config.ControlStrategy !== 1) return null
    const limits = [this.powerAvailableW, this.config.ControlLimit > 0 ? this.config.ControlLimit : null].filter((v): v is number => v !== null)
    return limits.length ? Math.min(...limits) : null
  }

  targetA(): number {
    if (this.state() !== EvseState.EV_CHARGE_C1_C2) return 0
    let amps = Math.min(this.boosted ? this.config.ChargeCurrentBoost : this.config.ChargeCurrent, this.config.PhaseCurrentLimit)
    const limit = this.ignorePowerLimit ? null : this.limitW()
    if (limit !== null) amps = Math.min(amps, Math.floor(limit / (VOLTS * this.phases)))
    return amps < MIN_CURRENT_A ? 0 : amps
  }

  /** Brings current and energy up to the clock's now. */
  update(): void {
    const now = this.clock.now()
    const dt = now - this.updatedAt
    this.updatedAt = now
    if (dt <= 0) return
    const target = this.targetA()
    const from = this.currentA
    const to = from < target ? Math.min(target, from + RAMP_A_PER_MS * dt) : Math.max(target, from - RAMP_A_PER_MS * dt)
    // the average current over the interval: ramping linearly, then flat at `to`
    const rampMs = Math.abs(to - from) / RAMP_A_PER_MS
    const ampMs = ((from + to) / 2) * rampMs + to * (dt - rampMs)
    const ws = (ampMs / 1000) * VOLTS * this.phases
    this.energyWs += ws
    this.importKWh += ws / 3_600_000
    this.currentA = to
  }

  get powerW(): number {
    return Math.round(this.currentA * VOLTS * this.phases)
  }

  plug(): void {
    this.update()
    this.plugged = true
    if (this.config.ChargeAutoStart) this.setStarted(true)
  }

  unplug(): void {
    this.update()
    this.plugged = false
    this.setStarted(false)
  }

  setStarted(started: boolean): void {
    this.update()
    this.started = started
    if (!started) this.boosted = false
    this.sessionStartedAt = started ? this.clock.now() : null
    if (started) this.energyWs = 0
  }

  /** Applies the fields the charger accepts; returns those it did not take. */
  write(fields: Partial<Record<keyof EvseConfig, unknown>>): (keyof EvseConfig)[] {
    this.update()
    const refused: (keyof EvseConfig)[] = []
    const next = { ...this.config }
    for (const [key, value] of Object.entries(fields) as [keyof EvseConfig, unknown][]) {
      if (!(key in DEFAULT_CONFIG)) continue
      const range = EvseConfigRanges[key]
      const ok = range
        ? typeof value === 'number' && Number.isInteger(value) && value >= range[0] && value <= range[1]
        : typeof DEFAULT_CONFIG[key] === 'boolean'
          ? typeof value === 'boolean'
          : typeof value === 'string' && (value === '' || isIpv4(value))
      if (ok) (next as Record<string, unknown>)[key] = value
      else refused.push(key)
    }
    // the document: an IP meter type only together with a valid IP address in the same write
    for (const [type, ip] of [['Meter1Type', 'Meter1Ip'], ['Meter2Type', 'Meter2Ip']] as const) {
      if (fields[type] !== undefined && meterTypeNeedsIp(next[type]) && !(typeof fields[ip] === 'string' && isIpv4(fields[ip]))) {
        next[type] = this.config[type]
        if (!refused.includes(type)) refused.push(type)
      }
    }
    this.config = next
    return refused
  }

  /** The charger starting again: uptime from zero, no session, current gone. */
  reboot(): void {
    this.bootAt = this.clock.now()
    this.updatedAt = this.clock.now()
    this.started = false
    this.boosted = false
    this.currentA = 0
    this.sessionStartedAt = null
    this.powerAvailableW = null
    if (this.plugged && this.config.ChargeAutoStart) this.setStarted(true)
  }
}

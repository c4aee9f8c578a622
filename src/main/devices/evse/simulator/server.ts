/**
 * A PSP EVSE v1.0 charger on a loopback address: the WebAPI's routes over
 * HttpSimServer and SimCharger. `readings` picks, for each place where the
 * document disagrees with itself, which reading this charger follows, so
 * the client is tested against each. Several run at once on 127.0.0.2, .3…
 */
import type { EvseConfig } from '@shared/devices/evse/config'
import { isObject } from '@shared/devices/evse/read'
import { type Clock, systemClock } from '../../../core/clock'
import type { Logger } from '../../../log/logger'
import { HttpSimServer, type SimReply, type SimRequest } from '../../../simulators/http'
import type { HttpSimulator } from '../../../simulators/registry'
import { type ChargerFault, DEFAULT_CONFIG, SimCharger } from './charger'
import { meterBody, MeterSim } from './meters'

export interface EvseReadings {
  /** the Status field's name: the example's or the table's (cut off) */
  totalSecondsKey: 'ActualDurationTotalSeconds' | 'ActualDurationTotalSecon'
  /** ActualDuration: the table's "01:02:03" or the example's "01h:02m:03s" */
  duration: 'colons' | 'letters'
  /** register keys "0x04_0x0034" or "0x04 0x0034" */
  registerKeys: 'underscore' | 'space'
  /** the service code's key: the table's "SCode" or the example's "Scode"; the other is ignored */
  scodeKey: 'SCode' | 'Scode'
}

export const DOCUMENT_EXAMPLE_READINGS: EvseReadings = { totalSecondsKey: 'ActualDurationTotalSeconds', duration: 'letters', registerKeys: 'underscore', scodeKey: 'SCode' }

export interface EvseSimOptions {
  host?: string
  port?: number
  clock?: Clock
  log?: Logger
  readings?: Partial<EvseReadings>
  /** how long a restart keeps the charger away [ms of the clock] */
  restartMs?: number
  /** the version an update check finds; null: none newer */
  newerFirmware?: string | null
}

export const API = '/webapi/v1'
/** the answer to a service code leaves before the charger goes down */
const RESTART_DELAY_MS = 100

export class EvseSimulator implements HttpSimulator {
  readonly kind = 'http'
  readonly server: HttpSimServer
  readonly charger: SimCharger
  readonly meters: [MeterSim, MeterSim]
  readonly readings: EvseReadings
  version = '0.9.2'
  apMode = false
  otaMessage = ''
  otaUpdateAllowed = false
  /** writes answered 200 and not applied, still to come */
  private ignoring = 0
  private disposed = false
  private readonly clock: Clock
  private readonly restartMs: number

  constructor(private readonly options: EvseSimOptions = {}) {
    this.clock = options.clock ?? systemClock
    this.readings = { ...DOCUMENT_EXAMPLE_READINGS, ...options.readings }
    this.restartMs = options.restartMs ?? 3000
    this.charger = new SimCharger(this.clock)
    this.meters = [new MeterSim(), new MeterSim()]
    this.server = new HttpSimServer({ host: options.host, port: options.port, clock: this.clock, log: options.log })
    this.server
      .route('GET', `${API}/Status`, () => ({ body: this.status() }))
      .route('POST', `${API}/EvseCtrl`, (req) => this.control(req))
      .route('GET', `${API}/Meter1`, () => ({ body: this.meter(1) }))
      .route('GET', `${API}/Meter2`, () => ({ body: this.meter(2) }))
      .route('GET', `${API}/SystemConfig`, () => ({ body: this.configBody() }))
      .route('POST', `${API}/SystemConfig`, (req) => this.writeConfig(req))
      .route('GET', `${API}/SystemInfo`, () => ({ body: this.info() }))
      .route('POST', `${API}/SystemInfo`, (req) => this.service(req))
  }

  get url(): string {
    return this.server.url
  }

  async start(): Promise<this> {
    await this.server.start()
    return this
  }

  dispose(): Promise<void> {
    this.disposed = true
    return this.server.dispose()
  }

  /** The network cable pulled: nothing answers until `plug`. */
  unplug(): Promise<void> {
    return this.server.unplug()
  }

  plug(): Promise<void> {
    return this.server.plug()
  }

  /** this charger's MAC, told apart by its loopback address */
  get mac(): string {
    return macFor(this.server.host)
  }

  /** writes still to be answered 200 and not applied */
  get ignoredWrites(): number {
    return this.ignoring
  }

  /** The next `count` writes (EvseCtrl, SystemConfig, SystemInfo) are answered 200 and change nothing. */
  ignoreWrites(count = 1): void {
    this.ignoring = count
  }

  setFault(fault: ChargerFault | null): void {
    this.charger.update()
    this.charger.fault = fault
  }

  /** Restarts as a real charger does: gone for the restart time, then back with its uptime counted from the reboot. */
  async restart(): Promise<void> {
    if (this.disposed) return
    this.charger.reboot()
    await this.server.restart(this.restartMs)
    // disposed while it was down: the base plugged it back, so close it again
    if (this.disposed) await this.server.unplug()
  }

  private takeIgnored(): boolean {
    if (this.ignoring <= 0) return false
    this.ignoring--
    return true
  }

  private status(): Record<string, unknown> {
    const c = this.charger
    c.update()
    const seconds = c.sessionStartedAt === null ? 0 : Math.floor((this.clock.now() - c.sessionStartedAt) / 1000)
    return {
      TimeStamp: c.uptimeMs,
      SystemVersion: this.version,
      WiFiInfo: this.apMode ? 'EVSE-AP:100%' : '559EVSE:60%',
      EvseState: c.state(),
      ThreePhaseCharging: c.config.Charge3Phase,
      ActualCurrent: Math.round(c.currentA * 10) / 10,
      PPCodedCurrent: c.config.ChargerMode === 1 ? 20 : 0,
      ActualPower: c.powerW,
      ActualPowerAvailable: c.limitW() ?? 0,
      ActualEnergy: Math.round(c.energyWs),
      ActualDuration: durationText(seconds, this.readings.duration),
      [this.readings.totalSecondsKey]: seconds,
      AutoStartAllowed: c.config.ChargeAutoStart,
      StartStopAllowed: c.startStopAllowed,
      BoostAllowed: c.boostAllowed,
      ChargerStarted: c.started,
      ChargeBoosted: c.boosted,
      Meter1Status: this.meters[0].errors,
      Meter2Status: this.meters[1].errors,
    }
  }

  private meter(n: 1 | 2): Record<string, unknown> {
    this.charger.update()
    const fitted = (n === 1 ? this.charger.config.Meter1Type : this.charger.config.Meter2Type) !== 0
    return { [`Meter${n}`]: meterBody(this.meters[n - 1]!, this.charger, this.readings.registerKeys === 'space', fitted) }
  }

  private configBody(): Record<string, unknown> {
    return { TimeStamp: this.charger.uptimeMs, SystemVersion: this.version, ...this.charger.config }
  }

  private control(req: SimRequest): SimReply {
    const body = req.json()
    if (!isObject(body)) return { status: 400, body: 'Bad Request' }
    if (this.takeIgnored()) return { body: {} }
    const c = this.charger
    const answer: Record<string, unknown> = {}
    if (body.ChargeStartToggle === true) {
      if (c.startStopAllowed) c.setStarted(!c.started)
      answer.ChargeStartToggle = c.startStopAllowed ? 'Performing' : 'NotAllowed'
    }
    if (body.ChargeBoostToggle === true) {
      c.update()
      if (c.boostAllowed) c.boosted = !c.boosted
      answer.ChargeBoostToggle = c.boostAllowed ? 'Performing' : 'NotAllowed'
    }
    if (typeof body.EVSEPowerAvailable === 'number' && body.EVSEPowerAvailable >= 0) {
      c.update()
      c.powerAvailableW = body.EVSEPowerAvailable
      answer.EVSEPowerAvailable = 'OK'
    }
    return { body: answer }
  }

  private writeConfig(req: SimRequest): SimReply {
    const body = req.json()
    if (!isObject(body)) return { status: 400, body: 'Bad Request' }
    if (this.takeIgnored()) return { body: {} }
    this.charger.write(body as Partial<Record<keyof EvseConfig, unknown>>)
    return { body: { SystemConfig: 'Saved' } }
  }

  private info(): Record<string, unknown> {
    return {
      TimeStamp: this.charger.uptimeMs,
      SystemVersion: this.version,
      ProductType: '01100200',
      MAC: this.mac,
      WiFiInfo: this.apMode ? 'EVSE-AP,RSSI:0dB/100%' : '559EVSE,RSSI:-49dB/68%',
      HeapInfo: '0x022DF0/0x02D230',
      GeneralInfo: this.charger.fault ? `System: ${this.charger.fault}` : 'System: Brak usterek',
      OTAMsg: this.apMode ? 'Operacja nie dozwolona w trybie WiFi AP!' : this.otaMessage,
      OTACheckAllowed: !this.apMode,
      OTAUpdateAllowed: !this.apMode && this.otaUpdateAllowed,
    }
  }

  private service(req: SimRequest): SimReply {
    const body = req.json()
    if (!isObject(body)) return { status: 400, body: 'Bad Request' }
    if (this.takeIgnored()) return { body: {} }
    const code = body[this.readings.scodeKey]
    if (body.UpdateCheckToggle === true) {
      if (this.apMode) return { body: { UpdateCheckToggle: 'NotAllowed' } }
      const newer = this.options.newerFirmware ?? null
      this.otaMessage = newer ? `Dostępna nowa wersja: ${newer}` : 'Brak nowszej wersji'
      this.otaUpdateAllowed = Boolean(newer)
      return { body: { UpdateCheckToggle: 'Performing' } }
    }
    if (body.UpdateRunToggle === true) {
      const newer = this.options.newerFirmware ?? null
      if (!newer || !this.otaUpdateAllowed || this.apMode) return { body: { UpdateRunToggle: 'NotAllowed' } }
      this.later(() => {
        this.version = newer
        this.otaUpdateAllowed = false
        this.otaMessage = 'Aktualizacja zakończona'
      })
      return { body: { UpdateRunToggle: 'Performing' } }
    }
    switch (code) {
      case 'Reset':
        this.later()
        return { body: { Reset: 'Performing' } }
      case 'FactoryDefault':
        this.later(() => {
          this.charger.config = { ...DEFAULT_CONFIG }
          this.apMode = false
        })
        return { body: { FactoryDefault: 'Performing' } }
      case 'WiFiSetToAP':
        this.apMode = true
        return { body: { WiFiSetToAP: 'Performing' } }
      default:
        // a key the firmware does not know (the other spelling) or no code: nothing happens
        return { body: {} }
    }
  }

  /** After the answer has left: `before` runs, then the charger restarts. */
  private later(before?: () => void): void {
    void this.clock
      .sleep(RESTART_DELAY_MS)
      .then(async () => {
        before?.()
        await this.restart()
      })
      .catch((err: unknown) => this.options.log?.error('sim.evseRestartFailed', { error: err instanceof Error ? err.message : String(err) }))
  }
}

function durationText(total: number, style: EvseReadings['duration']): string {
  const [h, m, s] = [Math.floor(total / 3600), Math.floor(total / 60) % 60, total % 60].map((n) => String(n).padStart(2, '0'))
  return style === 'letters' ? `${h}h:${m}m:${s}s` : `${h}:${m}:${s}`
}

/** a stable MAC per loopback address, so several simulated chargers tell apart */
function macFor(host: string): string {
  const last = Number(host.split('.').at(-1) ?? 1)
  return `E0:E2:E6:52:AA:${last.toString(16).toUpperCase().padStart(2, '0')}`
}

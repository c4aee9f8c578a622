/**
 * The simulated cloud's account: plants, inverters with their settings,
 * energy model and CT check, on the simulator's clock. Every endpoint works
 * on this; the checks a write must pass before it changes anything live here.
 */
import type { FoxSettingKeys } from '@shared/contract'
import { type Clock, systemClock } from '../../../core/clock'
import { ERRNO } from '../errno'
import { type CtTiming, defaultCtTiming, SimulatedCtCheck } from './ct'
import { defaultSettings, demoFleet, type SimDeviceSpec, type SimFleet, type SimPlant, type SimSettings } from './fleet'
import { EnergyModel } from './physics'
import { fail } from './sim-errno'

export type KeyState = 'active' | 'expired' | 'revoked'

export interface SimLimits {
  /** minimum gap between two calls to the same path with the same key (0: off) */
  pathIntervalMs: number
  /** at most `windowMax` calls per key in any `windowMs` */
  windowMs: number
  windowMax: number
  dailyBudget: number
  /** a timestamp further than this from the service's clock is refused */
  maxSkewMs: number
}

export const defaultSimLimits: SimLimits = { pathIntervalMs: 1000, windowMs: 60_000, windowMax: 120, dailyBudget: 1440, maxSkewMs: 10 * 60_000 }

export interface SimDevice {
  spec: SimDeviceSpec
  settings: SimSettings
  model: EnergyModel
  ct: SimulatedCtCheck
  /** when it went offline (offline devices report their last data) */
  offlineSince: number | null
  clockDriftSeconds: number
}

export interface CloudStateOptions {
  clock?: Clock
  fleet?: SimFleet
  limits?: Partial<SimLimits>
  ct?: Partial<CtTiming>
}

export class FoxCloudState {
  readonly clock: Clock
  readonly limits: SimLimits
  readonly plants: SimPlant[]
  readonly devices = new Map<string, SimDevice>()
  nextStation = 100

  constructor(options: CloudStateOptions = {}) {
    this.clock = options.clock ?? systemClock
    this.limits = { ...defaultSimLimits, ...options.limits }
    const now = this.clock.now()
    const fleet = options.fleet ?? demoFleet(now)
    this.plants = fleet.plants.map((p) => ({ ...p }))
    const timing = { ...defaultCtTiming, ...options.ct }
    for (const spec of fleet.devices) {
      const plant = this.plants.find((p) => p.stationID === spec.stationID)!
      const device: SimDevice = {
        spec: { ...spec },
        settings: defaultSettings(spec),
        model: null as unknown as EnergyModel,
        ct: new SimulatedCtCheck(spec.ct, spec.ctFixedOnRerun, timing, now),
        offlineSince: spec.status === 3 ? now - 3 * 3600_000 - 17 * 60_000 : null,
        clockDriftSeconds: spec.clockDriftSeconds,
      }
      device.model = new EnergyModel(device.spec, plant, () => device.settings, now)
      this.devices.set(spec.sn, device)
    }
  }

  /** Inverters on one of the account's plants. */
  owned(): SimDevice[] {
    return [...this.devices.values()].filter((d) => d.spec.stationID && this.plant(d.spec.stationID))
  }

  device(sn: unknown): SimDevice {
    const d = typeof sn === 'string' ? this.devices.get(sn) : undefined
    if (!d) fail(ERRNO.body, 'unknown serial number')
    return d!
  }

  plant(id: string): SimPlant | undefined {
    return this.plants.find((p) => p.stationID === id)
  }

  /** The last minute the logger uploaded (offline devices: when they went offline). */
  dataTime(d: SimDevice): number {
    const now = this.clock.now()
    return Math.floor(Math.min(now, d.offlineSince ?? now) / 60_000) * 60_000
  }

  writable(d: SimDevice): void {
    if (d.spec.status === 3) fail(ERRNO.offline)
  }

  battery(sn: unknown): SimDevice {
    const d = this.device(sn)
    if (!d.spec.hasBattery) fail(ERRNO.body, 'no battery')
    return d
  }

  settingsDevice(sn: unknown): SimDevice {
    const d = this.device(sn)
    if (!d.spec.settings) fail(ERRNO.body, 'settings not supported by this series')
    return d
  }

  schedulerDevice(sn: unknown): SimDevice {
    const d = this.device(sn)
    if (!d.spec.scheduler) fail(ERRNO.body, 'scheduler not supported')
    return d
  }

  setSchedulerFlag(body: Record<string, unknown>): null {
    const d = this.schedulerDevice(body.deviceSN)
    this.writable(d)
    if (body.enable !== 0 && body.enable !== 1) fail(ERRNO.body, 'enable')
    this.change(d, (s) => (s.schedulerEnabled = body.enable === 1))
    return null
  }

  change(d: SimDevice, edit: (s: SimSettings) => void): void {
    edit(d.settings)
    d.model.settingsChanged(this.clock.now())
  }

  settingValue(d: SimDevice, key: (typeof FoxSettingKeys)[number]) {
    const s = d.settings
    switch (key) {
      case 'ExportLimit':
        return { value: String(s.exportLimitW), unit: 'W', precision: 1, range: { min: 0, max: d.spec.ratedW } }
      case 'MinSoc':
        return { value: String(s.minSoc), unit: '%', precision: 1, range: { min: 10, max: 100 } }
      case 'MinSocOnGrid':
        return { value: String(s.minSocOnGrid), unit: '%', precision: 1, range: { min: 10, max: 100 } }
      case 'MaxSoc':
        return { value: String(s.maxSoc), unit: '%', precision: 1, range: { min: 10, max: 100 } }
      case 'GridCode':
        return { value: s.gridCode, unit: '', precision: 1, range: { min: 0, max: 0 } }
    }
  }
}

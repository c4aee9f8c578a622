import {
  ALL_RELAYS_OFF_SINCE_FIRMWARE,
  CABINET_CHANNELS,
  CABINET_SLOTS,
  type CabinetLockReports,
  type CabinetSimFaults,
  type CabinetSimState,
} from '@shared/contract'
import { type Clock, systemClock } from '../../core/clock'
import { lcg32 } from '../../core/seeded-random'
import type { SerialSimulator } from '../../simulators/registry'
import type { SerialLink } from '../../transport/serial/link'
import { ALL_NODES, Data, lockStateData, ModeId } from './catalogue'
import { asciiBytes, type CabinetFrame, encodeFrame, frameCrc } from './codec'
import { CabinetFrameReader } from './reader'

export interface CabinetSimOptions {
  /** the bus node the board answers as */
  node?: number
  /** firmware version: before 5062 "all relays off" is acknowledged and ignored, as the seed warns */
  firmware?: number
  /** amperes each slot's load draws with its relay on */
  loads?: number[]
  /** amperes the fan adds on channel 9 */
  fanLoad?: number
  volts?: number
  /** relays and locks switch one by one ("逐个开"), this far apart */
  switchStepMs?: number
  /**
   * which lock reports the board sends: every opening after "open all" and every close, or only the closes
   * ("关闭全锁,关锁信号上报": the seed promises only those)
   */
  lockReports?: CabinetLockReports
  /** a door is pushed shut this long after its lock opened; null: only when pushed */
  autoCloseDoorsMs?: number | null
  /** how late a late answer comes */
  lateMs?: number
  /** how long a reboot keeps the board silent */
  bootMs?: number
  faults?: Partial<CabinetSimFaults>
  /** noise seed: the same seed plays the same readings and garbage */
  seed?: number
  /** switching, late answers, reboots and energy run on it; the system clock unless told */
  clock?: Clock
}

export const DEFAULT_LOADS = [0.5, 0.52, 0.48, 0.51, 0.49, 0.5, 0.53, 0.47]

const noFaults = (): CabinetSimFaults => ({ dropAnswers: 0, lateAnswers: 0, corruptCrc: 0, garbage: false, stuckLocks: [], deadChannels: [] })

interface Lock {
  open: boolean
  openCount: number
}

/**
 * An 8-slot board on the far end of a serial line. Its raw units are the ones
 * the default profile assumes (mA, 0.1 V, W, 0.01 kWh, 0.1 °C), so the
 * default profile reads it right. Answers go out as `<frame>\r\n`; lock
 * reports (a door pushed shut, and unless told otherwise a lock opened by
 * "open all") as `sync` frames in the single-lock reply's layout — the seed
 * shows no report frame, only that the close "is reported" (关锁信号上报).
 */
export class CabinetSimulator implements SerialSimulator {
  readonly kind = 'serial' as const
  private link: SerialLink | null = null
  private reader = new CabinetFrameReader()
  /** cancels each switching step, late answer and door push still to come */
  private readonly timers = new Set<() => void>()
  private readonly changeListeners = new Set<(state: CabinetSimState) => void>()
  private readonly locks: Lock[] = Array.from({ length: CABINET_SLOTS }, () => ({ open: false, openCount: 0 }))
  private readonly relays: boolean[] = new Array<boolean>(CABINET_SLOTS).fill(false)
  private fan = false
  private faults: CabinetSimFaults
  private firmware: number
  private lockReports: CabinetLockReports
  private energyKwh = 0
  private energyAt: number
  private bootingUntil = 0
  private readonly noise: () => number
  private readonly options: Required<Omit<CabinetSimOptions, 'faults' | 'autoCloseDoorsMs' | 'clock' | 'lockReports'>> & { autoCloseDoorsMs: number | null }
  /** every frame the board received, in order (bounded): what tests check commands against */
  readonly received: CabinetFrame[] = []
  plugged = true
  private readonly clock: Clock

  constructor(options: CabinetSimOptions = {}) {
    this.clock = options.clock ?? systemClock
    this.energyAt = this.clock.now()
    this.options = {
      node: options.node ?? 1,
      firmware: options.firmware ?? ALL_RELAYS_OFF_SINCE_FIRMWARE,
      loads: options.loads ?? DEFAULT_LOADS,
      fanLoad: options.fanLoad ?? 0.08,
      volts: options.volts ?? 230,
      switchStepMs: options.switchStepMs ?? 30,
      autoCloseDoorsMs: options.autoCloseDoorsMs ?? null,
      lateMs: options.lateMs ?? 1500,
      bootMs: options.bootMs ?? 300,
      seed: options.seed ?? 0x5eed,
    }
    this.firmware = this.options.firmware
    this.lockReports = options.lockReports ?? 'opensAndCloses'
    this.noise = lcg32(this.options.seed)
    this.faults = { ...noFaults(), ...options.faults }
  }

  attach(link: SerialLink): () => void {
    this.link = link
    this.reader = new CabinetFrameReader()
    const off = link.onData((chunk) => {
      for (const item of this.reader.push(chunk)) if (item.kind === 'frame') this.handle(item.frame)
    })
    return () => {
      off()
      if (this.link === link) this.link = null
    }
  }

  async dispose(): Promise<void> {
    for (const cancel of this.timers) cancel()
    this.timers.clear()
    this.changeListeners.clear()
    this.link = null
  }

  // ---- what a person (or a test script) does at the cabinet

  /** A door is pushed shut: its lock latches and reports the close. False when the lock is not open. */
  pushDoor(slot: number): boolean {
    const lock = this.locks[slot - 1]
    if (!lock?.open) return false
    lock.open = false
    this.report(slot)
    this.changed()
    return true
  }

  closeAllDoors(): number {
    let closed = 0
    for (let slot = 1; slot <= CABINET_SLOTS; slot++) if (this.pushDoor(slot)) closed++
    return closed
  }

  setFaults(faults: Partial<CabinetSimFaults>): void {
    this.faults = { ...this.faults, ...faults }
    this.changed()
  }

  clearFaults(): void {
    this.faults = noFaults()
    this.changed()
  }

  setFirmware(firmware: number): void {
    this.firmware = firmware
    this.changed()
  }

  setLockReports(lockReports: CabinetLockReports): void {
    this.lockReports = lockReports
    this.changed()
  }

  state(): CabinetSimState {
    return {
      running: true,
      plugged: this.plugged,
      firmware: this.firmware,
      lockReports: this.lockReports,
      locks: this.locks.map((l) => ({ ...l })),
      relays: [...this.relays],
      fan: this.fan,
      faults: { ...this.faults, stuckLocks: [...this.faults.stuckLocks], deadChannels: [...this.faults.deadChannels] },
    }
  }

  onChange(listener: (state: CabinetSimState) => void): () => void {
    this.changeListeners.add(listener)
    return () => this.changeListeners.delete(listener)
  }

  /** The current each channel's measuring circuit sees, in amperes (dead channels read nothing). */
  currentA(channel: number): number {
    if (this.faults.deadChannels.includes(channel)) return 0
    if (channel <= CABINET_SLOTS) return this.relays[channel - 1] ? this.jitter(this.options.loads[channel - 1] ?? 0, 0.005) : 0
    // channel 9 has no relay of its own: the simulated board measures the cabinet's feed there
    return this.totalLoadA()
  }

  // ---- the protocol

  private handle(frame: CabinetFrame): void {
    if (this.received.length >= 5000) this.received.splice(0, 1000)
    this.received.push(frame)
    // another board's node, or a board still rebooting: no answer
    if (frame.node !== this.options.node || this.clock.now() < this.bootingUntil) return
    const { nodeId, modeId, data } = frame
    switch (modeId) {
      case ModeId.lock:
        if (nodeId === ALL_NODES && data === Data.allLocksOpen) {
          this.answer(frame, Data.allLocksAck)
          this.oneByOne((slot) => this.openLock(slot, true))
        } else if (nodeId >= 1 && nodeId <= CABINET_SLOTS && data === Data.lockOpen) {
          this.openLock(nodeId, false)
          const lock = this.locks[nodeId - 1]!
          this.answer(frame, lockStateData({ slot: nodeId, ...lock }))
        }
        return
      case ModeId.relay: {
        if (data !== Data.relayOn && data !== Data.relayOff) return
        const on = data === Data.relayOn
        if (nodeId === ALL_NODES) {
          this.answer(frame, data)
          if (on || this.firmware >= ALL_RELAYS_OFF_SINCE_FIRMWARE) this.oneByOne((relay) => this.setRelay(relay, on))
        } else if (nodeId <= CABINET_SLOTS) {
          this.setRelay(nodeId, on)
          this.answer(frame, data)
        }
        return
      }
      case ModeId.fan:
        if (nodeId !== 1) return
        this.fan = data !== Data.fanOff
        this.answer(frame, data)
        this.changed()
        return
      case ModeId.current:
        if (nodeId >= 1 && nodeId <= CABINET_CHANNELS) this.answer(frame, Math.round(this.currentA(nodeId) * 1000))
        return
      case ModeId.voltage:
        this.answer(frame, Math.round(this.volts() * 10))
        return
      case ModeId.activePower:
        this.answer(frame, Math.round(this.volts() * this.totalLoadA()))
        return
      case ModeId.energy:
        this.accumulate()
        this.answer(frame, Math.floor(this.energyKwh * 100))
        return
      case ModeId.internalTemperature:
        this.answer(frame, Math.round(315 + 5 * this.relays.filter(Boolean).length + this.jitter(0, 2)) >>> 0)
        return
      case ModeId.externalTemperature:
        this.answer(frame, Math.round(240 + this.jitter(0, 2)) >>> 0)
        return
      case ModeId.reboot:
        if (nodeId !== 1) return
        this.answer(frame, data)
        this.accumulate()
        this.relays.fill(false)
        this.fan = false
        this.bootingUntil = this.clock.now() + this.options.bootMs
        this.changed()
        return
      default:
      // a modeid the board does not know: no answer
    }
  }

  private openLock(slot: number, reportIt: boolean): void {
    if (this.faults.stuckLocks.includes(slot)) return
    const lock = this.locks[slot - 1]!
    lock.open = true
    lock.openCount = (lock.openCount + 1) & 0xffff
    if (reportIt && this.lockReports === 'opensAndCloses') this.report(slot)
    this.changed()
    const after = this.options.autoCloseDoorsMs
    if (after !== null) this.later(after, () => this.pushDoor(slot))
  }

  private setRelay(relay: number, on: boolean): void {
    this.accumulate()
    this.relays[relay - 1] = on
    this.changed()
  }

  private oneByOne(action: (n: number) => void): void {
    for (let n = 1; n <= CABINET_SLOTS; n++) this.later(this.options.switchStepMs * n, () => action(n))
  }

  private report(slot: number): void {
    const lock = this.locks[slot - 1]!
    this.send({ type: 'sync', node: this.options.node, nodeId: slot, modeId: ModeId.lock, data: lockStateData({ slot, ...lock }) }, false)
  }

  private answer(request: CabinetFrame, data: number): void {
    this.send({ type: request.type, node: this.options.node, nodeId: request.nodeId, modeId: request.modeId, data: data >>> 0 }, true)
  }

  private send(frame: CabinetFrame, isAnswer: boolean): void {
    let crc = frameCrc(frame)
    if (isAnswer) {
      if (this.faults.dropAnswers > 0) {
        this.faults.dropAnswers--
        this.changed()
        return
      }
      if (this.faults.corruptCrc > 0) {
        this.faults.corruptCrc--
        crc ^= 0x5a
        this.changed()
      }
      if (this.faults.lateAnswers > 0) {
        this.faults.lateAnswers--
        this.changed()
        const text = encodeFrame(frame, crc)
        this.later(this.options.lateMs, () => this.write(text))
        return
      }
    }
    this.write(encodeFrame(frame, crc))
  }

  private write(text: string): void {
    const link = this.link
    if (!link?.isOpen) return
    const bytes = asciiBytes(`${text}\r\n`)
    if (!this.faults.garbage) {
      void link.write(bytes).catch(() => undefined)
      return
    }
    // noise before the frame, and the frame split in two writes
    const cut = 5 + (this.nextRandom() % 15)
    void link.write(new Uint8Array([...this.garbageBytes(), ...bytes.subarray(0, cut)])).catch(() => undefined)
    void link.write(bytes.subarray(cut)).catch(() => undefined)
  }

  private garbageBytes(): number[] {
    const n = 1 + (this.nextRandom() % 12)
    // no c/s/C/S: random noise that happens to spell a frame start is not what this fault is about
    return Array.from({ length: n }, () => {
      const b = this.nextRandom() & 0xff
      return b === 0x63 || b === 0x73 || b === 0x43 || b === 0x53 ? 0x7e : b
    })
  }

  private totalLoadA(): number {
    let sum = this.fan ? this.options.fanLoad : 0
    for (let i = 0; i < CABINET_SLOTS; i++) if (this.relays[i]) sum += this.options.loads[i] ?? 0
    return sum
  }

  private volts(): number {
    return this.options.volts + this.jitter(0, 0.3)
  }

  private accumulate(): void {
    const now = this.clock.now()
    this.energyKwh += (this.options.volts * this.totalLoadA() * (now - this.energyAt)) / 3_600_000_000
    this.energyAt = now
  }

  private jitter(base: number, spread: number): number {
    const r = (this.nextRandom() % 2001) / 1000 - 1
    return base === 0 ? r * spread : base * (1 + r * spread)
  }

  private nextRandom(): number {
    return this.noise() >>> 8
  }

  private later(ms: number, action: () => void): void {
    const cancel = this.clock.timer(ms, () => {
      this.timers.delete(cancel)
      action()
    })
    this.timers.add(cancel)
  }

  private changed(): void {
    if (!this.changeListeners.size) return
    const state = this.state()
    for (const listener of this.changeListeners) listener(state)
  }
}

/**
 * A UPS on the far end of a serial line, answering as the shipped protocol
 * file and its framing say: each request's command gets the reply that holds
 * the command's values, as the plant (`sim-plant.ts`) has them now. Line
 * faults spoil the answers the way a bad cable or a wrong adapter does.
 */
import { type UpsLineFault, type UpsScenario, type UpsSimState } from '@shared/contract'
import { type FramingProfile, hexBytes, unitsPerByte } from '@shared/devices/ups/framing'
import type { UpsProtocol, UpsValue } from '@shared/devices/ups/protocol'
import { valuesOf } from '@shared/devices/ups/readings'
import { dataUnits, expectedUnits, replyBytes, writeRaw } from '@shared/devices/ups/wire'
import { type Clock, systemClock } from '../../core/clock'
import { lcg32 } from '../../core/seeded-random'
import type { SerialSimulator } from '../../simulators/registry'
import type { SerialLink } from '../../transport/serial/link'
import { defaultFraming } from './framing'
import { UpsPlant, type UpsPlantOptions } from './sim-plant'
import { shippedProtocol } from './shipped'

export interface UpsSimOptions extends UpsPlantOptions {
  scenario?: UpsScenario
  lineFault?: UpsLineFault
  protocol?: UpsProtocol
  framing?: FramingProfile
  clock?: Clock
}

/** Cuts requests (prefix, command, checksum, suffix) out of what the app writes. */
class RequestReader {
  private buffer: number[] = []
  private readonly prefix: Uint8Array
  private readonly suffix: Uint8Array
  private readonly size: number

  constructor(private readonly framing: FramingProfile) {
    this.prefix = hexBytes(framing.request.prefix)
    this.suffix = hexBytes(framing.request.suffix)
    const per = framing.request.command === 'ascii-hex' ? 2 : 1
    const sum = { none: 0, sum8: 1, xor8: 1, 'crc16-modbus': 2 }[framing.request.checksum]
    this.size = this.prefix.length + per * (1 + sum) + this.suffix.length
  }

  push(chunk: Uint8Array): number[] {
    this.buffer.push(...chunk)
    const commands: number[] = []
    while (this.buffer.length >= this.size) {
      if (!this.prefix.every((b, i) => this.buffer[i] === b) || !this.suffix.every((b, i) => this.buffer[this.size - this.suffix.length + i] === b)) {
        this.buffer.shift()
        continue
      }
      const body = this.buffer.slice(this.prefix.length, this.prefix.length + (this.framing.request.command === 'ascii-hex' ? 2 : 1))
      this.buffer.splice(0, this.size)
      const command = this.framing.request.command === 'ascii-hex' ? parseInt(String.fromCharCode(...body), 16) : body[0]!
      if (Number.isInteger(command)) commands.push(command)
    }
    return commands
  }
}

export class UpsSimulator implements SerialSimulator {
  readonly kind = 'serial' as const
  readonly plant: UpsPlant
  plugged = true
  private link: SerialLink | null = null
  private lineFault: UpsLineFault
  private readonly protocol: UpsProtocol
  private readonly framing: FramingProfile
  private readonly noise: () => number
  private readonly listeners = new Set<(state: UpsSimState) => void>()
  /** requests answered, by command: what tests check the poll against */
  readonly answered = new Map<number, number>()

  private readonly clock: Clock

  constructor(options: UpsSimOptions = {}) {
    const clock = options.clock ?? systemClock
    this.clock = clock
    this.framing = options.framing ?? defaultFraming
    this.protocol = options.protocol ?? shippedProtocol(this.framing)
    this.plant = new UpsPlant(clock, options)
    this.plant.setScenario(options.scenario ?? 'normal')
    this.lineFault = options.lineFault ?? 'none'
    this.noise = lcg32(options.seed ?? 0x0b5)
  }

  attach(link: SerialLink): () => void {
    this.link = link
    const reader = new RequestReader(this.framing)
    const off = link.onData((chunk) => {
      for (const command of reader.push(chunk)) this.answer(command)
    })
    return () => {
      off()
      if (this.link === link) this.link = null
    }
  }

  async dispose(): Promise<void> {
    this.listeners.clear()
    this.link = null
  }

  setScenario(scenario: UpsScenario): void {
    this.plant.setScenario(scenario)
    this.cached = null
    this.changed()
  }

  /** The mains breaker ahead of the UPS, switched by hand (the demo panel, a test), apart from the scenario. */
  setMains(on: boolean): void {
    this.plant.setMains(on)
    this.cached = null
    this.changed()
  }

  setLineFault(fault: UpsLineFault): void {
    this.lineFault = fault
    this.changed()
  }

  state(): UpsSimState {
    const stage = this.plant.stage()
    return {
      running: true,
      plugged: this.plugged,
      mains: this.plant.mainsSwitchedOn,
      scenario: this.plant.scenario,
      lineFault: this.lineFault,
      stage,
      capacity: Math.round(this.plant.capacity * 10) / 10,
      load: this.plant.load,
    }
  }

  onChange(listener: (state: UpsSimState) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** The data a command's reply carries now, as data units (hex digits or bytes). */
  replyUnits(command: number): Uint8Array | null {
    let values = this.placed.get(command)
    if (!values) this.placed.set(command, (values = valuesOf(this.protocol, command)))
    if (!values.length) return null
    const per = unitsPerByte(this.framing)
    const units = expectedUnits(this.framing, command) ?? Math.max(...values.map((v) => v.index! + v.len!))
    const data = new Uint8Array(Math.ceil(units / per))
    const raw = this.rawNow()
    for (const v of values) writeRaw(v, data, raw.get(v.n) ?? 0, this.framing)
    return dataUnits(this.framing, data).subarray(0, units)
  }

  /** the plant's values at this instant: the three replies of one poll read one state */
  private rawNow(): Map<number, number> {
    const now = this.clock.now()
    if (this.cached?.at !== now) this.cached = { at: now, raw: this.plant.raw() }
    return this.cached.raw
  }

  private cached: { at: number; raw: Map<number, number> } | null = null
  /** each command's values, found once */
  private readonly placed = new Map<number, UpsValue[]>()

  private answer(command: number): void {
    const link = this.link
    const units = this.replyUnits(command)
    // a command the file does not know: a real UPS stays silent, and so does this one
    if (!link || !units || this.lineFault === 'noAnswer') return
    this.answered.set(command, (this.answered.get(command) ?? 0) + 1)
    const stage = this.plant.stage()
    let bytes: Uint8Array
    switch (this.lineFault) {
      case 'shortAnswer': {
        const whole = replyBytes(this.framing, units)
        bytes = whole.subarray(0, Math.floor(whole.length / 2))
        break
      }
      case 'garbage':
        bytes = Uint8Array.from({ length: 24 }, () => 0x20 + (this.noise() % 0x5e)).map((b) => (hexBytes(this.framing.reply.prefix).includes(b) ? 0x3f : b))
        break
      case 'wrongLength':
        bytes = replyBytes(this.framing, Uint8Array.from([...units, ...dataUnits(this.framing, Uint8Array.of(0, 0))]))
        break
      default:
        bytes = replyBytes(this.framing, units)
    }
    link.write(bytes).catch(() => undefined)
    // the stage moves with the clock (the battery runs down): the panel hears of it as polls come in
    if (this.lastStage !== stage) {
      this.lastStage = stage
      this.changed()
    }
  }

  private lastStage: UpsSimState['stage'] | null = null

  private changed(): void {
    const state = this.state()
    this.lastStage = state.stage
    for (const listener of this.listeners) listener(state)
  }
}

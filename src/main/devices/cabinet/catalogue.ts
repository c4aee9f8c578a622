/**
 * The command catalogue: each command of the seed as a frame, and what each
 * frame means in either direction. Pure.
 */
import {
  CABINET_CHANNELS,
  CABINET_SLOTS,
  type CabinetCommand,
  cabinetKey,
  type CabinetQuantity,
  type CabinetScale,
  type FrameMeaning,
  type FrameType,
} from '@shared/contract'
import { hexField } from '@shared/hex'
import type { CabinetFrame } from './codec'

export const ModeId = {
  reboot: 0x0000,
  lock: 0x1011,
  relay: 0x1031,
  fan: 0x1032,
  current: 0x1033,
  voltage: 0x1034,
  activePower: 0x1035,
  energy: 0x1036,
  internalTemperature: 0x1037,
  externalTemperature: 0x1038,
} as const

/** nodeid 00: every lock or relay at once */
export const ALL_NODES = 0x00

export const Data = {
  /**
   * "单控开锁": the request byte is 0x11 for every slot 1–8 (the slot is the
   * nodeid), although the reply's first byte is documented as slot|state:
   * the request is sent as the seed shows it, and the reply is read from its
   * nodeid and low nibble (see `decodeLockState`).
   */
  lockOpen: 0x11000000,
  allLocksOpen: 0xff000000,
  /** "开全部锁" answers 0000FFFF, not an echo: an acknowledgement, the locks then open one by one */
  allLocksAck: 0x0000ffff,
  relayOn: 0xff000000,
  relayOff: 0x00000000,
  fanOn: 0x11000000,
  /** the seed shows only "开风扇" (0x11); off is 0, as for the relays — a board that took 0 as a query changes nothing */
  fanOff: 0x00000000,
  query: 0x00000000,
} as const

const READS = {
  readVoltage: { modeId: ModeId.voltage, quantity: 'voltage' },
  readActivePower: { modeId: ModeId.activePower, quantity: 'activePower' },
  readEnergy: { modeId: ModeId.energy, quantity: 'energy' },
  readInternalTemperature: { modeId: ModeId.internalTemperature, quantity: 'temperature' },
  readExternalTemperature: { modeId: ModeId.externalTemperature, quantity: 'temperature' },
} as const satisfies Record<string, { modeId: number; quantity: CabinetQuantity }>

/**
 * The frame that carries a command. Single-unit commands without a slot go to
 * nodeid 01, as in the seed. The seed's headings are shorter than their
 * lists ("开继电器1/2" over relays 1–4, "查询1\2\3路电流" over channels 1–9):
 * relays are taken as 1–8, one per slot (the charger keys 21–28), and
 * current channels as 1–9, as listed.
 */
export function commandFrame(command: CabinetCommand, options: { type?: FrameType; node?: number } = {}): CabinetFrame {
  const base = { type: options.type ?? 'comm', node: options.node ?? 1 }
  switch (command.kind) {
    case 'openAllLocks':
      return { ...base, nodeId: ALL_NODES, modeId: ModeId.lock, data: Data.allLocksOpen }
    case 'openLock':
      return { ...base, nodeId: inRange(command.slot, CABINET_SLOTS), modeId: ModeId.lock, data: Data.lockOpen }
    case 'allRelays':
      return { ...base, nodeId: ALL_NODES, modeId: ModeId.relay, data: command.on ? Data.relayOn : Data.relayOff }
    case 'relay':
      return { ...base, nodeId: inRange(command.relay, CABINET_SLOTS), modeId: ModeId.relay, data: command.on ? Data.relayOn : Data.relayOff }
    case 'fan':
      return { ...base, nodeId: 1, modeId: ModeId.fan, data: command.on ? Data.fanOn : Data.fanOff }
    case 'readCurrent':
      return { ...base, nodeId: inRange(command.channel, CABINET_CHANNELS), modeId: ModeId.current, data: Data.query }
    case 'reboot':
      return { ...base, nodeId: 1, modeId: ModeId.reboot, data: Data.query }
    default:
      return { ...base, nodeId: 1, modeId: READS[command.kind].modeId, data: Data.query }
  }
}

function inRange(n: number, max: number): number {
  if (!Number.isInteger(n) || n < 1 || n > max) throw new RangeError(`expected 1–${max}, got ${n}`)
  return n
}

/** Requests and answers pair up by nodeid and modeid. */
export function answerKey(frame: Pick<CabinetFrame, 'nodeId' | 'modeId'>): number {
  return (frame.nodeId << 16) | frame.modeId
}

/** The command a frame carries, when it is one of the catalogue's (a raw frame may be anything). */
export function commandOf(frame: CabinetFrame): CabinetCommand | null {
  const { nodeId, modeId, data } = frame
  const slot = nodeId >= 1 && nodeId <= CABINET_SLOTS
  switch (modeId) {
    case ModeId.lock:
      if (nodeId === ALL_NODES && data === Data.allLocksOpen) return { kind: 'openAllLocks' }
      if (slot && data === Data.lockOpen) return { kind: 'openLock', slot: nodeId }
      return null
    case ModeId.relay:
      if (data !== Data.relayOn && data !== Data.relayOff) return null
      if (nodeId === ALL_NODES) return { kind: 'allRelays', on: data === Data.relayOn }
      return slot ? { kind: 'relay', relay: nodeId, on: data === Data.relayOn } : null
    case ModeId.fan:
      return nodeId === 1 && (data === Data.fanOn || data === Data.fanOff) ? { kind: 'fan', on: data === Data.fanOn } : null
    case ModeId.current:
      return nodeId >= 1 && nodeId <= CABINET_CHANNELS && data === Data.query ? { kind: 'readCurrent', channel: nodeId } : null
    case ModeId.reboot:
      return nodeId === 1 && data === Data.query ? { kind: 'reboot' } : null
    default: {
      const read = Object.entries(READS).find(([, r]) => r.modeId === modeId)
      return read && nodeId === 1 && data === Data.query ? ({ kind: read[0] } as CabinetCommand) : null
    }
  }
}

export interface LockState {
  slot: number
  open: boolean
  /** the reply's high nibble, documented as the slot; kept as the board sent it */
  reportedSlot: number
  /** "2B(总次数)": how many times this lock has been opened */
  openCount: number
}

/** A lock frame from the board: the single-lock reply, and the reports of a lock opening or a door closing. */
export function isLockState(frame: CabinetFrame): boolean {
  return frame.modeId === ModeId.lock && frame.nodeId >= 1 && frame.nodeId <= CABINET_SLOTS
}

/**
 * "回复1B(当前锁槽位|开关状态)2B(总次数)1B(0)": slot in the high nibble, state
 * in the low one (1 open, 0 closed), then the open count. The slot is taken
 * from the nodeid, which is what the request addressed: the seed's only
 * reply (slot 1, 0x11) cannot tell whether a board puts the slot or the
 * request's fixed 0x11 there, and either way the nodeid is right.
 */
export function decodeLockState(frame: CabinetFrame): LockState {
  const first = frame.data >>> 24
  return { slot: frame.nodeId, open: (first & 0x0f) !== 0, reportedSlot: first >>> 4, openCount: (frame.data >>> 8) & 0xffff }
}

export function lockStateData(state: { slot: number; open: boolean; openCount: number }): number {
  return ((((state.slot & 0x0f) << 4) | (state.open ? 1 : 0)) * 0x1000000 + ((state.openCount & 0xffff) << 8)) >>> 0
}

/** Raw reading of a measuring answer: unsigned, or two's complement for a signed scale. */
export function rawValue(frame: CabinetFrame, signed: boolean): number {
  return signed ? frame.data | 0 : frame.data >>> 0
}

export function scaled(raw: number, scale: CabinetScale): number {
  return Number((raw * scale.factor).toPrecision(12))
}

/** The quantity an answer measures, if it is a measuring answer. */
export function quantityOf(frame: CabinetFrame): { quantity: CabinetQuantity; kind: string; channel?: number } | null {
  switch (frame.modeId) {
    case ModeId.current:
      return frame.nodeId >= 1 && frame.nodeId <= CABINET_CHANNELS ? { quantity: 'current', kind: 'current', channel: frame.nodeId } : null
    case ModeId.voltage:
      return { quantity: 'voltage', kind: 'voltage' }
    case ModeId.activePower:
      return { quantity: 'activePower', kind: 'activePower' }
    case ModeId.energy:
      return { quantity: 'energy', kind: 'energy' }
    case ModeId.internalTemperature:
      return { quantity: 'temperature', kind: 'internalTemperature' }
    case ModeId.externalTemperature:
      return { quantity: 'temperature', kind: 'externalTemperature' }
    default:
      return null
  }
}


/** What a frame the app sends means. */
export function describeRequest(frame: CabinetFrame): FrameMeaning {
  const command = commandOf(frame)
  if (!command) return unknown(frame)
  const { kind, ...params } = command
  return { kind, params }
}

/**
 * What a frame from the board means: the answer to the command with the same
 * nodeid and modeid, or a report. Measuring answers carry the raw value and,
 * with a scaling profile, the value in its unit.
 */
export function describeAnswer(frame: CabinetFrame, scaling?: Record<CabinetQuantity, CabinetScale>): FrameMeaning {
  const { nodeId, modeId, data } = frame
  if (isLockState(frame)) {
    const lock = decodeLockState(frame)
    return { kind: 'lockState', params: { slot: lock.slot, open: lock.open, openCount: lock.openCount, key: cabinetKey('lock', lock.slot), keyValue: lock.open ? 1 : 0 } }
  }
  if (modeId === ModeId.lock && nodeId === ALL_NODES) return { kind: 'allLocksAck', params: { data: hexField(data, 8) } }
  if (modeId === ModeId.relay && (data === Data.relayOn || data === Data.relayOff)) {
    const on = data === Data.relayOn
    if (nodeId === ALL_NODES) return { kind: 'allRelaysAck', params: { on } }
    if (nodeId <= CABINET_SLOTS) return { kind: 'relayAck', params: { relay: nodeId, on, key: cabinetKey('charger', nodeId), keyValue: on ? 1 : 0 } }
  }
  if (modeId === ModeId.fan && nodeId === 1) return { kind: 'fanAck', params: { on: data !== Data.fanOff } }
  if (modeId === ModeId.reboot && nodeId === 1) return { kind: 'rebootAck', params: {} }
  const measured = quantityOf(frame)
  if (measured) {
    const scale = scaling?.[measured.quantity]
    const raw = rawValue(frame, scale?.signed ?? false)
    const params: FrameMeaning['params'] = measured.channel !== undefined ? { channel: measured.channel, raw } : { raw }
    if (scale) Object.assign(params, { value: scaled(raw, scale), unit: scale.unit })
    return { kind: measured.kind, params }
  }
  return unknown(frame)
}

function unknown(frame: CabinetFrame): FrameMeaning {
  return {
    kind: 'unknown',
    params: { nodeId: hexField(frame.nodeId, 2), modeId: hexField(frame.modeId, 4), data: hexField(frame.data, 8) },
  }
}

/**
 * The gateway's key-table state a frame from the board sets, where the seed
 * ties one to a frame: lock 11–18 from lock states, charger 21–28 from relay
 * answers. Battery % (31–38) is sync-only and the seed gives it no frame.
 */
export function keyStateOf(frame: CabinetFrame): { key: number; value: number } | null {
  if (isLockState(frame)) {
    const lock = decodeLockState(frame)
    return { key: cabinetKey('lock', lock.slot), value: lock.open ? 1 : 0 }
  }
  if (frame.modeId === ModeId.relay && frame.nodeId >= 1 && frame.nodeId <= CABINET_SLOTS && (frame.data === Data.relayOn || frame.data === Data.relayOff)) {
    return { key: cabinetKey('charger', frame.nodeId), value: frame.data === Data.relayOn ? 1 : 0 }
  }
  return null
}

/**
 * The cabinet board's frame, both directions alike ("收发数据规则一致"):
 *
 *   comm,01,011036000000007E
 *   type,node,<nodeid 1 B><modeid 2 B><data 4 B, big-endian><CRC-8 1 B>
 *
 * in ASCII, the eight bytes as hex. The CRC is CRC-8/MAXIM (poly 0x31
 * reflected, init 0, no final xor) over nodeid, modeid and data; it matches
 * every frame in the seed. The seed's legend writes the data as "[0000000]",
 * seven digits: every frame has eight (4 bytes), and so does this codec.
 * Pure: no I/O.
 */
import type { FrameType } from '@shared/contract'
import { hexField } from '@shared/hex'

export interface CabinetFrame {
  type: FrameType
  /** the bus node after the type ("节点号"); the seed only shows 01 and it is read as hex like the rest */
  node: number
  /** 0 addresses all slots or relays; 1–8 a slot, 1–9 a current channel */
  nodeId: number
  modeId: number
  /** the 4 data bytes as one unsigned big-endian number */
  data: number
}

/** `comm,01,` + 16 hex digits */
export const FRAME_TEXT_LENGTH = 24

const CRC_TABLE = (() => {
  const table = new Uint8Array(256)
  for (let i = 0; i < 256; i++) {
    let c = i
    for (let b = 0; b < 8; b++) c = c & 1 ? (c >>> 1) ^ 0x8c : c >>> 1
    table[i] = c
  }
  return table
})()

/** CRC-8/MAXIM (Dallas 1-Wire): poly 0x31 reflected (0x8C), init 0, xorout 0. */
export function crc8Maxim(bytes: ArrayLike<number>, start = 0, end = bytes.length): number {
  let crc = 0
  for (let i = start; i < end; i++) crc = CRC_TABLE[(crc ^ bytes[i]!) & 0xff]!
  return crc
}

/** nodeid, modeid and data: the seven bytes the CRC covers. */
export function payloadBytes(frame: Pick<CabinetFrame, 'nodeId' | 'modeId' | 'data'>): Uint8Array {
  const out = new Uint8Array(7)
  out[0] = frame.nodeId & 0xff
  out[1] = (frame.modeId >>> 8) & 0xff
  out[2] = frame.modeId & 0xff
  out[3] = (frame.data >>> 24) & 0xff
  out[4] = (frame.data >>> 16) & 0xff
  out[5] = (frame.data >>> 8) & 0xff
  out[6] = frame.data & 0xff
  return out
}

export function frameCrc(frame: Pick<CabinetFrame, 'nodeId' | 'modeId' | 'data'>): number {
  return crc8Maxim(payloadBytes(frame))
}


/**
 * The frame as it goes on the wire. The seed mixes cases (`…000000f9` and
 * `…000000F9` for the same frame; the board reads both); upper case is what
 * most of its frames use. `crc` overrides the computed one (fault injection).
 */
export function encodeFrame(frame: CabinetFrame, crc = frameCrc(frame)): string {
  return `${frame.type},${hexField(frame.node, 2)},${hexField(frame.nodeId, 2)}${hexField(frame.modeId, 4)}${hexField(frame.data, 8)}${hexField(crc, 2)}`
}

export function encodeFrameBytes(frame: CabinetFrame, crc?: number): Uint8Array {
  return asciiBytes(encodeFrame(frame, crc))
}

export function asciiBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff
  return out
}

export type FrameDecode =
  | { ok: true; frame: CabinetFrame }
  | { ok: false; reason: 'format' }
  | { ok: false; reason: 'crc'; frame: CabinetFrame; expected: number; got: number }

const FRAME_RE = /^(comm|sync),([0-9a-f]{2}),([0-9a-f]{2})([0-9a-f]{4})([0-9a-f]{8})([0-9a-f]{2})$/i

/** One complete frame's text (upper- or lower-case hex). */
export function decodeFrame(text: string): FrameDecode {
  const m = FRAME_RE.exec(text)
  if (!m) return { ok: false, reason: 'format' }
  const frame: CabinetFrame = {
    type: m[1]!.toLowerCase() as FrameType,
    node: parseInt(m[2]!, 16),
    nodeId: parseInt(m[3]!, 16),
    modeId: parseInt(m[4]!, 16),
    data: parseInt(m[5]!, 16) >>> 0,
  }
  const got = parseInt(m[6]!, 16)
  const expected = frameCrc(frame)
  if (got !== expected) return { ok: false, reason: 'crc', frame, expected, got }
  return { ok: true, frame }
}

export type FrameInput = { ok: true; frame: CabinetFrame } | { ok: false; reason: 'format' | 'crc'; expected?: string }

/**
 * A frame a person typed: `comm,01,01103300000000`, `01103300000000` (type
 * comm, node 01), or either with its CRC. Without a CRC one is added; with
 * one, it must be right — a wrong CRC is refused, not sent.
 */
export function parseFrameInput(input: string, defaults: { type: FrameType; node: number } = { type: 'comm', node: 1 }): FrameInput {
  const text = input.trim().replace(/\s+/g, '')
  const m = /^(?:(comm|sync),([0-9a-f]{2}),)?([0-9a-f]{14})([0-9a-f]{2})?$/i.exec(text)
  if (!m) return { ok: false, reason: 'format' }
  const body = m[3]!
  const frame: CabinetFrame = {
    type: (m[1]?.toLowerCase() as FrameType | undefined) ?? defaults.type,
    node: m[2] ? parseInt(m[2], 16) : defaults.node,
    nodeId: parseInt(body.slice(0, 2), 16),
    modeId: parseInt(body.slice(2, 6), 16),
    data: parseInt(body.slice(6, 14), 16) >>> 0,
  }
  if (m[4] !== undefined && parseInt(m[4], 16) !== frameCrc(frame)) return { ok: false, reason: 'crc', expected: hexField(frameCrc(frame), 2) }
  return { ok: true, frame }
}

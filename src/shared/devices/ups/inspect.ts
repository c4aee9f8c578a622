/**
 * The answer inspector: a captured reply's bytes with the protocol file's
 * fields laid over them, so an integrator can see which bytes each value
 * reads, where two values read the same bytes, which bytes no value reads,
 * and which bytes change between two replies (pull mains for a moment, and
 * the bytes that move are the mains values).
 *
 * Index and Len count units of the reply's data, and one unit is one byte on
 * the wire in both data encodings (an ASCII hex digit is one character), so a
 * field's units are the frame's bytes from the end of the reply prefix on.
 */
import type { DataEncoding, ByteOrder } from './framing'
import type { UpsValue } from './protocol'

/** One reply as captured: what was sent, and every byte that came back. Pasted, loaded or read from a port alike. */
export interface CapturedReply {
  /** the SendCmd byte the reply answers */
  command: number
  bytes: Uint8Array
  /** how the person tells captures apart ("before", "mains off", a time) */
  label: string
}

export interface FrameShape {
  /** length of the reply prefix in bytes */
  prefixLength: number
  /** the reply's terminator bytes; a frame ending with them has them outside its data */
  terminator: Uint8Array
  data: DataEncoding
  byteOrder: ByteOrder
}

export type ByteRole = 'prefix' | 'data' | 'terminator'

export interface ByteCell {
  at: number
  byte: number
  role: ByteRole
  /** N of every value that reads this byte */
  fields: number[]
  /** two values read it that do not merely share a status word */
  overlap: boolean
}

export interface FieldSpan {
  n: number
  /** frame offsets, end exclusive */
  start: number
  end: number
  bits?: { start: number; end: number }
  /** N of the values it overlaps, the first OVERLAPS_LISTED of them */
  overlaps: number[]
  /** part of the field lies past the reply's data */
  pastEnd: boolean
  /** the raw count it reads (status bits shifted and masked), when its bytes are all there and readable */
  raw?: number
}

export interface Overlay {
  command: number
  cells: ByteCell[]
  fields: FieldSpan[]
  /** data bytes no value reads, as [start, end) runs */
  unread: [number, number][]
}

/** how many overlapping values a field lists */
export const OVERLAPS_LISTED = 8

const HEX_INPUT = /^[\s0-9a-fA-F]*$/

export type HexInputProblem = { problem: 'empty' } | { problem: 'notHex'; at: number; character: string } | { problem: 'oddDigits'; digits: number }

/** Bytes of a pasted hex dump ("7E 30 31", "7e3031", with line breaks); `0x` prefixes and commas are allowed. */
export function parseHexDump(text: string): { ok: true; bytes: Uint8Array } | ({ ok: false } & HexInputProblem) {
  const cleaned = text.replace(/0x/gi, '  ').replace(/,/g, ' ')
  if (!HEX_INPUT.test(cleaned)) {
    const at = [...cleaned].findIndex((c) => !/[\s0-9a-fA-F]/.test(c))
    return { ok: false, problem: 'notHex', at, character: text[at] ?? '' }
  }
  const digits = cleaned.replace(/\s+/g, '')
  if (!digits) return { ok: false, problem: 'empty' }
  if (digits.length % 2) return { ok: false, problem: 'oddDigits', digits: digits.length }
  const bytes = new Uint8Array(digits.length / 2)
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(digits.slice(i * 2, i * 2 + 2), 16)
  return { ok: true, bytes }
}

/** Where the data of a frame ends: before the terminator when the frame ends with it. */
function dataEnd(bytes: Uint8Array, shape: FrameShape): number {
  const t = shape.terminator
  if (t.length && bytes.length >= shape.prefixLength + t.length && t.every((b, i) => bytes[bytes.length - t.length + i] === b)) return bytes.length - t.length
  return bytes.length
}

/** Two status bits of one word may share its bytes; anything else that shares a byte overlaps. */
function sharesWord(a: UpsValue, b: UpsValue): boolean {
  return !!a.bits && !!b.bits && a.index === b.index && a.len === b.len && (a.bits.end < b.bits.start || b.bits.end < a.bits.start)
}

/** Lays the values of `reply.command` over the reply's bytes. Values with no usable Index or Len are left out. */
export function overlay(values: UpsValue[], reply: Pick<CapturedReply, 'command' | 'bytes'>, shape: FrameShape): Overlay {
  const { bytes } = reply
  const end = dataEnd(bytes, shape)
  const cells: ByteCell[] = Array.from(bytes, (byte, at) => ({
    at,
    byte,
    role: at < shape.prefixLength ? 'prefix' : at >= end ? 'terminator' : 'data',
    fields: [],
    overlap: false,
  }))
  const placed = values.filter((v) => v.command === reply.command && v.index !== undefined && v.len !== undefined && v.len > 0)
  const byN = new Map(placed.map((v) => [v.n, v]))
  const fields: FieldSpan[] = placed.map((v) => {
    const start = shape.prefixLength + v.index!
    const stop = start + v.len!
    for (let at = start; at < Math.min(stop, end); at++) cells[at]!.fields.push(v.n)
    return { n: v.n, start, end: stop, bits: v.bits, overlaps: [], pastEnd: stop > end, raw: stop <= end ? readRaw(bytes.subarray(start, stop), v, shape) : undefined }
  })
  const spans = new Map(fields.map((f) => [f.n, f]))
  for (const cell of cells) {
    const here = cell.fields.map((n) => byN.get(n)!)
    if (here.length < 2) continue
    cell.overlap = here.some((a, i) => here.some((b, j) => j > i && !sharesWord(a, b)))
    if (!cell.overlap) continue
    // a placeholder puts thousands of values on one byte: each lists its first few, so the work stays linear
    for (const a of here) {
      const list = spans.get(a.n)!.overlaps
      for (let j = 0; j < here.length && list.length < OVERLAPS_LISTED; j++) {
        const b = here[j]!
        if (b !== a && !sharesWord(a, b) && !list.includes(b.n)) list.push(b.n)
      }
    }
  }
  const unread: [number, number][] = []
  for (const cell of cells) {
    if (cell.role !== 'data' || cell.fields.length) continue
    const last = unread[unread.length - 1]
    if (last && last[1] === cell.at) last[1] = cell.at + 1
    else unread.push([cell.at, cell.at + 1])
  }
  return { command: reply.command, cells, fields, unread }
}

/** The count a field's units hold: hex digits as text, or raw bytes, in the profile's byte order; a status bit's range shifted down. */
export function readRaw(units: Uint8Array, value: Pick<UpsValue, 'bits'>, shape: Pick<FrameShape, 'data' | 'byteOrder'>): number | undefined {
  let bytes: number[]
  if (shape.data === 'ascii-hex') {
    const text = String.fromCharCode(...units)
    if (!/^(?:[0-9a-fA-F]{2})+$/.test(text)) return undefined
    bytes = Array.from({ length: text.length / 2 }, (_, i) => parseInt(text.slice(i * 2, i * 2 + 2), 16))
  } else bytes = [...units]
  if (bytes.length > 6) return undefined
  if (shape.byteOrder === 'little') bytes.reverse()
  let raw = bytes.reduce((acc, b) => acc * 256 + b, 0)
  if (value.bits) {
    const width = value.bits.end - value.bits.start + 1
    if (width <= 0 || value.bits.end >= bytes.length * 8) return undefined
    raw = Math.floor(raw / 2 ** value.bits.start) % 2 ** width
  }
  return raw
}

/** Offsets where two captures differ; a byte only one of them has counts as changed. */
export function changedBytes(a: Uint8Array, b: Uint8Array): number[] {
  const out: number[] = []
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) out.push(i)
  return out
}

/** N of the fields whose bytes include a changed one, in the overlay's order. */
export function changedFields(view: Overlay, changed: number[]): number[] {
  const set = new Set(changed)
  return view.fields.filter((f) => {
    for (let at = f.start; at < f.end; at++) if (set.has(at)) return true
    return false
  }).map((f) => f.n)
}

/** The command bytes a set of values reads from, in order: the choices for a pasted reply. */
export function commandsOf(values: UpsValue[]): number[] {
  return [...new Set(values.flatMap((v) => (v.command === undefined ? [] : [v.command])))].sort((a, b) => a - b)
}

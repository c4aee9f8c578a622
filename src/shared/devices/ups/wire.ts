/**
 * The UPS on the wire, as the framing profile describes it: a request built
 * from a SendCmd byte, replies cut out of the byte stream, and each value of
 * the protocol file read out of a reply's data. Pure, so the simulator, the
 * monitor and the answer inspector read a reply the same way.
 *
 * A checksum, when the profile names one, covers the command byte or the
 * bytes the reply's data carries (decoded from ASCII hex), and follows them in
 * the same encoding: two ASCII hex digits a byte when the part it follows is
 * ASCII hex, raw bytes otherwise.
 */
import { type Checksum, type FramingProfile, hexBytes, unitsPerByte } from './framing'
import { FieldTypes, type FieldType, type UpsValue } from './protocol'

const HEX_DIGITS = '0123456789ABCDEF'

/** a reply longer than this without its end is not a reply: the reader drops it as junk */
export const MAX_REPLY_BYTES = 4096

export const commandKey = (command: number): string => command.toString(16).toUpperCase().padStart(2, '0')

function asciiHex(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length * 2)
  bytes.forEach((b, i) => {
    out[i * 2] = HEX_DIGITS.charCodeAt(b >> 4)
    out[i * 2 + 1] = HEX_DIGITS.charCodeAt(b & 15)
  })
  return out
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

/** The checksum's bytes over `bytes` (CRC-16/MODBUS low byte first, as Modbus sends it). */
export function checksumBytes(kind: Checksum, bytes: Uint8Array): Uint8Array {
  switch (kind) {
    case 'none':
      return new Uint8Array(0)
    case 'sum8':
      return Uint8Array.of(bytes.reduce((s, b) => (s + b) & 0xff, 0))
    case 'xor8':
      return Uint8Array.of(bytes.reduce((s, b) => s ^ b, 0))
    case 'crc16-modbus': {
      let crc = 0xffff
      for (const b of bytes) {
        crc ^= b
        for (let i = 0; i < 8; i++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1
      }
      return Uint8Array.of(crc & 0xff, crc >>> 8)
    }
  }
}

const checksumLength = (kind: Checksum): number => ({ none: 0, sum8: 1, xor8: 1, 'crc16-modbus': 2 })[kind]

/** The bytes that ask the UPS for one command's reply. */
export function requestBytes(profile: FramingProfile, command: number): Uint8Array {
  const { request } = profile
  const body = request.command === 'ascii-hex' ? asciiHex(Uint8Array.of(command)) : Uint8Array.of(command)
  const sum = checksumBytes(request.checksum, Uint8Array.of(command))
  return concat(hexBytes(request.prefix), body, request.command === 'ascii-hex' ? asciiHex(sum) : sum, hexBytes(request.suffix))
}

/** The data units a command's reply carries, when the profile says. */
export function expectedUnits(profile: FramingProfile, command: number): number | undefined {
  return profile.reply.length?.[commandKey(command)]
}

/** The bytes of a whole reply carrying `data` (ASCII hex digits, or raw bytes), as the UPS would send it. */
export function replyBytes(profile: FramingProfile, data: Uint8Array): Uint8Array {
  const { reply } = profile
  const payload = reply.data === 'ascii-hex' ? hexToBytes(data) : data
  const sum = checksumBytes(reply.checksum, payload ?? new Uint8Array(0))
  return concat(hexBytes(reply.prefix), data, reply.data === 'ascii-hex' ? asciiHex(sum) : sum, hexBytes(reply.terminator))
}

/** One cut out of the stream: a reply's body between prefix and terminator, or bytes that were not a reply. */
export type WireItem = { kind: 'reply'; body: Uint8Array; raw: Uint8Array } | { kind: 'junk'; bytes: Uint8Array }

function indexOf(haystack: number[], needle: Uint8Array, from = 0): number {
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer
    return i
  }
  return -1
}

/**
 * Cuts replies out of the byte stream, whatever the chunking: a reply starts
 * at the prefix and ends at the terminator, or, with no terminator, after the
 * data the awaited command's reply carries (`expect`). Bytes before a prefix
 * are junk; so is a reply that grows past MAX_REPLY_BYTES.
 */
export class UpsReplyReader {
  private buffer: number[] = []
  private awaited: number | undefined
  private readonly prefix: Uint8Array
  private readonly terminator: Uint8Array

  constructor(private readonly profile: FramingProfile) {
    this.prefix = hexBytes(profile.reply.prefix)
    this.terminator = hexBytes(profile.reply.terminator)
  }

  /** The command whose reply comes next: where a reply without a terminator ends. */
  expect(command: number): void {
    this.awaited = command
  }

  reset(): void {
    this.buffer = []
  }

  push(chunk: Uint8Array): WireItem[] {
    for (const b of chunk) this.buffer.push(b)
    const out: WireItem[] = []
    for (;;) {
      const start = this.prefix.length ? indexOf(this.buffer, this.prefix) : 0
      if (start < 0) {
        // keep a tail that may be the start of a prefix split across chunks
        const keep = this.prefix.length - 1
        if (this.buffer.length > keep) out.push({ kind: 'junk', bytes: Uint8Array.from(this.buffer.splice(0, this.buffer.length - keep)) })
        break
      }
      if (start > 0) out.push({ kind: 'junk', bytes: Uint8Array.from(this.buffer.splice(0, start)) })
      const end = this.endOf()
      if (end === undefined) {
        if (this.buffer.length > MAX_REPLY_BYTES) out.push({ kind: 'junk', bytes: Uint8Array.from(this.buffer.splice(0, this.prefix.length || 1)) })
        else break
        continue
      }
      const raw = Uint8Array.from(this.buffer.splice(0, end.next))
      out.push({ kind: 'reply', body: raw.slice(this.prefix.length, end.bodyEnd), raw })
    }
    return out
  }

  private endOf(): { bodyEnd: number; next: number } | undefined {
    if (this.terminator.length) {
      const at = indexOf(this.buffer, this.terminator, this.prefix.length)
      return at < 0 ? undefined : { bodyEnd: at, next: at + this.terminator.length }
    }
    const units = this.awaited === undefined ? undefined : expectedUnits(this.profile, this.awaited)
    if (units === undefined) return undefined
    const bytes = this.prefix.length + units + checksumUnits(this.profile)
    return this.buffer.length >= bytes ? { bodyEnd: bytes, next: bytes } : undefined
  }
}

function checksumUnits(profile: FramingProfile): number {
  return checksumLength(profile.reply.checksum) * unitsPerByte(profile)
}

export type ReplyProblem = 'wrongLength' | 'notHex' | 'badChecksum'

/** A reply's data, checked: its units (hex digits or bytes) and the bytes they carry. */
export type ReplyData = { ok: true; units: number; bytes: Uint8Array } | { ok: false; problem: ReplyProblem; units: number; expected?: number }

const hexDigit = (c: number): number => (c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1)

/** Bytes from ASCII hex digits; undefined when one is not a hex digit. An odd last digit is the high half of a byte. */
function hexToBytes(digits: Uint8Array): Uint8Array | undefined {
  const out = new Uint8Array(Math.ceil(digits.length / 2))
  for (let i = 0; i < digits.length; i++) {
    const d = hexDigit(digits[i]!)
    if (d < 0) return undefined
    out[i >> 1]! |= i & 1 ? d : d << 4
  }
  return out
}

/** Checks a reply body against what the profile expects of this command's reply. */
export function replyData(profile: FramingProfile, command: number, body: Uint8Array): ReplyData {
  const sumUnits = checksumUnits(profile)
  const units = body.length - sumUnits
  const expected = expectedUnits(profile, command)
  if (units < 0 || (expected !== undefined && units !== expected)) return { ok: false, problem: 'wrongLength', units: Math.max(0, units), expected }
  const ascii = profile.reply.data === 'ascii-hex'
  const dataPart = body.subarray(0, units)
  const bytes = ascii ? hexToBytes(dataPart) : dataPart.slice()
  if (!bytes) return { ok: false, problem: 'notHex', units }
  if (sumUnits) {
    const got = ascii ? hexToBytes(body.subarray(units)) : body.subarray(units)
    const want = checksumBytes(profile.reply.checksum, bytes)
    if (!got || got.some((b, i) => b !== want[i])) return { ok: false, problem: 'badChecksum', units }
  }
  return { ok: true, units, bytes }
}

const SIGNED: ReadonlySet<string> = new Set(['CHAR', 'SHORT', 'LONG'])

/**
 * The raw number a value holds in a checked reply, or undefined when its
 * place is not inside the reply. Index and Len count data units; a status bit
 * is bits Sbit..Ebit of its field.
 */
export function rawValue(value: Pick<UpsValue, 'index' | 'len' | 'type' | 'bits'>, data: Uint8Array, profile: FramingProfile): number | undefined {
  const per = unitsPerByte(profile)
  if (value.index === undefined || value.len === undefined || !value.type || !(value.type in FieldTypes)) return undefined
  if (value.index % per !== 0 || value.len % per !== 0) return undefined
  const size = FieldTypes[value.type as FieldType]
  const start = value.index / per
  const field = data.subarray(start, start + value.len / per)
  if (start + size > data.length || field.length !== size) return undefined
  let n: number
  if (value.type === 'FLOAT') {
    const ordered = profile.reply.byteOrder === 'big' ? field : field.slice().reverse()
    n = new DataView(ordered.buffer, ordered.byteOffset, size).getFloat32(0)
  } else {
    n = 0
    for (let i = 0; i < size; i++) n = n * 256 + field[profile.reply.byteOrder === 'big' ? i : size - 1 - i]!
    if (SIGNED.has(value.type) && n >= 2 ** (size * 8 - 1)) n -= 2 ** (size * 8)
  }
  if (!value.bits) return n
  const width = value.bits.end - value.bits.start + 1
  return Math.floor((n >>> 0) / 2 ** value.bits.start) % 2 ** width
}

/** The inverse of `rawValue` for a simulated reply: writes `raw` into a value's place in `data` (a status bit leaves the bits beside it as they are). */
export function writeRaw(value: Pick<UpsValue, 'index' | 'len' | 'type' | 'bits'>, data: Uint8Array, raw: number, profile: FramingProfile): void {
  const size = FieldTypes[value.type as FieldType]
  const start = value.index! / unitsPerByte(profile)
  const big = profile.reply.byteOrder === 'big'
  // byte i of the field, the most significant first
  const at = (i: number) => start + (big ? i : size - 1 - i)
  if (value.type === 'FLOAT') {
    const field = new Uint8Array(4)
    new DataView(field.buffer).setFloat32(0, raw)
    field.forEach((b, i) => (data[at(i)] = b))
    return
  }
  const span = 2 ** (size * 8)
  let n = raw
  if (value.bits) {
    let current = 0
    for (let i = 0; i < size; i++) current = current * 256 + data[at(i)]!
    const low = 2 ** value.bits.start
    const width = 2 ** (value.bits.end - value.bits.start + 1)
    n = current + ((raw % width) - (Math.floor(current / low) % width)) * low
  }
  // a negative number as its two's complement
  n = ((Math.trunc(n) % span) + span) % span
  for (let i = size - 1; i >= 0; i--) {
    data[at(i)] = n % 256
    n = Math.floor(n / 256)
  }
}

/** The data units (ASCII hex digits or raw bytes) that carry `bytes` in a reply. */
export function dataUnits(profile: FramingProfile, bytes: Uint8Array): Uint8Array {
  return profile.reply.data === 'ascii-hex' ? asciiHex(bytes) : bytes
}

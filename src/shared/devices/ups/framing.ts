/**
 * How commands and replies travel on the wire: the protocol file gives only
 * the command byte and where each value sits in the reply. The profile lives
 * beside the file as JSON (`<file>.framing.json`); main validates it with zod
 * (src/main/devices/ups/framing.ts). Modelled on how NUT's nutdrv_qx tables
 * describe a Q*-style protocol: each item names the command sent, the
 * answer's expected leading character and length, and the item's first and
 * last position in the answer. Here the command and positions come from the
 * protocol file; the leading bytes (`reply.prefix`), the length per command
 * and the end of a reply come from this profile.
 */
import type { ValueUnit } from './units'

export type DataEncoding = 'ascii-hex' | 'binary'
export type ByteOrder = 'big' | 'little'
export type Checksum = 'none' | 'sum8' | 'xor8' | 'crc16-modbus'

export interface FramingProfile {
  /** free text for people: which choices are the maker's and which are ours */
  note?: string
  line: { baud: number; dataBits: 7 | 8; parity: 'none' | 'even' | 'odd'; stopBits: 1 | 2 }
  request: {
    /** bytes before the command, as hex pairs ("7E") */
    prefix: string
    /** the SendCmd byte as two ASCII hex digits ("01" → 0x30 0x31) or as one raw byte */
    command: DataEncoding
    suffix: string
    checksum: Checksum
  }
  reply: {
    prefix: string
    /** a reply ends at this byte sequence (hex pairs), or after `length` units of data when it is empty */
    terminator: string
    /** data units each command's reply carries, by SendCmd as two hex digits; with no terminator, this is where a reply ends, and with one, a reply of another length is a wrong answer */
    length?: Record<string, number>
    /** how the data carries bytes; Index and Len count its units (hex digits for ascii-hex, bytes for binary) */
    data: DataEncoding
    byteOrder: ByteOrder
    checksum: Checksum
    timeoutMs: number
  }
  /** per-value overrides of the unit and scale guessed from the name, by `cmd-N` */
  values?: Record<string, Partial<ValueUnit>>
}

export function unitsPerByte(profile: Pick<FramingProfile, 'reply'>): 1 | 2 {
  return profile.reply.data === 'ascii-hex' ? 2 : 1
}

const HEX_PAIRS = /^(?:[0-9a-fA-F]{2})*$/

/** Bytes of a hex-pair string from a profile ("0D0A" → [13, 10]). */
export function hexBytes(pairs: string): Uint8Array {
  if (!HEX_PAIRS.test(pairs)) throw new RangeError(`not hex pairs: ${pairs}`)
  const out = new Uint8Array(pairs.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = parseInt(pairs.slice(i * 2, i * 2 + 2), 16)
  return out
}

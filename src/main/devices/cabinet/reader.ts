import { byteHex, isPrintableAscii } from '@shared/hex'
import type { StreamDecoder } from '../../transport/serial/request-channel'
import { type CabinetFrame, crc8Maxim, FRAME_TEXT_LENGTH } from './codec'

export type ReaderItem =
  | { kind: 'frame'; frame: CabinetFrame; text: string }
  | { kind: 'badCrc'; text: string; expected: number; got: number }
  /** bytes between frames that are neither a frame nor whitespace; `text` shows at most 64 of them */
  | { kind: 'junk'; bytes: number; text: string }

export interface ReaderStats {
  frames: number
  badCrc: number
  junkBytes: number
}

const HEX_VALUE = (() => {
  const table = new Int8Array(256).fill(-1)
  for (let i = 0; i < 10; i++) table[0x30 + i] = i
  for (let i = 0; i < 6; i++) {
    table[0x41 + i] = 10 + i
    table[0x61 + i] = 10 + i
  }
  return table
})()

const COMMA = 0x2c
const lower = (b: number) => b | 0x20

/** `comm,` or `sync,`, any case */
function isStart(buf: Uint8Array, i: number): boolean {
  const a = lower(buf[i]!)
  if (a === 0x63) return lower(buf[i + 1]!) === 0x6f && lower(buf[i + 2]!) === 0x6d && lower(buf[i + 3]!) === 0x6d && buf[i + 4] === COMMA
  if (a === 0x73) return lower(buf[i + 1]!) === 0x79 && lower(buf[i + 2]!) === 0x6e && lower(buf[i + 3]!) === 0x63 && buf[i + 4] === COMMA
  return false
}

const isSpace = (b: number) => b === 0x20 || b === 0x0d || b === 0x0a || b === 0x09 || b === 0x00

function printable(buf: Uint8Array, start: number, end: number): string {
  let out = ''
  for (let i = start; i < end && out.length < 64; i++) {
    const b = buf[i]!
    out += isPrintableAscii(b) ? String.fromCharCode(b) : `\\x${byteHex(b)}`
  }
  return out
}

/**
 * Finds frames in a byte stream whatever separates them: CR LF, anything
 * else, or nothing; split across chunks at any byte; with noise in between.
 * A frame with a wrong CRC, and bytes that are no frame, are counted and
 * reported, then skipped: nothing stops the reader or makes it wait for
 * more than one frame's length.
 */
export class CabinetFrameReader implements StreamDecoder<ReaderItem> {
  /** bytes held back: at most an incomplete frame */
  private pending: Uint8Array = new Uint8Array(0)
  /** the eight bytes of the frame being read */
  private readonly frameBytes = new Uint8Array(8)
  readonly stats: ReaderStats = { frames: 0, badCrc: 0, junkBytes: 0 }

  push(chunk: Uint8Array): ReaderItem[] {
    let buf: Uint8Array
    if (this.pending.length) {
      buf = new Uint8Array(this.pending.length + chunk.length)
      buf.set(this.pending)
      buf.set(chunk, this.pending.length)
    } else {
      buf = chunk
    }
    const out: ReaderItem[] = []
    const len = buf.length
    let junkFrom = 0
    let i = 0
    let holdFrom = -1
    while (i + 5 <= len) {
      if (!isStart(buf, i)) {
        i++
        continue
      }
      if (i + FRAME_TEXT_LENGTH > len) {
        if (this.couldStillBeFrame(buf, i, len)) {
          holdFrom = i
          break
        }
        i++
        continue
      }
      const item = this.parseAt(buf, i)
      if (!item) {
        i++
        continue
      }
      this.junk(buf, junkFrom, i, out)
      out.push(item)
      junkFrom = i + FRAME_TEXT_LENGTH
      // a frame that lost a byte takes the next frame's first letter into its CRC: look again inside it
      i = item.kind === 'badCrc' ? i + 5 : junkFrom
    }
    // keep an incomplete frame, or the last four bytes that may begin one
    const keepFrom = holdFrom >= 0 ? holdFrom : Math.max(junkFrom, len - 4)
    this.junk(buf, junkFrom, keepFrom, out)
    this.pending = buf.slice(keepFrom)
    return out
  }

  reset(): void {
    this.pending = new Uint8Array(0)
  }

  /** bytes held back for the next chunk: never more than one frame */
  get held(): number {
    return this.pending.length
  }

  /** The bytes so far fit a frame's shape, so the rest may still come. */
  private couldStillBeFrame(buf: Uint8Array, start: number, end: number): boolean {
    for (let k = start + 5; k < end; k++) {
      const offset = k - start
      if (offset === 7 ? buf[k] !== COMMA : HEX_VALUE[buf[k]!]! < 0) return false
    }
    return true
  }

  /** No allocation before the shape is known: in a hostile stream every byte can be a candidate start. */
  private parseAt(buf: Uint8Array, start: number): ReaderItem | null {
    if (buf[start + 7] !== COMMA || HEX_VALUE[buf[start + 5]!]! < 0 || HEX_VALUE[buf[start + 6]!]! < 0) return null
    for (let k = start + 8; k < start + FRAME_TEXT_LENGTH; k++) if (HEX_VALUE[buf[k]!]! < 0) return null
    const byteAt = (k: number) => (HEX_VALUE[buf[k]!]! << 4) | HEX_VALUE[buf[k + 1]!]!
    const bytes = this.frameBytes
    for (let n = 0; n < 8; n++) bytes[n] = byteAt(start + 8 + n * 2)
    const text = String.fromCharCode(...buf.subarray(start, start + FRAME_TEXT_LENGTH))
    const expected = crc8Maxim(bytes, 0, 7)
    if (expected !== bytes[7]) {
      this.stats.badCrc++
      return { kind: 'badCrc', text, expected, got: bytes[7]! }
    }
    this.stats.frames++
    const frame: CabinetFrame = {
      type: lower(buf[start]!) === 0x63 ? 'comm' : 'sync',
      node: byteAt(start + 5),
      nodeId: bytes[0]!,
      modeId: (bytes[1]! << 8) | bytes[2]!,
      data: ((bytes[3]! << 24) | (bytes[4]! << 16) | (bytes[5]! << 8) | bytes[6]!) >>> 0,
    }
    return { kind: 'frame', frame, text }
  }

  private junk(buf: Uint8Array, start: number, end: number, out: ReaderItem[]): void {
    if (start >= end) return
    let count = 0
    for (let k = start; k < end; k++) if (!isSpace(buf[k]!)) count++
    if (!count) return
    this.stats.junkBytes += count
    const last = out[out.length - 1]
    const text = printable(buf, start, end).trim()
    if (last?.kind === 'junk') {
      last.bytes += count
      if (last.text.length < 64) last.text = `${last.text}${text}`.slice(0, 64)
    } else {
      out.push({ kind: 'junk', bytes: count, text })
    }
  }
}

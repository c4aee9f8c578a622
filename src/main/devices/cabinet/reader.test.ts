import { describe, expect, it } from 'vitest'
import { lcg32 } from '../../core/seeded-random'
import { asciiBytes } from './codec'
import { CabinetFrameReader, type ReaderItem } from './reader'
import { SEED_FRAMES } from './seed-frames'

const texts = SEED_FRAMES.map((f) => f.text)

/** Deterministic chunk sizes (LCG), so a failing split can be replayed. */
function* chunkSizes(seed: number, max: number): Generator<number> {
  const next = lcg32(seed)
  for (;;) yield 1 + (next() % max)
}

function feed(reader: CabinetFrameReader, bytes: Uint8Array, sizes: Iterator<number>): ReaderItem[] {
  const out: ReaderItem[] = []
  for (let at = 0; at < bytes.length; ) {
    const n = sizes.next().value as number
    out.push(...reader.push(bytes.subarray(at, at + n)))
    at += n
  }
  return out
}

const framesOf = (items: ReaderItem[]) => items.flatMap((i) => (i.kind === 'frame' ? [i.text] : []))

describe('the frame reader', () => {
  it('finds every seed frame with no delimiter at all', () => {
    const reader = new CabinetFrameReader()
    expect(framesOf(reader.push(asciiBytes(texts.join(''))))).toEqual(texts)
    expect(reader.stats).toEqual({ frames: texts.length, badCrc: 0, junkBytes: 0 })
  })

  for (const [name, delimiter] of [
    ['CR LF', '\r\n'],
    ['LF', '\n'],
    ['a space', ' '],
    ['a semicolon', ';'],
    ['a NUL', '\0'],
  ] as const) {
    it(`finds every frame separated by ${name}`, () => {
      const reader = new CabinetFrameReader()
      const items = reader.push(asciiBytes(texts.join(delimiter) + delimiter))
      expect(framesOf(items)).toEqual(texts)
      // whitespace separates; anything else between frames is junk (the last one is held: it may begin a frame)
      expect(reader.stats.junkBytes).toBe(delimiter === ';' ? texts.length - 1 : 0)
      expect(reader.held).toBe(delimiter.length)
    })
  }

  it('gives the same frames for every split of the stream into two chunks', () => {
    const stream = asciiBytes(texts.slice(0, 6).join('\r\n'))
    for (let cut = 0; cut <= stream.length; cut++) {
      const reader = new CabinetFrameReader()
      const items = [...reader.push(stream.subarray(0, cut)), ...reader.push(stream.subarray(cut))]
      expect(framesOf(items), `cut at ${cut}`).toEqual(texts.slice(0, 6))
    }
  })

  it('gives the same frames byte by byte and in seeded random chunks', () => {
    const stream = asciiBytes(texts.join('\r\n'))
    for (const max of [1, 3, 7, 23, 25, 64, 500]) {
      const reader = new CabinetFrameReader()
      expect(framesOf(feed(reader, stream, chunkSizes(max * 7919, max))), `chunks ≤ ${max}`).toEqual(texts)
      expect(reader.held).toBeLessThan(24)
    }
  })

  it('resynchronizes through garbage between frames, counting it', () => {
    const noise = ['\xff\xfe\x00junk', 'comm,', 'sync,01,', 'COMM,01,0110', '#$%', 'comm,01,01103600000000']
    let stream = ''
    let junk = 0
    texts.forEach((text, i) => {
      const n = noise[i % noise.length]!
      stream += n + text
      junk += [...n].filter((c) => !' \r\n\t\0'.includes(c)).length
    })
    for (const max of [1, 5, 24, 100]) {
      const reader = new CabinetFrameReader()
      const items = feed(reader, asciiBytes(stream), chunkSizes(max, max))
      expect(framesOf(items), `chunks ≤ ${max}`).toEqual(texts)
      expect(reader.stats.junkBytes).toBe(junk)
      expect(items.filter((i) => i.kind === 'junk').reduce((n, i) => n + (i.kind === 'junk' ? i.bytes : 0), 0)).toBe(junk)
    }
  })

  it('counts a bad CRC, skips that frame, and keeps the next one', () => {
    const reader = new CabinetFrameReader()
    const items = reader.push(asciiBytes('comm,01,011036000000007F\r\ncomm,01,01103400000000FD\r\n'))
    expect(items[0]).toEqual({ kind: 'badCrc', text: 'comm,01,011036000000007F', expected: 0x7e, got: 0x7f })
    expect(framesOf(items)).toEqual(['comm,01,01103400000000FD'])
    expect(reader.stats).toEqual({ frames: 1, badCrc: 1, junkBytes: 0 })
  })

  it('keeps the next frame when the one before lost a byte', () => {
    // 23 characters: the next frame's "c" completes its hex digits, and its CRC fails
    const reader = new CabinetFrameReader()
    const items = reader.push(asciiBytes('comm,01,0110330000000AC' + 'comm,01,01103400000000FD'))
    expect(framesOf(items)).toEqual(['comm,01,01103400000000FD'])
    expect(items[0]?.kind).toBe('badCrc')
  })

  it('holds at most a frame back, however long the junk', () => {
    const reader = new CabinetFrameReader()
    const junk = new Uint8Array(1 << 20).fill(0x41)
    const items = reader.push(junk)
    expect(reader.held).toBeLessThanOrEqual(4)
    expect(items).toEqual([{ kind: 'junk', bytes: junk.length - reader.held, text: 'A'.repeat(64) }])
    expect(framesOf(reader.push(asciiBytes('comm,01,01103400000000FD')))).toEqual(['comm,01,01103400000000FD'])
  })

  it('forgets a half frame on reset (a reconnect)', () => {
    const reader = new CabinetFrameReader()
    reader.push(asciiBytes('comm,01,0110340000'))
    expect(reader.held).toBe(18)
    reader.reset()
    expect(reader.held).toBe(0)
    expect(framesOf(reader.push(asciiBytes('0000FDcomm,01,01103400000000FD')))).toEqual(['comm,01,01103400000000FD'])
  })
})

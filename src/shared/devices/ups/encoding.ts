/**
 * Text encodings of UPS protocol files. Makers' tools write them in GBK as
 * often as in UTF-8; a file is saved back in the encoding it came in. Pure:
 * TextDecoder is in Node and every browser, and the GBK encoder is the
 * reverse of TextDecoder('gbk'), so both directions agree by construction.
 */

export type IniEncoding = 'utf-8' | 'utf-8-bom' | 'gbk'

export interface DecodedText {
  text: string
  encoding: IniEncoding
}

const BOM = [0xef, 0xbb, 0xbf]

/** UTF-8 with a BOM, UTF-8 if every byte sequence is valid UTF-8, GBK otherwise. */
export function decodeIni(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 3 && BOM.every((b, i) => bytes[i] === b)) {
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(3)), encoding: 'utf-8-bom' }
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8' }
  } catch {
    return { text: new TextDecoder('gbk').decode(bytes), encoding: 'gbk' }
  }
}

let gbkTable: Map<number, number> | undefined

/** Code point → two GBK bytes (lead << 8 | trail); the first pair that decodes to a code point wins. */
function gbkReverse(): Map<number, number> {
  if (gbkTable) return gbkTable
  const table = new Map<number, number>()
  const decoder = new TextDecoder('gbk')
  const pair = new Uint8Array(2)
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue
      pair[0] = lead
      pair[1] = trail
      const text = decoder.decode(pair)
      const cp = text.codePointAt(0)
      if (cp !== undefined && cp !== 0xfffd && text.length === 1 && !table.has(cp)) table.set(cp, (lead << 8) | trail)
    }
  }
  gbkTable = table
  return table
}

export class UnencodableCharacter extends Error {
  constructor(
    readonly character: string,
    readonly offset: number,
  ) {
    super(`U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} has no GBK code`)
  }
}

/** GBK bytes of a text; throws UnencodableCharacter for a character GBK cannot hold. */
export function encodeGbk(text: string): Uint8Array {
  const table = gbkReverse()
  const out = new Uint8Array(text.length * 2)
  let n = 0
  let offset = 0
  for (const ch of text) {
    const cp = ch.codePointAt(0)!
    if (cp < 0x80) out[n++] = cp
    else {
      const code = table.get(cp)
      if (code === undefined) throw new UnencodableCharacter(ch, offset)
      out[n++] = code >> 8
      out[n++] = code & 0xff
    }
    offset += ch.length
  }
  return out.slice(0, n)
}

export function encodeIni(text: string, encoding: IniEncoding): Uint8Array {
  if (encoding === 'gbk') return encodeGbk(text)
  const body = new TextEncoder().encode(text)
  if (encoding === 'utf-8') return body
  const out = new Uint8Array(body.length + 3)
  out.set(BOM)
  out.set(body, 3)
  return out
}

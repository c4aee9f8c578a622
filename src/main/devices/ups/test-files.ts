/**
 * The seed protocol file in the shapes makers' tools leave it: flattened as
 * delivered, multi-line with LF or CR LF, UTF-8 with a BOM, and GBK. The GBK
 * bytes come from a table built here from TextDecoder('gbk'), apart from the
 * encoder under test. Test-only.
 */
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseIni } from '@shared/devices/ups/ini'

const ROOT = resolve(import.meta.dirname, '../../../..')
/** the maker's file as delivered, kept verbatim with the other device documents */
export const SEED_PATH = join(ROOT, 'docs/devices/ups-rs232-protocol.zh.ini')
export const CORRECTED_PATH = join(ROOT, 'resources/ups/ups-rs232-protocol.zh.ini')

export function seedBytes(): Uint8Array {
  return new Uint8Array(readFileSync(SEED_PATH))
}

/** One item a line, as the maker's tool wrote it before the line breaks were lost. */
export function multiLine(flat: string, eol: '\n' | '\r\n'): string {
  const { items } = parseIni(flat)
  return items.map((i) => flat.slice(i.start, i.kind === 'entry' ? i.valueEnd : i.end)).join(eol) + eol
}

export function gbkBytes(text: string): Uint8Array {
  const table = new Map<string, number[]>()
  const decoder = new TextDecoder('gbk')
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      const ch = decoder.decode(new Uint8Array([lead, trail]))
      if (trail !== 0x7f && ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [lead, trail])
    }
  }
  const out: number[] = []
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0))
    else out.push(...table.get(ch)!)
  }
  return new Uint8Array(out)
}

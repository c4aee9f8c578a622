/**
 * INI items with their places in the text, for UPS protocol files. A normal
 * file has one item a line (CR LF, LF or CR). A file that lost its line breaks
 * is one line of items separated by spaces; see `FLAT_BOUNDARY` for where its
 * comments and values end. Offsets are UTF-16 offsets into the decoded text.
 */

export type IniItem =
  | { kind: 'comment'; text: string; start: number; end: number }
  | { kind: 'section'; name: string; start: number; end: number }
  | { kind: 'entry'; key: string; value: string; start: number; valueStart: number; valueEnd: number }
  | { kind: 'junk'; text: string; start: number; end: number }

export interface IniText {
  items: IniItem[]
  /** one line holding many items: positions are given as offsets, not line and column */
  flattened: boolean
  /** offset of the start of each line */
  lineStarts: number[]
}

// A flattened comment or value ends where the next `[section]`, `key=`, `;` or `#` token begins after a space — not at the next space — because comments in these files hold spaces ("2011.11.21 A.M.") while no comment or name in them holds a `word=` or a bracketed word.
const FLAT_BOUNDARY = /\s+(?=\[[^\]\s]*\](?:\s|$)|[;#]|[A-Za-z_][\w.-]*=)/g

const LINE_BREAK = /\r\n|\n|\r/g

export function parseIni(text: string): IniText {
  const lines: { start: number; text: string }[] = []
  const lineStarts: number[] = []
  let from = 0
  for (const m of text.matchAll(LINE_BREAK)) {
    lines.push({ start: from, text: text.slice(from, m.index) })
    lineStarts.push(from)
    from = m.index + m[0].length
  }
  lines.push({ start: from, text: text.slice(from) })
  lineStarts.push(from)
  const nonEmpty = lines.filter((l) => l.text.trim() !== '')
  const flattened = nonEmpty.length === 1 && splitFlat(nonEmpty[0]!.text).length > 1
  const items: IniItem[] = []
  for (const line of lines) {
    const pieces = flattened ? splitFlat(line.text) : [{ at: 0, text: line.text }]
    for (const piece of pieces) {
      const item = parseItem(piece.text, line.start + piece.at)
      if (item) items.push(item)
    }
  }
  return { items, flattened, lineStarts }
}

function splitFlat(line: string): { at: number; text: string }[] {
  const out: { at: number; text: string }[] = []
  let from = 0
  for (const m of line.matchAll(FLAT_BOUNDARY)) {
    if (m.index > from) out.push({ at: from, text: line.slice(from, m.index) })
    from = m.index + m[0].length
  }
  if (from < line.length) out.push({ at: from, text: line.slice(from) })
  return out.filter((p) => p.text.trim() !== '')
}

function parseItem(raw: string, at: number): IniItem | undefined {
  const lead = raw.length - raw.trimStart().length
  const body = raw.trim()
  if (!body) return undefined
  const start = at + lead
  const end = start + body.length
  if (body[0] === ';' || body[0] === '#') return { kind: 'comment', text: body.replace(/^[;#]+/, '').trim(), start, end }
  const section = /^\[([^\]]*)\]/.exec(body)
  if (section) return { kind: 'section', name: section[1]!.trim(), start, end }
  const eq = body.indexOf('=')
  if (eq > 0) {
    const key = body.slice(0, eq).trim()
    const rest = body.slice(eq + 1)
    const valueLead = rest.length - rest.trimStart().length
    const value = rest.trim()
    const valueStart = start + eq + 1 + valueLead
    return { kind: 'entry', key, value, start, valueStart, valueEnd: valueStart + value.length }
  }
  return { kind: 'junk', text: body, start, end }
}

/** 1-based line and column of an offset (column in UTF-16 units, as editors count). */
export function lineColumn(ini: Pick<IniText, 'lineStarts'>, offset: number): { line: number; column: number } {
  const starts = ini.lineStarts
  let lo = 0
  let hi = starts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (starts[mid]! <= offset) lo = mid
    else hi = mid - 1
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 }
}

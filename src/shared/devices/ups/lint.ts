/**
 * Lint of a UPS protocol file: every finding has a code (locales ups:lint.*),
 * parameters for its message and the offset it points at. Loading runs the
 * lint too, so a value the file does not place is never read as a measurement.
 */
import { type IniText, lineColumn } from './ini'
import { entry, FieldTypes, type IniSection, NAMES_SECTION, parseProtocol, type UpsProtocol, type UpsValue, valueSectionNumber } from './protocol'

export const LintCodes = [
  'noNamesSection',
  'noCount',
  'countMismatch',
  'missingSection',
  'orphanSection',
  'duplicateSection',
  'duplicateKey',
  'missingKey',
  'badNumber',
  'unknownType',
  'lenType',
  'badBits',
  'overlap',
  'placeholder',
  'groupCommand',
  'unreadableLine',
] as const
export type LintCode = (typeof LintCodes)[number]

export interface Finding {
  code: LintCode
  severity: 'error' | 'warning'
  /** UTF-16 offset into the decoded text */
  at: number
  /** 1-based; omitted for a flattened file, where only the offset means anything */
  line?: number
  column?: number
  params: Record<string, string | number>
}

export interface LintOptions {
  /** how many units of Index and Len one byte takes: 2 when the reply carries the data as ASCII hex, 1 when binary */
  unitsPerByte?: 1 | 2
}

const HEX_BYTE = /^(0x)?[0-9a-f]{1,2}$/i
const DECIMAL = /^\d+$/

/** at least this many values at one identical place is a template's placeholder, not a mistake per value */
const PLACEHOLDER_RUN = 3

export function loadProtocol(text: string, options: LintOptions = {}): { protocol: UpsProtocol; findings: Finding[] } {
  const protocol = parseProtocol(text)
  const findings = lintProtocol(protocol, options)
  return { protocol, findings }
}

/** Judges the file and sets `measurable` on each value. */
export function lintProtocol(p: UpsProtocol, options: LintOptions = {}): Finding[] {
  const unitsPerByte = options.unitsPerByte ?? 2
  const out: Finding[] = []
  const add = (code: LintCode, at: number, params: Finding['params'] = {}, severity: Finding['severity'] = 'error') => out.push({ code, severity, at, params, ...place(p.ini, at) })

  for (const item of p.ini.items) if (item.kind === 'junk') add('unreadableLine', item.start, { text: item.text.slice(0, 40) })
  const seenSections = new Map<string, IniSection>()
  for (const s of p.sections) {
    if (s.name && seenSections.has(s.name)) add('duplicateSection', s.start, { section: s.name })
    else seenSections.set(s.name, s)
    const keys = new Set<string>()
    for (const e of s.entries) {
      const k = e.key.toLowerCase()
      if (keys.has(k)) add('duplicateKey', e.start, { section: s.name, key: e.key })
      keys.add(k)
    }
    countCheck(s, add)
  }

  const names = seenSections.get(NAMES_SECTION)
  if (!names) add('noNamesSection', 0, { section: NAMES_SECTION })
  const named = new Set(p.values.map((v) => v.n))
  for (const s of p.sections) {
    const n = valueSectionNumber(s.name)
    if (n !== undefined && !named.has(n) && seenSections.get(s.name) === s) add('orphanSection', s.start, { section: s.name })
  }

  const placed: UpsValue[] = []
  for (const v of p.values) {
    const s = seenSections.get(`cmd-${v.n}`)
    if (!s) {
      add('missingSection', names?.entries.find((e) => e.key === `cmd-${v.n}`)?.start ?? 0, { section: `cmd-${v.n}` })
      continue
    }
    if (valueChecks(v, s, unitsPerByte, add)) placed.push(v)
  }

  const placeholders = placeholderRun(placed)
  if (placeholders.length) {
    const first = placeholders[0]!
    const bitFields = placeholders.filter((v) => v.bits)
    add('placeholder', entry(seenSections.get(`cmd-${first.n}`), 'Index')!.valueStart, {
      count: placeholders.length,
      index: [...new Set(placeholders.map((v) => v.index))].join(', '),
      bitCount: bitFields.length,
      bit: [...new Set(bitFields.map((v) => v.bits!.start))].join(', ') || '-',
      first: `cmd-${first.n}`,
      last: `cmd-${placeholders[placeholders.length - 1]!.n}`,
    })
  }
  const held = new Set(placeholders)
  const candidates = placed.filter((v) => !held.has(v))
  const clashing = overlaps(candidates, (v, other) =>
    add('overlap', entry(seenSections.get(`cmd-${v.n}`), 'Index')!.valueStart, { section: `cmd-${v.n}`, other: `cmd-${other.n}` }),
  )
  for (const v of candidates) v.measurable = !clashing.has(v)
  groupCommands(p, add)
  return out.sort((a, b) => a.at - b.at)
}

function place(ini: IniText, at: number): { line?: number; column?: number } {
  return ini.flattened ? {} : lineColumn(ini, at)
}

type Add = (code: LintCode, at: number, params?: Finding['params'], severity?: Finding['severity']) => void

/** `X-count` against the `X-N` keys of its section (the names list, and the `[TYPE]` list alike). */
function countCheck(s: IniSection, add: Add): void {
  for (const c of s.entries) {
    const m = /^(.+)-count$/i.exec(c.key)
    if (!m) continue
    const item = new RegExp(`^${m[1]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-\\d+$`, 'i')
    const listed = s.entries.filter((e) => item.test(e.key)).length
    if (!/^\d+$/.test(c.value)) add('badNumber', c.valueStart, { section: s.name, key: c.key, value: c.value })
    else if (Number(c.value) !== listed) add('countMismatch', c.valueStart, { section: s.name, key: c.key, declared: c.value, found: listed })
  }
  if (s.name === NAMES_SECTION && !s.entries.some((e) => e.key.toLowerCase() === 'cmd-count')) add('noCount', s.start, { section: s.name, key: 'cmd-count' })
}

/** Keys, numbers, type, Len and bits of one value; true when it has a place to be read from. */
function valueChecks(v: UpsValue, s: IniSection, unitsPerByte: number, add: Add): boolean {
  let ok = true
  for (const key of ['SendCmd', 'Index', 'Len', 'type']) {
    if (!entry(s, key)) {
      add('missingKey', s.start, { section: s.name, key })
      ok = false
    }
  }
  for (const key of ['SendCmd', 'Index', 'Len', 'Sbit', 'Ebit']) {
    const e = entry(s, key)
    if (e && !(key === 'SendCmd' ? HEX_BYTE : DECIMAL).test(e.value)) {
      add('badNumber', e.valueStart, { section: s.name, key, value: e.value })
      ok = false
    }
  }
  const sbit = entry(s, 'Sbit')
  const ebit = entry(s, 'Ebit')
  if (!!sbit !== !!ebit) {
    add('missingKey', s.start, { section: s.name, key: sbit ? 'Ebit' : 'Sbit' })
    ok = false
  }
  const typeEntry = entry(s, 'type')
  const bytes = v.type ? FieldTypes[v.type as keyof typeof FieldTypes] : undefined
  if (typeEntry && bytes === undefined) {
    add('unknownType', typeEntry.valueStart, { section: s.name, type: typeEntry.value, known: Object.keys(FieldTypes).join(', ') })
    ok = false
  }
  if (bytes !== undefined && v.len !== undefined && v.len !== bytes * unitsPerByte) {
    add('lenType', entry(s, 'Len')!.valueStart, { section: s.name, len: v.len, type: v.type!, expected: bytes * unitsPerByte })
    ok = false
  }
  if (bytes !== undefined && v.bits && (v.bits.start > v.bits.end || v.bits.end >= bytes * 8)) {
    add('badBits', sbit!.valueStart, { section: s.name, sbit: v.bits.start, ebit: v.bits.end, last: bytes * 8 - 1 })
    ok = false
  }
  return ok
}

/** The values that share one identical place with at least PLACEHOLDER_RUN - 1 others, in file order. */
function placeholderRun(values: UpsValue[]): UpsValue[] {
  const byPlace = new Map<string, UpsValue[]>()
  for (const v of values) {
    const key = `${v.command}|${v.index}|${v.len}|${v.bits ? `${v.bits.start}-${v.bits.end}` : ''}`
    const run = byPlace.get(key)
    if (run) run.push(v)
    else byPlace.set(key, [v])
  }
  return [...byPlace.values()]
    .filter((run) => run.length >= PLACEHOLDER_RUN)
    .flat()
    .sort((a, b) => a.n - b.n)
}

/** Values of one reply whose units overlap; status bits of one word may share it when their bits do not. */
function overlaps(values: UpsValue[], report: (v: UpsValue, other: UpsValue) => void): Set<UpsValue> {
  const clashing = new Set<UpsValue>()
  const sorted = [...values].sort((a, b) => a.command! - b.command! || a.index! - b.index! || a.n - b.n)
  let active: UpsValue[] = []
  for (const v of sorted) {
    active = active.filter((a) => a.command === v.command && a.index! + a.len! > v.index!)
    const other = active.find((a) => !sharesWord(a, v))
    if (other) {
      report(v, other)
      clashing.add(v).add(other)
    }
    active.push(v)
  }
  return clashing
}

function sharesWord(a: UpsValue, b: UpsValue): boolean {
  return !!a.bits && !!b.bits && a.index === b.index && a.len === b.len && (a.bits.end < b.bits.start || b.bits.end < a.bits.start)
}

/** A group named by a command byte (`;0x06`) whose values send another command. */
function groupCommands(p: UpsProtocol, add: Add): void {
  for (const g of p.groups) {
    const m = /^0x([0-9a-f]{1,2})$/i.exec(g.name)
    if (!m) continue
    const named = parseInt(m[1]!, 16)
    const others = p.values.filter((v) => v.group === g.id && v.command !== undefined && v.command !== named)
    if (others.length) add('groupCommand', g.start, { group: g.name, count: others.length, command: hexByte(others[0]!.command!) }, 'warning')
  }
}

export const hexByte = (n: number): string => `0x${n.toString(16).toUpperCase().padStart(2, '0')}`

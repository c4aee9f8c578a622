/**
 * The UPS protocol file as the maker's tool reads it: `[CMD]` names the values
 * (`cmd-count`, `cmd-N=name`), and one `[cmd-N]` section per value says which
 * command's reply holds it (`SendCmd`, hex), where (`Index` from 0, `Len`),
 * as what (`type`) and, for a status bit, which bits (`Sbit`..`Ebit`). A
 * comment before a run of names in `[CMD]` names their group.
 */
import { type IniItem, type IniText, parseIni } from './ini'

export const FieldTypes = { BYTE: 1, CHAR: 1, WORD: 2, SHORT: 2, DWORD: 4, LONG: 4, FLOAT: 4 } as const
export type FieldType = keyof typeof FieldTypes

export interface IniEntry {
  key: string
  value: string
  start: number
  valueStart: number
  valueEnd: number
}

export interface IniSection {
  name: string
  start: number
  entries: IniEntry[]
  /** first entry of each key, by its lower-case form (keys are case-blind, as in the maker's tool) */
  byKey: Map<string, IniEntry>
}

export interface UpsGroup {
  /** stable id: the number of the group's first value */
  id: number
  /** the comment's text, as the file has it */
  name: string
  start: number
  values: number[]
}

export interface UpsValue {
  /** N of `cmd-N` */
  n: number
  name: string
  /** id of its group, or undefined when no comment precedes its run */
  group?: number
  /** the SendCmd byte */
  command?: number
  index?: number
  len?: number
  type?: string
  bits?: { start: number; end: number }
  /** false while the file gives no usable position for it (placeholder, missing or bad keys) */
  measurable: boolean
}

export interface UpsProtocol {
  ini: IniText
  sections: IniSection[]
  values: UpsValue[]
  groups: UpsGroup[]
}

export const NAMES_SECTION = 'CMD'
const NAME_KEY = /^cmd-(\d+)$/
const VALUE_SECTION = /^cmd-(\d+)$/

export function sectionsOf(items: IniItem[]): IniSection[] {
  const sections: IniSection[] = [{ name: '', start: 0, entries: [], byKey: new Map() }]
  for (const item of items) {
    if (item.kind === 'section') sections.push({ name: item.name, start: item.start, entries: [], byKey: new Map() })
    else if (item.kind === 'entry') {
      const s = sections[sections.length - 1]!
      s.entries.push(item)
      const k = item.key.toLowerCase()
      if (!s.byKey.has(k)) s.byKey.set(k, item)
    }
  }
  return sections
}

export function entry(section: IniSection | undefined, key: string): IniEntry | undefined {
  return section?.byKey.get(key.toLowerCase())
}

const int = (e: IniEntry | undefined): number | undefined => (e && /^\d+$/.test(e.value) ? Number(e.value) : undefined)
const hex = (e: IniEntry | undefined): number | undefined => (e && /^(0x)?[0-9a-f]{1,2}$/i.test(e.value) ? parseInt(e.value.replace(/^0x/i, ''), 16) : undefined)

/** Groups from the `[CMD]` list: the last comment before a value name starts a group that runs to the next such comment. */
function groupsOf(items: IniItem[]): { groups: UpsGroup[]; groupOf: Map<number, number> } {
  const groups: UpsGroup[] = []
  const groupOf = new Map<number, number>()
  let inNames = false
  let pending: { text: string; start: number } | undefined
  let current: UpsGroup | undefined
  for (const item of items) {
    if (item.kind === 'section') {
      inNames = item.name === NAMES_SECTION
      current = undefined
      pending = undefined
    } else if (!inNames) continue
    else if (item.kind === 'comment') pending = { text: item.text, start: item.start }
    else if (item.kind === 'entry') {
      const m = NAME_KEY.exec(item.key)
      if (!m) {
        pending = undefined
        continue
      }
      const n = Number(m[1])
      if (pending && pending.text) {
        current = { id: n, name: pending.text, start: pending.start, values: [] }
        groups.push(current)
      }
      pending = undefined
      if (current && !groupOf.has(n)) {
        current.values.push(n)
        groupOf.set(n, current.id)
      }
    }
  }
  return { groups, groupOf }
}

/** Reads the file's values without judging them; `loadProtocol` (lint.ts) also judges them and marks what can be measured. */
export function parseProtocol(text: string): UpsProtocol {
  const ini = parseIni(text)
  const sections = sectionsOf(ini.items)
  const names = sections.find((s) => s.name === NAMES_SECTION)
  const byName = new Map<string, IniSection>()
  for (const s of sections) if (!byName.has(s.name)) byName.set(s.name, s)
  const { groups, groupOf } = groupsOf(ini.items)
  const values: UpsValue[] = []
  const seen = new Set<number>()
  for (const e of names?.entries ?? []) {
    const m = NAME_KEY.exec(e.key)
    if (!m || seen.has(Number(m[1]))) continue
    const n = Number(m[1])
    seen.add(n)
    const s = byName.get(`cmd-${n}`)
    const sbit = int(entry(s, 'Sbit'))
    const ebit = int(entry(s, 'Ebit'))
    values.push({
      n,
      name: e.value,
      group: groupOf.get(n),
      command: hex(entry(s, 'SendCmd')),
      index: int(entry(s, 'Index')),
      len: int(entry(s, 'Len')),
      type: entry(s, 'type')?.value.toUpperCase(),
      bits: sbit !== undefined && ebit !== undefined ? { start: sbit, end: ebit } : undefined,
      measurable: false,
    })
  }
  return { ini, sections, values, groups }
}

export function valueSectionNumber(name: string): number | undefined {
  const m = VALUE_SECTION.exec(name)
  return m ? Number(m[1]) : undefined
}

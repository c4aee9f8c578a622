/**
 * The Fox ESS device tables as searchable rows: metadata from
 * `locales/foxess-tables.json`, names from each language's locale files.
 * Pure: the Device tables page, live data views and the bench all use it.
 */
import type { Language } from '../../contract/settings'

export interface VariableMeta {
  key: string
  unit: string
  gridTied: boolean
  storage: boolean
  plSource: 'vendor' | 'fieldbench'
  vendorPl?: string
  seedUnit?: string
  enum?: number[]
}

export interface FaultMeta {
  code: number
  placeholder: boolean
  notAFault?: boolean
  plSource?: 'vendor' | 'fieldbench'
  vendorPl?: string
  seedComment?: string
  seedPlaceholder?: string
}

export interface FoxessTablesMeta {
  source: string
  variables: VariableMeta[]
  faults: FaultMeta[]
  counts: { variables: number; faults: number; placeholders: number }
}

export type Names = Record<Language, Record<string, string>>

export interface VariableRow extends VariableMeta {
  names: Record<Language, string>
  haystack: string
}

export interface FaultRow extends FaultMeta {
  names: Record<Language, string>
  haystack: string
}

const LANGS: Language[] = ['en', 'zh', 'pl']

export const faultKey = (code: number) => `f${code}`

export function variableRows(meta: FoxessTablesMeta, names: Names): VariableRow[] {
  return meta.variables.map((v) => {
    const rowNames = { en: names.en[v.key] ?? v.key, zh: names.zh[v.key] ?? v.key, pl: names.pl[v.key] ?? v.key }
    return { ...v, names: rowNames, haystack: [v.key, v.unit, ...LANGS.map((l) => rowNames[l])].join('\u0001').toLowerCase() }
  })
}

/** `unknown(lang, code)` gives the localized "Unknown fault N" for placeholder codes: never the seed's raw TBD text. */
export function faultRows(meta: FoxessTablesMeta, names: Names, unknown: (language: Language, code: number) => string): FaultRow[] {
  return meta.faults.map((f) => {
    const key = faultKey(f.code)
    const rowNames = {
      en: f.placeholder ? unknown('en', f.code) : (names.en[key] ?? unknown('en', f.code)),
      zh: f.placeholder ? unknown('zh', f.code) : (names.zh[key] ?? unknown('zh', f.code)),
      pl: f.placeholder ? unknown('pl', f.code) : (names.pl[key] ?? unknown('pl', f.code)),
    }
    return { ...f, names: rowNames, haystack: [String(f.code), ...LANGS.map((l) => rowNames[l])].join('\u0001').toLowerCase() }
  })
}

/** Every whitespace-separated term must appear (code, any language's name, unit); case-insensitive. */
export function filterRows<T extends { haystack: string }>(rows: readonly T[], query: string): T[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean)
  if (!terms.length) return rows as T[]
  const out: T[] = []
  for (const row of rows) {
    let ok = true
    for (const term of terms) {
      if (!row.haystack.includes(term)) {
        ok = false
        break
      }
    }
    if (ok) out.push(row)
  }
  return out
}

/**
 * The Fox ESS device tables as searchable rows: metadata from
 * `locales/foxess-tables.json`, names from each language's locale files.
 * Pure: the Device tables page, live data views and the bench all use it.
 */
import type { Language } from '../../contract/settings'

/** The classes a fault's likely cause and checks are written for (`tables:faultClass.*`, `tables:faultAdvice.*`). */
export const FaultClasses = ['grid', 'pv', 'battery', 'communication', 'insulation', 'temperature', 'relay', 'internal'] as const
export type FaultClass = (typeof FaultClasses)[number]

/** The vendor's text where ours replaces it: `vendorEn` is often the firmware identifier (cGridOverVoltFault). */
interface VendorText {
  vendorEn?: string
  vendorZh?: string
  vendorPl?: string
}

export interface VariableMeta extends VendorText {
  key: string
  unit: string
  gridTied: boolean
  storage: boolean
  plSource: 'vendor' | 'fieldbench'
  seedUnit?: string
  enum?: number[]
}

export interface FaultMeta extends VendorText {
  code: number
  placeholder: boolean
  /** absent on a placeholder: nothing is known of it */
  class?: FaultClass
  notAFault?: boolean
  plSource?: 'vendor' | 'fieldbench'
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

const vendorTexts = (meta: VendorText) => [meta.vendorEn, meta.vendorZh, meta.vendorPl].filter((t): t is string => Boolean(t))

export const faultKey = (code: number) => `f${code}`

export function variableRows(meta: FoxessTablesMeta, names: Names): VariableRow[] {
  return meta.variables.map((v) => {
    const rowNames = { en: names.en[v.key] ?? v.key, zh: names.zh[v.key] ?? v.key, pl: names.pl[v.key] ?? v.key }
    return { ...v, names: rowNames, haystack: [v.key, v.unit, ...LANGS.map((l) => rowNames[l]), ...vendorTexts(v)].join('\u0001').toLowerCase() }
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
    return { ...f, names: rowNames, haystack: [String(f.code), ...LANGS.map((l) => rowNames[l]), ...vendorTexts(f)].join('\u0001').toLowerCase() }
  })
}

/** The class of each fault code the table knows, for views that show a code without its row. */
export function faultClassOf(meta: FoxessTablesMeta): Map<number, FaultClass> {
  const out = new Map<number, FaultClass>()
  for (const f of meta.faults) if (f.class) out.set(f.code, f.class)
  return out
}

/** Every whitespace-separated term must appear (code, any language's name or the vendor's, unit); case-insensitive. */
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

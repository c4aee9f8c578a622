import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { eventMethods, invokeMethods } from '../src/shared/contract/channels'
import { ErrorCodes } from '../src/shared/contract/errors'
import { LinkCheckSteps } from '../src/shared/contract/jobs'
import { jobNamespaces, JobTypes } from '../src/shared/contract/records'
import { baseKey, GENERATED, LANGS, loadFlat, namespaces, placeholders, ROOT, sourceFiles } from './locales'

const uiNamespaces = namespaces('en').filter((ns) => !GENERATED.includes(ns))

/** Every `ns:key` string literal and every `ns:prefix${…}` template head in the sources. */
function usedKeys(): { exact: Set<string>; prefixes: string[] } {
  const exact = new Set<string>()
  const prefixes: string[] = []
  const keyLike = /^([a-z][A-Za-z0-9]*):([A-Za-z0-9_.]*)$/
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS)
    const visit = (node: ts.Node) => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
        if (keyLike.test(node.text)) exact.add(node.text)
      } else if (ts.isTemplateExpression(node)) {
        if (keyLike.test(node.head.text)) prefixes.push(node.head.text)
      }
      ts.forEachChild(node, visit)
    }
    visit(source)
  }
  return { exact, prefixes }
}

describe('locales', () => {
  it('ship the same namespaces in every language', () => {
    for (const lang of LANGS) expect(namespaces(lang), lang).toEqual(namespaces('en'))
  })

  for (const ns of namespaces('en')) {
    it(`${ns}: no missing, extra or empty keys in zh and pl; placeholders match; plurals complete`, () => {
      const en = loadFlat('en', ns)
      const enBases = new Set(Object.keys(en).map(baseKey))
      for (const lang of ['zh', 'pl'] as const) {
        const other = loadFlat(lang, ns)
        const problems: string[] = []
        for (const [key, text] of Object.entries(other)) {
          if (!text.trim()) problems.push(`empty ${lang}:${ns}:${key}`)
          if (!enBases.has(baseKey(key))) problems.push(`extra ${lang}:${ns}:${key}`)
        }
        for (const key of Object.keys(en)) {
          const base = baseKey(key)
          const plural = base !== key
          const needed = !plural ? [key] : lang === 'zh' ? [`${base}_other`] : ['one', 'few', 'many', 'other'].map((s) => `${base}_${s}`)
          for (const k of needed) {
            if (!(k in other)) problems.push(`missing ${lang}:${ns}:${k}`)
            else {
              const want = placeholders(plural ? (en[`${base}_other`] ?? en[key]!) : en[key]!).filter((p) => p !== 'count')
              const got = placeholders(other[k]!).filter((p) => p !== 'count')
              if (JSON.stringify(want) !== JSON.stringify(got)) problems.push(`placeholders ${lang}:${ns}:${k} ${got} ≠ ${want}`)
            }
          }
        }
        expect(problems, problems.join('\n')).toEqual([])
      }
      for (const [key, text] of Object.entries(en)) expect(text.trim(), `empty en:${ns}:${key}`).not.toBe('')
    })
  }

  it('UI keys are camelCase and at most two levels deep', () => {
    const bad: string[] = []
    for (const ns of uiNamespaces) {
      for (const key of Object.keys(loadFlat('en', ns))) {
        const parts = baseKey(key).split('.')
        if (parts.length > 2 || parts.some((p) => !/^[a-z][A-Za-z0-9]*$/.test(p))) bad.push(`${ns}:${key}`)
      }
    }
    expect(bad, bad.join('\n')).toEqual([])
  })

  it('every UI key is used by the code (literal key or a covering template prefix)', () => {
    const { exact, prefixes } = usedKeys()
    // a job's steps, measurements, notes and meta labels are looked up by key from its records (shared/i18n/localize.ts)
    for (const job of JobTypes) {
      for (const ns of jobNamespaces(job)) prefixes.push(`${ns}:steps.`, `${ns}:measurements.`, `${ns}:notes.`, `${ns}:meta.`)
    }
    const unused: string[] = []
    for (const ns of uiNamespaces) {
      for (const key of Object.keys(loadFlat('en', ns))) {
        const full = `${ns}:${baseKey(key)}`
        if (!exact.has(full) && !prefixes.some((p) => full.startsWith(p))) unused.push(full)
      }
    }
    expect(unused, unused.join('\n')).toEqual([])
  })

  it('every key the code names exists in English', () => {
    const { exact } = usedKeys()
    const known = new Set<string>()
    for (const ns of namespaces('en')) for (const key of Object.keys(loadFlat('en', ns))) known.add(`${ns}:${baseKey(key)}`)
    const nsNames = new Set(namespaces('en'))
    // channel names share the `domain:action` shape with keys
    const channels = new Set<string>([...Object.values(invokeMethods), ...Object.values(eventMethods)])
    const missing = [...exact].filter((k) => nsNames.has(k.split(':')[0]!) && !known.has(k) && !channels.has(k) && !k.endsWith(':'))
    expect(missing, missing.join('\n')).toEqual([])
  })

  it('names exactly the link check steps the flow runs', () => {
    const steps = Object.keys(loadFlat('en', 'linkCheck')).filter((k) => k.startsWith('steps.')).map((k) => k.slice(6))
    expect(steps.sort()).toEqual([...LinkCheckSteps].sort())
  })

  it('has a message for every error code, and no message for a code that does not exist', () => {
    expect(Object.keys(loadFlat('en', 'errors')).sort()).toEqual([...ErrorCodes].sort())
  })

  it('Polish plural forms follow the CLDR rules i18next uses', () => {
    const rules = new Intl.PluralRules('pl')
    expect([1, 2, 5, 22, 25, 112].map((n) => rules.select(n))).toEqual(['one', 'few', 'many', 'few', 'many', 'many'])
  })
})

describe('generated device tables', () => {
  it('equal a fresh run of the generator over the vendor document', () => {
    const out = execFileSync(process.execPath, [join(ROOT, 'scripts/gen-foxess-tables.mjs'), '--check'], { encoding: 'utf8' })
    expect(out).toMatch(/match docs\/devices\/foxess-cloud-open-api\.txt/)
  })

  it('hold 113 variables, 771 faults (297 placeholders) and real Polish for every entry', () => {
    const meta = JSON.parse(readFileSync(join(ROOT, 'locales/foxess-tables.json'), 'utf8')) as {
      variables: { key: string }[]
      faults: { code: number; placeholder: boolean }[]
    }
    expect(meta.variables).toHaveLength(113)
    expect(meta.faults).toHaveLength(771)
    expect(meta.faults.filter((f) => f.placeholder)).toHaveLength(297)
    for (const lang of LANGS) {
      const vars = loadFlat(lang, 'foxessVariables')
      const faults = loadFlat(lang, 'foxessFaults')
      expect(Object.keys(vars)).toHaveLength(113)
      expect(Object.keys(faults)).toHaveLength(771 - 297)
      // never a raw placeholder text
      expect(Object.values(faults).filter((t) => /^TBD\d*$/.test(t) || /^未知\d+$/.test(t) || /^Nieznany\d+$/.test(t))).toEqual([])
    }
    const en = loadFlat('en', 'foxessVariables')
    const pl = loadFlat('pl', 'foxessVariables')
    expect(Object.keys(pl).filter((k) => pl[k] === en[k] && /[a-z]{3}/.test(en[k]!))).toEqual([])
  })

  it('lists placeholder codes as unknown faults, not by their raw seed text', () => {
    const meta = JSON.parse(readFileSync(join(ROOT, 'locales/foxess-tables.json'), 'utf8')) as { faults: { code: number; placeholder: boolean; seedPlaceholder?: string }[] }
    // 164 says TBD165 in the seed: the table's own code is the one shown
    expect(meta.faults.find((f) => f.code === 164)).toMatchObject({ placeholder: true, seedPlaceholder: 'TBD165' })
    expect(loadFlat('en', 'tables').unknownFault).toContain('{{code}}')
  })
})


/**
 * The locale files as the CI checks them: every English key exists, non-empty,
 * in zh and pl with the plural forms each language needs, no key is unused,
 * keys are camelCase and at most two levels deep, placeholders agree, and the
 * generated device tables equal a fresh run of their generator.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { JobTypes } from '../src/shared/contract/records'
import { jobNamespaces } from '../src/shared/i18n/localize'

const ROOT = resolve(import.meta.dirname, '..')
const LOCALES = join(ROOT, 'locales')
const LANGS = ['en', 'zh', 'pl'] as const
/** generated from the vendor's document: they keep the device's own identifiers */
const GENERATED = new Set(['foxessVariables', 'foxessFaults', 'foxessStates'])
const PLURAL = /_(zero|one|two|few|many|other)$/
const NEEDED_FORMS: Record<(typeof LANGS)[number], string[]> = { en: ['one', 'other'], zh: ['other'], pl: ['one', 'few', 'many', 'other'] }

type Flat = Record<string, unknown>

function flatten(value: unknown, prefix = '', out: Flat = {}): Flat {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flatten(v, prefix ? `${prefix}.${k}` : k, out)
  } else out[prefix] = value
  return out
}

function namespaces(lang: string): string[] {
  return readdirSync(join(LOCALES, lang))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort()
}

function load(lang: string, ns: string): Flat {
  const file = join(LOCALES, lang, `${ns}.json`)
  return existsSync(file) ? flatten(JSON.parse(readFileSync(file, 'utf8'))) : {}
}

const base = (key: string) => key.replace(PLURAL, '')
const placeholders = (text: unknown) => new Set([...String(text).matchAll(/{{\s*([\w.]+)\s*}}/g)].map((m) => m[1]!))

function sourceFiles(dir: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry)
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path))
    else if (/\.(ts|tsx)$/.test(entry) && !/\.test\.tsx?$/.test(entry)) out.push(path)
  }
  return out
}

/** Full `'ns:key'` literals and the prefixes of `` `ns:prefix${…}` `` templates anywhere in src/. */
function usage(): { literals: Set<string>; prefixes: string[] } {
  const literals = new Set<string>()
  const prefixes: string[] = []
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8')
    for (const m of text.matchAll(/['"`]([A-Za-z][A-Za-z0-9]*:[A-Za-z0-9_.]+)['"`]/g)) literals.add(m[1]!)
    for (const m of text.matchAll(/`([A-Za-z][A-Za-z0-9]*:[A-Za-z0-9_.]*)\$\{/g)) prefixes.push(m[1]!)
  }
  // the shared localizers reach `<job namespace>:steps|notes|measurements.<key>` for every job type
  for (const job of JobTypes) for (const ns of jobNamespaces(job)) for (const part of ['steps.', 'notes.', 'measurements.']) prefixes.push(`${ns}:${part}`)
  return { literals, prefixes }
}

describe('locales', () => {
  const en = namespaces('en')

  it('has the same namespaces in every language', () => {
    for (const lang of LANGS) expect(namespaces(lang), lang).toEqual(en)
  })

  for (const ns of en) {
    describe(ns, () => {
      const english = load('en', ns)

      it('has every English key, non-empty, in zh and pl with their plural forms and no extra keys', () => {
        const problems: string[] = []
        const groups = new Map<string, string[]>()
        for (const key of Object.keys(english)) {
          if (typeof english[key] !== 'string' || english[key] === '') problems.push(`en:${key} is empty or not text`)
          groups.set(base(key), [...(groups.get(base(key)) ?? []), key])
        }
        for (const lang of ['zh', 'pl'] as const) {
          const other = load(lang, ns)
          const expected = new Set<string>()
          for (const [stem, keys] of groups) {
            const plural = keys.some((k) => PLURAL.test(k))
            const wanted = plural ? NEEDED_FORMS[lang].map((form) => `${stem}_${form}`) : keys
            for (const key of wanted) {
              expected.add(key)
              if (typeof other[key] !== 'string' || (other[key] as string).trim() === '') problems.push(`${lang}:${ns}:${key} missing or empty`)
            }
            if (plural) for (const key of Object.keys(other)) if (base(key) === stem) expected.add(key)
          }
          for (const key of Object.keys(other)) if (!expected.has(key)) problems.push(`${lang}:${ns}:${key} is not in English`)
        }
        expect(problems).toEqual([])
      })

      it('uses the same placeholders in every language', () => {
        const problems: string[] = []
        const stems = new Set(Object.keys(english).map(base))
        for (const lang of ['zh', 'pl'] as const) {
          const other = load(lang, ns)
          for (const stem of stems) {
            const forms = (dict: Flat) => Object.keys(dict).filter((k) => base(k) === stem)
            const union = (dict: Flat) => {
              const set = new Set<string>()
              for (const k of forms(dict)) for (const p of placeholders(dict[k])) set.add(p)
              // a plural's count may be spelled out ("one job") instead of interpolated
              if (forms(dict).some((k) => PLURAL.test(k))) set.delete('count')
              return [...set].sort()
            }
            if (JSON.stringify(union(english)) !== JSON.stringify(union(other))) problems.push(`${lang}:${ns}:${stem} ${union(other).join(',')} ≠ ${union(english).join(',')}`)
          }
        }
        expect(problems).toEqual([])
      })

      if (!GENERATED.has(ns)) {
        it('keys are camelCase and at most two levels deep', () => {
          const bad = Object.keys(english).filter((key) => {
            const parts = base(key).split('.')
            return parts.length > 3 || parts.some((p) => !/^[a-z][A-Za-z0-9]*$/.test(p))
          })
          expect(bad).toEqual([])
        })

        it('has no unused keys', () => {
          const { literals, prefixes } = usage()
          const unused = [...new Set(Object.keys(english).map(base))].filter((key) => {
            const full = `${ns}:${key}`
            return !literals.has(full) && !prefixes.some((p) => full.startsWith(p))
          })
          expect(unused).toEqual([])
        })
      }
    })
  }

  it('device tables equal a fresh run of the generator', async () => {
    const gen = (await import(join(ROOT, 'scripts/gen-foxess-tables.mjs'))) as {
      SEED: string
      renderFiles: (seed: string, ours: unknown, corrections: unknown) => Record<string, string>
    }
    if (!existsSync(gen.SEED)) throw new Error(`seed not found at ${relative(ROOT, gen.SEED)} (set FIELDBENCH_SEEDS)`)
    const files = gen.renderFiles(
      readFileSync(gen.SEED, 'utf8'),
      JSON.parse(readFileSync(join(ROOT, 'scripts/foxess/pl-translations.json'), 'utf8')),
      JSON.parse(readFileSync(join(ROOT, 'scripts/foxess/corrections.json'), 'utf8')),
    )
    for (const [rel, content] of Object.entries(files)) expect(readFileSync(join(ROOT, rel), 'utf8'), rel).toBe(content)
  })
})

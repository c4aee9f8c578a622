import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

export const ROOT = join(import.meta.dirname, '..')
export const LANGS = ['en', 'zh', 'pl'] as const
/** generated from the vendor document: keys are the device's own identifiers */
export const GENERATED = ['foxessVariables', 'foxessFaults', 'foxessStates']
export const PLURAL_SUFFIXES = ['_zero', '_one', '_two', '_few', '_many', '_other']

export type Flat = Record<string, string>

export function namespaces(lang: string): string[] {
  return readdirSync(join(ROOT, 'locales', lang))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort()
}

export function loadFlat(lang: string, ns: string): Flat {
  const data = JSON.parse(readFileSync(join(ROOT, 'locales', lang, `${ns}.json`), 'utf8')) as Record<string, unknown>
  const out: Flat = {}
  const walk = (value: unknown, path: string[]) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(v, [...path, k])
    } else {
      out[path.join('.')] = String(value)
    }
  }
  walk(data, [])
  return out
}

/** `count_one` → `count`; other keys unchanged. */
export function baseKey(key: string): string {
  for (const suffix of PLURAL_SUFFIXES) if (key.endsWith(suffix)) return key.slice(0, -suffix.length)
  return key
}

export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]!).sort()
}

export function sourceFiles(dir: string, exts = ['.ts', '.tsx']): string[] {
  const out: string[] = []
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (exts.some((e) => name.endsWith(e)) && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')) out.push(path)
    }
  }
  walk(dir)
  return out
}

export const rel = (p: string) => relative(ROOT, p)

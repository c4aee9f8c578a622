import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join, resolve } from 'node:path'

/** One measured figure, with the target it is judged against when the issue names one. */
export interface Figure {
  name: string
  value: number
  unit: string
  /** e.g. '< 16 ms', '≥ 11520 B/s' */
  target?: string
  /** whether the target is met; omitted when there is no target */
  met?: boolean
  note?: string
}

const OUT = resolve(import.meta.dirname, '.out')

/** Keeps a section's figures, with when and how busy the machine was, for scripts/bench-report.mjs, which merges them into bench/results.md. */
export function recordFigures(section: string, figures: Figure[]): void {
  mkdirSync(OUT, { recursive: true })
  writeFileSync(join(OUT, `${section.replace(/[^A-Za-z0-9-]+/g, '-')}.json`), JSON.stringify({ section, figures, at: new Date().toISOString(), load: loadavg()[0], cores: cpus().length }, null, 2))
  for (const f of figures) {
    const target = f.target ? `  (target ${f.target}: ${f.met ? 'met' : 'NOT met'})` : ''
    console.log(`[bench] ${section} · ${f.name}: ${round(f.value)} ${f.unit}${target}${f.note ? ` — ${f.note}` : ''}`)
  }
}

export function percentile(samples: number[], p: number): number {
  if (!samples.length) return NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[index]!
}

export function round(value: number): number {
  if (!Number.isFinite(value)) return value
  const abs = Math.abs(value)
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3
  return Number(value.toFixed(digits))
}

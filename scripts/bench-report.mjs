#!/usr/bin/env node
/** Collects bench/.out/*.json into bench/results.md and prints it. */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const dir = join(root, 'bench/.out')
if (!existsSync(dir)) {
  console.error('no figures: run the bench files first')
  process.exit(1)
}
const sections = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')))
  .sort((a, b) => a.section.localeCompare(b.section))

const fmt = (v) => {
  // a figure that could not be measured (its note says why)
  if (!Number.isFinite(v)) return '—'
  const a = Math.abs(v)
  return String(Number(v.toFixed(a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3)))
}
const lines = [
  '# Bench results',
  '',
  `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}, ${process.platform}.`,
  'Figures, not pass/fail tests: each is compared with the target its issue names, where it names one.',
  '',
]
for (const s of sections) {
  lines.push(`## ${s.section}`, '', '| figure | value | target | met |', '| --- | ---: | --- | --- |')
  for (const f of s.figures) {
    lines.push(`| ${f.name}${f.note ? ` — ${f.note}` : ''} | ${fmt(f.value)} ${f.unit} | ${f.target ?? ''} | ${f.target ? (f.met ? 'yes' : '**no**') : ''} |`)
  }
  lines.push('')
}
writeFileSync(join(root, 'bench/results.md'), lines.join('\n'))
console.log(lines.join('\n'))

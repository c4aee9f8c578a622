/**
 * Unit + integration suite wall time. The suite is not run again here: the
 * last full `npm run test:unit` kept its wall time and the machine's load in
 * bench/.suite-run.json (scripts/test-unit.mjs), and this reports it with its
 * date and commit, so the bench stays bounded whatever the suite costs.
 */
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { it } from 'vitest'
import { recordFigures } from './lib'

const RUN_FILE = resolve(import.meta.dirname, '.suite-run.json')

interface SuiteRun {
  at: string
  wallMs: number
  exitCode: number | null
  commit: string | null
  cores: number
  loadAverage: { before: number; after: number }
}

it('unit + integration suite wall time', () => {
  if (!existsSync(RUN_FILE)) {
    recordFigures('unit-integration-suite', [{ name: 'unit + integration suite wall time', value: NaN, unit: 's', note: 'no full run kept yet: run npm run test:unit (or npm test) first' }])
    return
  }
  const run = JSON.parse(readFileSync(RUN_FILE, 'utf8')) as SuiteRun
  const load = `load average ${run.loadAverage.before.toFixed(1)} → ${run.loadAverage.after.toFixed(1)} on ${run.cores} cores`
  const outcome = run.exitCode === 0 ? 'passed' : `exit ${run.exitCode}`
  recordFigures('unit-integration-suite', [
    {
      name: 'unit + integration suite wall time',
      value: run.wallMs / 1000,
      unit: 's',
      note: `last full npm run test:unit, ${run.at.slice(0, 16).replace('T', ' ')} UTC, commit ${run.commit ?? 'unknown'}, ${outcome}; ${load}`,
    },
  ])
})

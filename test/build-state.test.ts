import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { INPUTS, OUTPUTS, staleReason } from '../scripts/build-state.mjs'

const scratch = mkdtempSync(join(tmpdir(), 'fieldbench-build-state-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

function put(root: string, file: string, at: number): void {
  mkdirSync(dirname(join(root, file)), { recursive: true })
  writeFileSync(join(root, file), '')
  utimesSync(join(root, file), at, at)
}

/** A project built at t=2000 s from sources last changed at t=1000 s. */
function builtProject(): string {
  const root = mkdtempSync(join(scratch, 'project-'))
  for (const file of ['src/main/cli/index.ts', 'locales/en/common.json', ...INPUTS.filter((i) => i.includes('.'))]) put(root, file, 1000)
  for (const dir of ['src/main/cli', 'src/main', 'src', 'locales/en', 'locales']) utimesSync(join(root, dir), 1000, 1000)
  for (const file of OUTPUTS) put(root, file, 2000)
  return root
}

describe('the build the CLI and end-to-end tests run', () => {
  it('is up to date when every output is newer than every input', () => {
    expect(staleReason(builtProject())).toBeNull()
  })

  it('is stale when an output is missing', () => {
    const root = builtProject()
    rmSync(join(root, 'out/main/cli.js'))
    expect(staleReason(root)).toBe('out/main/cli.js is missing')
  })

  it('is stale when a source, a locale or the build configuration changed after it', () => {
    for (const file of ['src/main/cli/index.ts', 'locales/en/common.json', 'electron.vite.config.ts']) {
      const root = builtProject()
      utimesSync(join(root, file), 3000, 3000)
      expect(staleReason(root)).toBe(`${file} is newer than the build`)
    }
  })
})

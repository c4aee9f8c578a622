/** The record export path: HTML keeps the appendix folded, the PDF gets it unfolded (nothing can be clicked on paper). */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { type Core, createCore } from '../core/core'
import { FileSecretBackend } from '../store/secrets'
import { cabinetRecord } from './test/fixtures'

let core: Core | null = null
let dataDir = ''
afterEach(async () => {
  await core?.dispose()
  rmSync(dataDir, { recursive: true, force: true })
})

it('prints the PDF from the report HTML with its appendix open', async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'fieldbench-report-'))
  const printed: string[] = []
  core = await createCore(
    {
      transport: 'electron',
      dataDir,
      version: '0.0.0-test',
      versions: { node: process.versions.node },
      systemLanguages: () => ['en-GB'],
      secretBackend: new FileSecretBackend(join(dataDir, 'secrets.json')),
      openExternal: async () => undefined,
      portPollMs: 60_000,
      printToPdf: async (html) => {
        printed.push(html)
        return new Uint8Array([0x25, 0x50, 0x44, 0x46])
      },
    },
    { lister: { list: async () => [] } },
  )
  const id = cabinetRecord(core.records)
  const html = await core.handlers.exportRecord({ id, format: 'html', language: 'pl' })
  expect(html.content).toContain('<details class="appendix" id="appendix">')
  const pdf = await core.handlers.exportRecord({ id, format: 'pdf', language: 'pl' })
  expect(pdf).toMatchObject({ mime: 'application/pdf', base64: true, content: Buffer.from('%PDF').toString('base64') })
  expect(printed).toHaveLength(1)
  expect(printed[0]).toContain('<details class="appendix" id="appendix" open>')
  expect(printed[0]).toContain('CAB-2026-00417')
})

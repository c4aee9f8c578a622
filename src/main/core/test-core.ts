import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FileSecretBackend } from '../store/secrets'
import { type Core, createCore } from './core'

/** A whole core on a throwaway data folder, with no OS serial ports (tests add their own by path). */
export async function testCore(): Promise<{ core: Core; dataDir: string; rendererDir: string; cleanup: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fieldbench-core-'))
  const rendererDir = join(dataDir, 'renderer')
  mkdirSync(join(rendererDir, 'assets'), { recursive: true })
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Fieldbench</title>')
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'export {}')
  const core = await createCore(
    {
      transport: 'web',
      dataDir,
      version: '0.0.0-test',
      versions: { node: process.versions.node },
      systemLanguages: () => ['pl-PL'],
      secretBackend: new FileSecretBackend(join(dataDir, 'secrets.json')),
      openExternal: async () => undefined,
      portPollMs: 60_000,
    },
    { lister: { list: async () => [] } },
  )
  return {
    core,
    dataDir,
    rendererDir,
    cleanup: async () => {
      await core.dispose()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

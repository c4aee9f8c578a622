import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import type { InvokeResult } from '@shared/contract'
import { MemoryLogger } from '../log/logger'
import { FileSecretBackend } from '../store/secrets'
import type { Clock } from './clock'
import { type Core, createCore } from './core'
import { dispatch } from './dispatch'

export interface TestCoreOptions {
  /** the simulated devices of demo mode */
  demo?: boolean
  /** what the OS says the person reads, first choice first */
  languages?: string[]
  /** virtual time for the whole core: records, jobs, clients */
  clock?: Clock
  /** an existing data folder (a restart of the app on the data of an earlier core), removed at cleanup as a fresh one is */
  dataDir?: string
}

/** A whole core on a throwaway data folder, with no OS serial ports (tests add their own by path). */
export async function testCore(options: TestCoreOptions = {}): Promise<{ core: Core; dataDir: string; rendererDir: string; cleanup: () => Promise<void> }> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'fieldbench-core-'))
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
      systemLanguages: () => options.languages ?? ['pl-PL'],
      secretBackend: new FileSecretBackend(join(dataDir, 'secrets.json')),
      openExternal: async () => undefined,
      portPollMs: 60_000,
      demo: options.demo,
    },
    { lister: { list: async () => [] }, clock: options.clock },
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

/** For a test file: `core()` makes a test core, disposed of with its folder after each test. */
export function testCorePerTest(options: TestCoreOptions = {}): () => Promise<Core> {
  let cleanup: (() => Promise<void>) | undefined
  afterEach(async () => {
    await cleanup?.()
    cleanup = undefined
  })
  return async () => {
    const made = await testCore(options)
    cleanup = made.cleanup
    return made.core
  }
}

/** A method called as the IPC and the WebSocket bridge call it, validation included: its result, error or value. */
export const invoke = async <T>(core: Core, method: string, payload?: unknown): Promise<InvokeResult<T>> =>
  (await dispatch(core.handlers, method as never, payload, new MemoryLogger())) as InvokeResult<T>

/** The same for a call that must succeed: its value, or an error naming the method and what came back. */
export async function invokeValue<T>(core: Core, method: string, payload?: unknown): Promise<T> {
  const r = await invoke<T>(core, method, payload)
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`)
  return r.value
}

/**
 * `records resume` and `records abort` against real jobs: a cabinet test run
 * by the built CLI on a simulated cabinet (a real pseudo-terminal pair), its
 * process killed while the test waits for the doors — a crash, which leaves
 * the record in progress — then resumed to a verdict, or closed as aborted.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { ensureBuilt } from '../../../scripts/build-state.mjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type PtyCabinet, startPtyCabinet } from '../devices/cabinet/harness'

const ROOT = resolve(import.meta.dirname, '../../..')
const CLI = join(ROOT, 'out/main/cli.js')
const env = { ...process.env, LANG: 'en_US.UTF-8', FIELDBENCH_LANG: '' }
let dataDir: string
let cab: PtyCabinet

beforeAll(async () => {
  ensureBuilt(ROOT) // these run the built CLI: build it when out/ is missing or older than the sources
  dataDir = mkdtempSync(join(tmpdir(), 'fieldbench-cli-resume-'))
  cab = await startPtyCabinet({ switchStepMs: 5 })
}, 600_000)
afterAll(async () => {
  await cab.close()
  rmSync(dataDir, { recursive: true, force: true })
})

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args, '--data-dir', dataDir], { encoding: 'utf8', env, timeout: 30_000 })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

interface Event {
  event?: string
  recordId?: number
  verdict?: string
  key?: string
}

/** A CLI process in the background whose JSON lines are waited on as they come. */
function background(args: string[]) {
  const child: ChildProcess = spawn(process.execPath, [CLI, ...args, '--json', '--data-dir', dataDir], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  const events: Event[] = []
  const waiters: { test: (e: Event) => boolean; resolve: (e: Event) => void }[] = []
  let buffer = ''
  child.stdout!.on('data', (d: Buffer) => {
    buffer += d.toString()
    const lines = buffer.split('\n')
    buffer = lines.pop() ?? ''
    for (const line of lines.filter(Boolean)) {
      const event = JSON.parse(line) as Event
      events.push(event)
      for (const w of waiters.splice(0)) {
        if (w.test(event)) w.resolve(event)
        else waiters.push(w)
      }
    }
  })
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
  return {
    events,
    exited,
    kill: (signal: NodeJS.Signals) => child.kill(signal),
    until: (test: (e: Event) => boolean) =>
      new Promise<Event>((resolvePromise, reject) => {
        const seen = events.find(test)
        if (seen) return resolvePromise(seen)
        waiters.push({ test, resolve: resolvePromise })
        void exited.then((code) => reject(new Error(`the CLI exited (${code}) first; events: ${JSON.stringify(events)}`)))
      }),
  }
}

/** Starts a cabinet test and kills its process while it waits for the doors: the record stays in progress. */
async function crashedTest(serial: string): Promise<number> {
  const test = background(['cabinet', 'test', '--port', cab.path, '--serial', serial, '--operator', 'bench', '--confirm-safety', '--airflow', 'ok'])
  const { recordId } = await test.until((e) => e.event === 'step' && e.key === 'connect')
  await test.until((e) => e.event === 'doors')
  // while it runs, no other process may resume or close it
  const abort = run(['records', 'abort', String(recordId)])
  expect(abort.code).toBe(3)
  expect(abort.err).toContain(`Record ${recordId}'s job is running in another fieldbench process`)
  expect(run(['records', 'resume', String(recordId), '--confirm-safety', '--airflow', 'ok']).code).toBe(3)
  test.kill('SIGKILL')
  await test.exited
  return recordId!
}

function status(id: number): string {
  const list = JSON.parse(run(['records', 'list', '--json']).out) as { records: { id: number; status: string; verdict: string }[] }
  const record = list.records.find((r) => r.id === id)
  return `${record?.status}/${record?.verdict}`
}

// each CLI run starts a core (about a second, more on a loaded machine); a test makes a dozen
describe('fieldbench records resume / abort', { timeout: 120_000 }, () => {
  it('resumes a crashed cabinet test to its verdict, asking again for the safety confirmation', async () => {
    const id = await crashedTest('RESUME-1')
    expect(status(id)).toBe('inProgress/none')
    // without a terminal and without the flags, nobody could confirm the safety warning
    const refused = run(['records', 'resume', String(id)])
    expect(refused.code).toBe(2)
    expect(refused.err).toContain('--confirm-safety')

    const resumed = background(['records', 'resume', String(id), '--confirm-safety', '--airflow', 'ok'])
    await resumed.until((e) => e.event === 'doors')
    cab.sim.closeAllDoors()
    const result = await resumed.until((e) => e.event === 'result')
    expect(await resumed.exited).toBe(0)
    expect(result).toMatchObject({ recordId: id, verdict: 'pass' })
    expect(resumed.events.filter((e) => e.event === 'safety')).toHaveLength(1)
    expect(status(id)).toBe('completed/pass')

    // a finished record is neither resumed nor closed again
    const again = run(['records', 'abort', String(id)])
    expect(again.code).toBe(2)
    expect(again.err).toContain(`Record ${id} is not interrupted (Completed)`)
    expect(run(['records', 'resume', String(id), '--confirm-safety', '--airflow', 'ok']).code).toBe(2)
  })

  it('closes a crashed cabinet test as aborted; an aborted record cannot be resumed', async () => {
    const id = await crashedTest('ABORT-1')
    const abort = run(['records', 'abort', String(id), '--json'])
    expect(abort.code).toBe(0)
    expect(JSON.parse(abort.out)).toMatchObject({ id, status: 'aborted' })
    expect(status(id)).toBe('aborted/none')
    const resume = run(['records', 'resume', String(id), '--confirm-safety', '--airflow', 'ok'])
    expect(resume.code).toBe(2)
    expect(resume.err).toContain('is not interrupted (Aborted)')
  })

  it('refuses a record that does not exist (exit 3) and a missing or malformed id (exit 2)', () => {
    const missing = run(['records', 'resume', '9999', '--lang', 'pl'])
    expect(missing.code).toBe(3)
    expect(missing.err).toContain('9999')
    expect(run(['records', 'abort']).code).toBe(2)
    expect(run(['records', 'abort', '1x']).code).toBe(2)
  })
})

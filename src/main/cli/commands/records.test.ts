/**
 * `records resume` for a CT check against the Fox ESS demo cloud: a check
 * whose CLI process was killed while it polled (a crash: the record stays in
 * progress) is polled again, never started a second time. The demo cloud ran
 * inside the killed process, so the check it was asked for is gone with it:
 * the resumed job must say the inverter did not start it, not pass it.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { ensureBuilt } from '../../../../scripts/build-state.mjs'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { cliCore } from '../context'
import { createOut, EXIT, UsageError } from '../output'
import { recordsResumeCommand } from './records'

const ROOT = resolve(import.meta.dirname, '../../../..')
const CLI = join(ROOT, 'out/main/cli.js')
const KRAKOW = '60H3103A12345601'
let dataDir: string

beforeAll(() => {
  ensureBuilt(ROOT) // these run the built CLI: build it when out/ is missing or older than the sources
  dataDir = mkdtempSync(join(tmpdir(), 'fieldbench-cli-'))
  // the shortest start timeout the settings allow, so "did not start" is reached in one or two polls
  writeFileSync(join(dataDir, 'foxess.json'), JSON.stringify({ config: { ctStartTimeoutSeconds: 10 } }))
}, 600_000)
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

/** `foxess ct-check` in a child process, killed at its first poll: returns the record it left in progress. */
function crashedCheck(system: string[]): Promise<number> {
  const child = spawn(process.execPath, [CLI, 'foxess', 'ct-check', '--demo', '--sn', KRAKOW, ...system, '--json', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolvePromise, reject) => {
    let buffer = ''
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString()
      if (!buffer.includes('"event":"poll"')) return
      child.kill('SIGKILL')
      child.once('exit', () => {
        void cliCore(dataDir).then(async (core) => {
          const [record] = core.records.inProgress()
          await core.dispose()
          if (record) resolvePromise(record.id)
          else reject(new Error('no record left in progress'))
        })
      })
    })
    child.once('exit', (code) => {
      if (code !== null) reject(new Error(`ct-check ended (${code}) before its first poll`))
    })
  })
}

async function resume(id: number, system?: 'threePhaseSingle'): Promise<{ code: number; text: string }> {
  const written: string[] = []
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    written.push(String(chunk))
    return true
  })
  try {
    const out = await createOut(false, 'en')
    return { code: await recordsResumeCommand(out, { id, demo: true, system, dataDir }), text: written.join('') }
  } finally {
    spy.mockRestore()
  }
}

describe('fieldbench records resume (CT check)', () => {
  // the cloud is polled every 10 s on the real clock: a poll before the crash, one or two after it
  it('polls the check it had started instead of sending the start again, and says the inverter did not start it', async () => {
    const id = await crashedCheck(['--system', 'threePhaseSingle'])
    const { code, text } = await resume(id)
    expect(text).toContain(`Resuming record ${id} (CT detection)`)
    expect(text).toContain('The inverter did not start the check')
    expect(text).not.toContain('Verdict: PASS')
    expect(code).toBe(EXIT.fail)
    const core = await cliCore(dataDir)
    try {
      const record = core.records.get(id)
      // one start, sent by the process that crashed; the resumed job polled only
      expect(record.steps.filter((step) => step.key === 'start')).toHaveLength(1)
      expect(core.records.summary(id)).toMatchObject({ status: 'completed', verdict: 'fail' })
    } finally {
      await core.dispose()
    }
  }, 90_000)
})

describe('fieldbench records resume (refusals)', () => {
  it('a record that is not interrupted, or of a job the command line cannot answer, is refused before anything runs', async () => {
    const core = await cliCore(dataDir)
    const done = core.records.create({ jobType: 'linkCheck' })
    core.records.finish(done.id, 'pass')
    const commissioning = core.records.create({ jobType: 'inverterCommissioning' })
    await core.dispose()
    const out = await createOut(false, 'en')
    await expect(recordsResumeCommand(out, { id: done.id, dataDir })).rejects.toThrow(`Record ${done.id} is not interrupted (Completed)`)
    await expect(recordsResumeCommand(out, { id: commissioning.id, dataDir })).rejects.toThrow(UsageError)
    await expect(recordsResumeCommand(out, { id: commissioning.id, dataDir })).rejects.toThrow('can be resumed in the app only')
  })
})

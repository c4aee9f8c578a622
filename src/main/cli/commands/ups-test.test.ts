import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { VirtualClock } from '../../core/clock'
import type { CoreOptions } from '../../core/core'
import { type PtyUps, startPtyUps } from '../../devices/ups/harness'
import type { UpsSimOptions } from '../../devices/ups/simulator'
import { SEED_PATH } from '../../devices/ups/test-files'
import { LineTally } from '../../transport/serial/line-tally'
import { NodeSerialOpener } from '../../transport/serial/node-serial'
import { createOut, EXIT, exitCodeFor } from '../output'
import { upsTestCommand } from './ups-test'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

/** A simulated UPS on a pty pair; the command's core runs on the UPS's virtual clock, so a minute on battery costs no real time. */
async function setup(options: UpsSimOptions = {}): Promise<{ ups: PtyUps; dir: string; core: CoreOptions }> {
  const tally = new LineTally()
  const clock = new VirtualClock(undefined, true, tally.underWay)
  const ups = await startPtyUps({ clock, ...options }, { tally })
  const dir = mkdtempSync(join(tmpdir(), 'fieldbench-ups-test-'))
  cleanups.push(async () => {
    await ups.close()
    rmSync(dir, { recursive: true, force: true })
  })
  return { ups, dir, core: { clock, opener: tally.opener(new NodeSerialOpener()) } }
}

/** Runs the command with no terminal, capturing what it prints; `onLine` is the engineer at the UPS reading along. */
async function run(args: Parameters<typeof upsTestCommand>[1], core: CoreOptions, onLine: (line: string) => void = () => undefined, language: 'en' | 'pl' = 'en') {
  const printed: string[] = []
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    const text = String(chunk)
    printed.push(text)
    for (const line of text.split('\n')) if (line) onLine(line)
    return true
  })
  try {
    const out = await createOut(false, language)
    const code = await upsTestCommand(out, args, core)
    return { code, text: printed.join('') }
  } finally {
    write.mockRestore()
  }
}

describe('fieldbench ups test', () => {
  it('without a terminal: says to cut and restore mains, waits for the UPS itself, exit 0 on PASS', async () => {
    const { ups, dir, core } = await setup()
    const { code, text } = await run({ port: ups.path, durationS: 10, dataDir: join(dir, 'data') }, core, (line) => {
      if (line.startsWith('Cut the mains supply')) ups.sim.setMains(false)
      if (line.startsWith('Restore the mains supply')) ups.sim.setMains(true)
    })
    expect(code, text).toBe(EXIT.ok)
    expect(text).toContain('Mains cut: transfer to battery: PASS')
    expect(text).toMatch(/Transfer time \(last poll on mains to first on battery\): 1000 ms/)
    expect(text).toContain('Mains restored: return and alarms cleared: PASS')
  })

  it('exit 1 on FAIL: nobody cuts mains, the wait runs out from the question', async () => {
    const { ups, dir, core } = await setup()
    const { code, text } = await run({ port: ups.path, durationS: 10, dataDir: join(dir, 'data') }, core, () => undefined, 'pl')
    expect(code).toBe(EXIT.fail)
    expect(text).toContain('UPS nie przeszedł na baterię przed upływem czasu oczekiwania.')
  })

  it('Ctrl-C on battery suspends it: the closing line says how to resume it, and the record stays in progress', async () => {
    const { ups, dir, core } = await setup()
    let interrupted = false
    const { code, text } = await run({ port: ups.path, durationS: 60, dataDir: join(dir, 'data') }, core, (line) => {
      if (line.startsWith('Cut the mains supply')) ups.sim.setMains(false)
      // the engineer presses Ctrl-C once the UPS is on battery and the discharge runs
      if (!interrupted && line.startsWith('Mains cut: transfer to battery: PASS')) {
        interrupted = true
        queueMicrotask(() => process.emit('SIGINT'))
      }
    })
    expect(code).toBe(EXIT.error)
    expect(text.trimEnd().split('\n').at(-1)).toMatch(/^Suspended, not finished: record (\d+) stays in progress\. Resume it with: fieldbench records resume \1$/)
  })

  it('refuses the seed file with its placeholder, and starts nothing', async () => {
    const { ups, dir, core } = await setup()
    const refused = run({ port: ups.path, ini: SEED_PATH, dataDir: join(dir, 'data') }, core)
    await expect(refused).rejects.toMatchObject({ code: 'upsFilePlaceholder' })
    expect(exitCodeFor(await refused.catch((err: unknown) => err))).toBe(EXIT.error)
  })
})

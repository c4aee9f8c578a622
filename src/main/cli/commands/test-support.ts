import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { vi } from 'vitest'
import { VirtualClock } from '../../core/clock'
import { EvseSimulator, type EvseSimOptions } from '../../devices/evse/simulator'
import { createOut, type Out } from '../output'

/** What a command printed, stdout and stderr in the order written, and its exit code. */
export interface CommandRun {
  code: number
  text: string
}

/**
 * Runs one command through the output layer the command line uses, in `lang`
 * and as JSON lines with `json`; a refusal it throws becomes its exit code and
 * message, as `fieldbench` itself turns it.
 */
export async function runCommand(command: (out: Out) => Promise<number>, { lang = 'en', json = false } = {}): Promise<CommandRun> {
  const written: string[] = []
  const capture = (chunk: unknown) => {
    written.push(String(chunk))
    return true
  }
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(capture)
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(capture)
  try {
    const out = await createOut(json, lang)
    let code: number
    try {
      code = await command(out)
    } catch (err) {
      code = out.error(err)
    }
    return { code, text: written.join('') }
  } finally {
    stdout.mockRestore()
    stderr.mockRestore()
  }
}

/** A simulated charger on loopback on its own virtual clock, and a data folder for the command's records and files. */
export interface ChargerBench {
  sim: EvseSimulator
  clock: VirtualClock
  /** the charger's address with its port, as `--host` takes it */
  host: string
  dir: string
  dispose(): Promise<void>
}

export async function chargerBench(options: Omit<EvseSimOptions, 'clock'> = {}): Promise<ChargerBench> {
  const clock = new VirtualClock(undefined, true)
  const sim = await new EvseSimulator({ ...options, clock }).start()
  const dir = await mkdtemp(join(tmpdir(), 'fieldbench-evse-cli-'))
  return {
    sim,
    clock,
    host: new URL(sim.url).host,
    dir,
    dispose: async () => {
      await sim.dispose()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

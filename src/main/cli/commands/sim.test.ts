import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../../../..')
const CLI = join(ROOT, 'out/main/cli.js')
const env = { ...process.env, LANG: 'en_US.UTF-8', FIELDBENCH_LANG: '' }
const running: ChildProcess[] = []
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
})

interface Sim {
  child: ChildProcess
  ready: { port: string }
  output: () => string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/** `fieldbench sim <device> --json`, resolved once it says it is ready. */
function startSim(device: string): Promise<Sim> {
  if (!existsSync(CLI)) throw new Error('out/main/cli.js is missing: run npm run build')
  const child = spawn(process.execPath, [CLI, 'sim', device, '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  running.push(child)
  let text = ''
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })))
  return new Promise((resolvePromise, reject) => {
    const onData = (d: Buffer) => {
      text += d.toString()
      const line = text.split('\n').find((l) => l.startsWith('{'))
      if (line) resolvePromise({ child, ready: JSON.parse(line) as { port: string }, output: () => text, exited })
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    void exited.then(({ code }) => reject(new Error(`sim exited ${code}: ${text}`)))
  })
}

/** The socat the simulator started for its pair: its own child, found by parent id. */
function socatOf(pid: number): number {
  const children = readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
    readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number),
  )
  const socat = children.find((child) => readFileSync(`/proc/${child}/comm`, 'utf8').trim() === 'socat')
  if (!socat) throw new Error(`no socat under ${pid}`)
  return socat
}

const within = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms))])

describe.runIf(process.platform === 'linux')('fieldbench sim on a line that goes away', () => {
  for (const device of ['cabinet', 'loopback']) {
    it(`${device}: stops with a clear line when the other end of its pair is gone, instead of spinning`, async () => {
      const sim = await startSim(device)
      process.kill(socatOf(sim.child.pid!), 'SIGKILL')
      // a bounded wait: a simulator stuck re-reading end-of-file never exits
      const exit = await within(sim.exited, 5000, 'the simulator to stop')
      expect({ ...exit, output: sim.output() }).toMatchObject({ code: 3 })
      expect(sim.output()).toContain('"code":"portDisconnected"')
      expect(sim.output()).toContain('was lost')
    })
  }

  it('stops on one SIGTERM, and ends its pair', async () => {
    const sim = await startSim('cabinet')
    expect(existsSync(sim.ready.port)).toBe(true)
    sim.child.kill('SIGTERM')
    const exit = await within(sim.exited, 5000, 'one SIGTERM to stop the simulator')
    expect({ ...exit, output: sim.output() }).toMatchObject({ code: 0, signal: null })
    // socat was asked to stop and took its links with it
    expect(existsSync(sim.ready.port)).toBe(false)
  })
})

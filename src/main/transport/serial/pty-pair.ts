import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readlinkSync, rmSync, symlinkSync, unlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AppError } from '@shared/contract'

export interface PtyPair {
  /** the end the app (or the client under test) opens */
  app: string
  /** the end the simulator plays the device on */
  device: string
  /** true while socat runs */
  readonly alive: boolean
  /** ends socat: both ends see the line drop, and this pair is gone for good */
  close(): Promise<void>
  /** kills socat outright, as a crash would: the links stay behind, pointing at pseudo-terminals that are gone */
  crash(): Promise<void>
  /** takes the app's path away while socat runs on, as when an adapter is pulled */
  pull(): void
  /** puts the app's path back, to the same pseudo-terminal: the same device returning */
  replug(): void
}

/**
 * Characters socat's address syntax gives a meaning to (`,` between options,
 * `:` before parameters, `!!` between two addresses, quotes, brackets and the
 * backslash in 1.7.4 and later). Escaping them depends on the socat version,
 * so a path with any of them is refused rather than passed on.
 */
const SOCAT_SYNTAX = /[,:!"'\\()[\]{}]/g

function assertPlainForSocat(path: string): void {
  const found = [...new Set(path.match(SOCAT_SYNTAX) ?? [])]
  if (found.length) throw new AppError('ptyPathUnsafe', { path, characters: found.join(' ') })
}

/**
 * A connected pair of pseudo-terminals from socat: what one end writes, the
 * other reads, and `serialport` opens either like hardware. Links are named
 * so a test can pull the app's end and plug the same device back (`pull`,
 * `replug`), or end the pair (`close`): a new pair on the same folder is
 * another device behind the same path.
 */
export async function createPtyPair(options: { dir?: string; timeoutMs?: number } = {}): Promise<PtyPair> {
  // before anything is made: mkdtemp's own suffix is letters and digits
  assertPlainForSocat(options.dir ?? tmpdir())
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'fieldbench-pty-'))
  const app = join(dir, 'app')
  const device = join(dir, 'device')
  let child: ChildProcess
  try {
    child = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${app}`, `pty,raw,echo=0,link=${device}`], { stdio: ['ignore', 'ignore', 'pipe'] })
  } catch {
    throw new Error('socat is needed for a pseudo-terminal pair (apt-get install socat, brew install socat)')
  }
  let exited = false
  let stderr = ''
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString()
  })
  const exitedPromise = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true
      resolve()
    })
    child.once('error', () => {
      exited = true
      resolve()
    })
  })
  // socat logs "starting data transfer loop" once both ends exist
  const deadline = Date.now() + (options.timeoutMs ?? 5000)
  while (!/starting data transfer loop/.test(stderr) || !existsSync(app) || !existsSync(device)) {
    if (exited) throw new Error(`socat exited: ${stderr.trim() || 'is socat installed?'}`)
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error('socat did not create the pseudo-terminal pair in time')
    }
    await new Promise((r) => setTimeout(r, 10))
  }
  const appTarget = readlinkSync(app)
  return {
    app,
    device,
    get alive() {
      return !exited
    },
    async crash() {
      if (!exited) {
        child.kill('SIGKILL')
        await exitedPromise
      }
    },
    pull() {
      unlinkSync(app)
    },
    replug() {
      symlinkSync(appTarget, app)
    },
    async close() {
      if (!exited) {
        child.kill('SIGTERM')
        await exitedPromise
      }
      if (!options.dir) rmSync(dir, { recursive: true, force: true })
    },
  }
}

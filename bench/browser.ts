import { type ChildProcess, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { type Browser, type CDPSession, chromium, type Page } from '@playwright/test'
import { onTestFinished } from 'vitest'

const ROOT = resolve(import.meta.dirname, '..')
const OUT = join(ROOT, 'bench/.out')

export interface BenchServer {
  url: string
  token: string
  child: ChildProcess
  /** the server's own data folder, made for this run */
  dataDir: string
  /** Ends the server and removes its data folder; the bench that started it calls this. */
  stop(): Promise<void>
}

/**
 * The built app in browser mode with demo devices, on a random loopback port and a
 * fresh data folder, once it has printed its ready line (30 s at most).
 */
export async function startServer(): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fieldbench-bench-'))
  const child = spawn(process.execPath, [join(ROOT, 'out/main/web.js'), '--data-dir', dataDir, '--port', '0', '--demo'], {
    env: { ...process.env, FIELDBENCH_OPENER: 'none' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  // kept only to explain a server that never came up; the tail is enough and bounds the memory
  let stderr = ''
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((done) => child.once('exit', () => done()))
      child.kill('SIGTERM')
      // a server that will not end must not hold the bench run: removed from under it all the same
      await Promise.race([exited, new Promise<void>((done) => setTimeout(done, 5000).unref())])
    }
    rmSync(dataDir, { recursive: true, force: true })
  }
  try {
    const ready = await new Promise<{ url: string; token: string }>((done, fail) => {
      let buffer = ''
      const timer = setTimeout(() => fail(new Error(`browser mode did not start in 30 s: ${stderr}`)), 30_000)
      child.stdout!.on('data', (d: Buffer) => {
        buffer += d.toString()
        const line = buffer.split('\n').find((l) => l.startsWith('{'))
        if (line) {
          clearTimeout(timer)
          done(JSON.parse(line) as { url: string; token: string })
        }
      })
      child.once('exit', (code) => {
        clearTimeout(timer)
        fail(new Error(`browser mode exited ${code}: ${stderr}`))
      })
    })
    return { ...ready, child, dataDir, stop }
  } catch (error) {
    await stop()
    throw error
  }
}

/** For the heap figures: a GC the page can call, and the used heap to the byte rather than Chromium's coarse default. */
export const MEASURING_ARGS = ['--no-sandbox', '--disable-gpu', '--js-flags=--expose-gc', '--enable-precise-memory-info']

/** Debian's Chromium unless CHROMIUM_PATH names another. */
export function launchChromium(args: string[]): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args })
}

/**
 * The built app in browser mode (demo devices) in a measuring Chromium,
 * ready, with its bridge socket kept as `window.__bridge` so a bench can hand
 * the page messages as main sends them. Every message main sends goes to
 * `keep`, an in-page function `(text, window)`, so a bench can keep the one it
 * needs as a template. The server and the browser end with the test.
 */
export async function openBenchPage(viewport: { width: number; height: number }, keep: string): Promise<{ server: BenchServer; page: Page }> {
  const server = await startServer()
  onTestFinished(() => server.stop())
  const browser = await launchChromium(MEASURING_ARGS)
  onTestFinished(() => browser.close())
  const page = await browser.newPage({ viewport })
  page.setDefaultTimeout(30_000)
  await page.addInitScript(`(() => {
  const keep = ${keep}
  const Native = window.WebSocket
  window.WebSocket = class extends Native {
    constructor(url, protocols) {
      super(url, protocols)
      window.__bridge = this
      this.addEventListener('message', (event) => keep(String(event.data), window))
    }
  }
})()`)
  await page.goto(`${server.url}#token=${server.token}`)
  await page.waitForSelector('[data-testid=app-ready]')
  return { server, page }
}

/** The page's used JS heap in MB after three GCs a little apart (Chromium started with MEASURING_ARGS). */
export async function heapMb(page: Page): Promise<number> {
  return (await page.evaluate(async () => {
    const w = window as unknown as { gc?: () => void; performance: { memory?: { usedJSHeapSize: number } } }
    for (let i = 0; i < 3; i++) {
      w.gc?.()
      await new Promise((r) => setTimeout(r, 50))
    }
    return (w.performance.memory?.usedJSHeapSize ?? NaN) / 2 ** 20
  })) as number
}

/** The renderer main thread's CPU time so far, in ms: on a machine shared with other work, what the page itself spent. */
export async function threadMs(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }
  return (metrics.find((m) => m.name === 'ThreadTime')?.value ?? NaN) * 1000
}

/** Timings that gave up are NaN; they are counted apart, not averaged in. */
export const finite = (xs: number[]): number[] => xs.filter(Number.isFinite)

/** The page as measured, `bench/.out/<name>.png`, for a look after the run. */
export async function benchShot(page: Page, name: string): Promise<void> {
  mkdirSync(OUT, { recursive: true })
  await page.screenshot({ path: join(OUT, `${name}.png`) })
}

/**
 * An in-page script of `args`: hands the page its message with `send` (an
 * in-page function of `args`) and resolves with the ms from then to the frame
 * in which the last element matching `layer` (a chart's `g.series-layer`,
 * which carries the store revision it drew) shows a new revision; NaN after
 * 3 s. The live-chart benches measure "message → drawn frame" with it.
 */
export function drawnFrameScript(layer: string, send: string): string {
  return `(args) => new Promise((done) => {
  const layer = () => [...document.querySelectorAll(${JSON.stringify(layer)})].at(-1)
  const before = layer()?.getAttribute('data-revision')
  const timer = setTimeout(() => { observer.disconnect(); done(NaN) }, 3000)
  const observer = new MutationObserver(() => {
    const now = layer()?.getAttribute('data-revision')
    if (now && now !== before) {
      observer.disconnect()
      clearTimeout(timer)
      requestAnimationFrame(() => done(performance.now() - t0))
    }
  })
  observer.observe(document.body, { subtree: true, childList: true, attributes: true })
  const t0 = performance.now()
  ;(${send})(args)
})`
}

export interface LiveRun {
  /** ms from each message to its drawn frame, NaN where the page gave up */
  drawn: number[]
  /** the renderer main thread's CPU per second of the run, in ms */
  cpuPerSecond: number
  /** the machine's load average when the run began: the CPU figure is read against it */
  load: number
  /** still enabled, for the bench's further CPU readings */
  cdp: CDPSession
}

/**
 * `count` runs of an in-page script one second apart, as a live poll would arrive,
 * each `script(i)` resolving with its ms to the drawn frame.
 */
export async function everySecond(page: Page, count: number, script: (i: number) => string): Promise<LiveRun> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  const load = loadavg()[0]!
  const cpuBefore = await threadMs(cdp)
  const drawn: number[] = []
  for (let i = 0; i < count; i++) {
    const t0 = Date.now()
    drawn.push((await page.evaluate(script(i))) as number)
    await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - t0))))
  }
  return { drawn, cpuPerSecond: ((await threadMs(cdp)) - cpuBefore) / count, load, cdp }
}

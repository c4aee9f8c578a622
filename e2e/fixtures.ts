import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { _electron, type Browser, chromium, type ElectronApplication, test as base, expect, type Page } from '@playwright/test'

export const ROOT = resolve(import.meta.dirname, '..')

/** Debian's Chromium by default; CHROMIUM_PATH overrides (a developer's own Chrome, say). */
function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[]
  return candidates.find((p) => existsSync(p))
}

/** The Electron binary, only if it is already on disk: requiring `electron` would try to download it. */
export function electronBinary(): string | null {
  const dir = join(ROOT, 'node_modules', 'electron')
  const pathFile = join(dir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const exe = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(exe) ? exe : null
}

export const ELECTRON_SKIP =
  'Electron binary not present (it cannot be downloaded on this machine); the browser project runs these same specs against browser mode'

export interface WebServerProcess {
  url: string
  token: string
  child: ChildProcess
  stop(): Promise<void>
}

/** Starts browser mode (`out/main/web.js`) on a random loopback port and waits for its ready line. */
export async function startWebServer(userData: string, extraArgs: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<WebServerProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'out/main/web.js'), '--data-dir', userData, '--port', '0', ...extraArgs], {
    env: { ...process.env, FIELDBENCH_OPENER: 'none', FIELDBENCH_PORT_POLL_MS: '250', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
  const ready = await new Promise<{ url: string; token: string }>((resolvePromise, reject) => {
    let buffer = ''
    const timer = setTimeout(() => reject(new Error(`browser mode did not start: ${stderr}`)), 15_000)
    child.stdout!.on('data', (d: Buffer) => {
      buffer += d.toString()
      const line = buffer.split('\n').find((l) => l.startsWith('{'))
      if (line) {
        clearTimeout(timer)
        resolvePromise(JSON.parse(line) as { url: string; token: string })
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`browser mode exited (${code}): ${stderr}`))
    })
  })
  return {
    ...ready,
    child,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done()
        const kill = setTimeout(() => child.kill('SIGKILL'), 5000)
        child.once('exit', () => {
          clearTimeout(kill)
          done()
        })
        child.kill('SIGTERM')
      }),
  }
}

export interface AppHandle {
  page: Page
  variant: 'browser' | 'electron'
  userData: string
  /** browser mode only: the server and its token */
  server?: WebServerProcess
  electron?: ElectronApplication
  /** console messages the page logged as errors, CSP violations among them */
  consoleErrors: string[]
}

let sharedBrowser: Browser | null = null

async function launchChromium(): Promise<Browser> {
  if (sharedBrowser?.isConnected()) return sharedBrowser
  sharedBrowser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-gpu'],
  })
  return sharedBrowser
}

export const test = base.extend<{ app: AppHandle }>({
  app: async ({ locale }, use, testInfo) => {
    const variant = testInfo.project.name === 'electron' ? 'electron' : 'browser'
    const userData = mkdtempSync(join(tmpdir(), 'fieldbench-e2e-'))
    const consoleErrors: string[] = []
    let handle: AppHandle
    if (variant === 'electron') {
      const exe = electronBinary()
      test.skip(!exe, ELECTRON_SKIP)
      const electron = await _electron.launch({
        executablePath: exe!,
        args: [join(ROOT, 'out/main/index.js'), `--lang=${locale ?? 'en-US'}`],
        env: { ...process.env, FIELDBENCH_USER_DATA: userData, FIELDBENCH_OPENER: 'none' },
        timeout: 20_000,
      })
      const page = await electron.firstWindow()
      handle = { page, variant, userData, electron, consoleErrors }
    } else {
      const server = await startWebServer(userData)
      const browser = await launchChromium()
      const context = await browser.newContext({ locale: locale ?? 'en-US', acceptDownloads: true, viewport: { width: 1280, height: 860 } })
      const page = await context.newPage()
      await page.goto(`${server.url}#token=${server.token}`)
      handle = { page, variant, userData, server, consoleErrors }
    }
    handle.page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text())
    })
    handle.page.on('pageerror', (err) => consoleErrors.push(err.message))
    await handle.page.waitForSelector('[data-testid=app-ready]', { timeout: 20_000 })
    await use(handle)
    // close with a time limit: a hung app must not hang the run
    const closing = (async () => {
      if (handle.electron) await handle.electron.close()
      else {
        await handle.page.context().close()
        await handle.server?.stop()
      }
    })()
    await Promise.race([closing, new Promise((r) => setTimeout(r, 10_000))])
    rmSync(userData, { recursive: true, force: true })
  },
})

/** Fails on console errors, CSP violations among them. */
export function expectNoConsoleErrors(app: AppHandle): void {
  expect(app.consoleErrors, app.consoleErrors.join('\n')).toEqual([])
}

/** Takes the first-run choice. */
export async function chooseDemo(page: Page): Promise<void> {
  await page.getByTestId('first-run-demo').click()
  await expect(page.locator('.shell[data-testid=app-ready]')).toBeVisible()
}

export { expect }

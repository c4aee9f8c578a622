import { type ChildProcess, spawn } from 'node:child_process'
import { join } from 'node:path'
import { createPtyPair, type PtyPair } from '../src/main/transport/serial/pty-pair'
import { type AppHandle, expect, ROOT, test } from './fixtures'

const CLI = join(ROOT, 'out/main/cli.js')

/** Starts `fieldbench link-check` on the app's own data folder and kills it (SIGKILL) while its echo step runs: a crash mid-job. */
async function crashMidJob(app: AppHandle, port: string): Promise<void> {
  const child = spawn(process.execPath, [CLI, 'link-check', '--port', port, '--baud', '9600', '--label', 'CRASH-1', '--json', '--data-dir', app.userData], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  await new Promise<void>((resolve, reject) => {
    let buffer = ''
    child.stdout!.on('data', (d: Buffer) => {
      buffer += d.toString()
      if (buffer.includes('"event":"running","recordId":1,"step":"echo"')) resolve()
    })
    child.once('exit', (code) => reject(new Error(`link-check ended on its own (${code})`)))
  })
  child.removeAllListeners('exit')
  const gone = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGKILL')
  await gone
}

/** Plays a loopback plug on the far end of the line; resolves once it is listening (a plug is on before the job resumes). */
async function loopbackOn(devicePath: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [CLI, 'sim', 'loopback', '--port', devicePath, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] })
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('"event":"ready"')) resolve()
    })
    child.once('exit', (code) => reject(new Error(`sim exited (${code})`)))
  })
  child.removeAllListeners('exit')
  return child
}

let pair: PtyPair
test.beforeEach(async () => {
  pair = await createPtyPair()
})
test.afterEach(async () => {
  await pair.close()
})

test('a job killed mid-way is offered on the next start: closed as aborted, it says so in Records', async ({ app }) => {
  const { page } = app
  await page.getByTestId('first-run-hardware').click()
  await crashMidJob(app, pair.app)
  await page.reload()
  const panel = page.getByTestId('interrupted')
  await expect(panel).toContainText('CRASH-1')
  await panel.getByRole('button').nth(1).click()
  await expect(panel).toHaveCount(0)
  await page.locator('[data-nav=records]').click()
  await page.locator('[data-record]').first().click()
  await expect(page.getByTestId('record-status')).toContainText('Aborted')
  await expect(page.locator('[data-step=open]')).toContainText('PASS')
})

test('a job killed mid-way can be resumed and finished, keeping what it had recorded', async ({ app }) => {
  const { page } = app
  await page.getByTestId('first-run-hardware').click()
  await crashMidJob(app, pair.app)
  const plug = await loopbackOn(pair.device)
  try {
    await page.reload()
    const panel = page.getByTestId('interrupted')
    await expect(panel).toContainText('CRASH-1')
    await panel.getByRole('button').first().click()
    await expect(page.getByTestId('link-progress')).toHaveAttribute('data-phase', 'finished', { timeout: 30_000 })
    await expect(page.getByTestId('link-result').locator('[data-verdict=pass]')).toBeVisible()
    await page.getByTestId('link-open-record').click()
    // the steps from before the crash are still there, the interrupted one marked so
    await expect(page.locator('[data-status=interrupted]')).toHaveCount(1)
    await expect(page.locator('[data-step=open]')).toHaveCount(2)
  } finally {
    plug.kill('SIGTERM')
  }
})

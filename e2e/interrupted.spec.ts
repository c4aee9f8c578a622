import { createPtyPair, type PtyPair } from '../src/main/transport/serial/pty-pair'
import { expect, test } from './fixtures'
import { crashMidJob, loopbackOn } from './link-check-cli'

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

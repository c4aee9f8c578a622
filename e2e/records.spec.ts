import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { chooseDemo, expect, expectNoConsoleErrors, test } from './fixtures'

async function runLinkCheck(page: Page, label: string) {
  await page.locator('[data-nav=linkCheck]').click()
  await page.getByTestId('link-port').selectOption('sim:loopback')
  await page.getByTestId('link-adapter').fill(label)
  await page.getByTestId('link-site').fill('Bench 4, Gdańsk')
  await page.getByTestId('link-start').click()
  await expect(page.getByTestId('link-progress')).toHaveAttribute('data-phase', 'finished', { timeout: 20_000 })
}

async function download(page: Page, testId: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()])
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') }
}

test('a demo job leaves a record that can be found and exported as JSON and as a printable report', async ({ app }) => {
  const { page } = app
  await chooseDemo(page)
  await runLinkCheck(page, 'USB-RS485-07')
  await expect(page.getByTestId('link-result').locator('[data-verdict=pass]')).toBeVisible()
  for (const step of ['open', 'echo', 'throughput', 'close']) {
    await expect(page.locator(`[data-step=${step}]`)).toHaveAttribute('data-verdict', 'pass')
  }
  // the sustained rate as measured, beside what it had to reach and what the baud rate carries
  await expect(page.getByTestId('link-rate')).toContainText(/Measured [\d,.]+ B\/s · needs at least [\d,.]+ B\/s · the baud rate carries 11,520 B\/s/)

  await page.getByTestId('link-open-record').click()
  const record = page.getByTestId('record')
  await expect(record).toContainText('USB-RS485-07')
  await expect(record.locator('[data-step=echo]')).toContainText('256')

  const json = await download(page, 'export-json')
  expect(json.name).toMatch(/^fieldbench-linkCheck-\d+\.json$/)
  const exported = JSON.parse(json.text) as { format: string; record: { verdict: string; steps: unknown[]; exchanges: { data: string }[] } }
  expect(exported.format).toBe('fieldbench.record')
  expect(exported.record.verdict).toBe('pass')
  expect(exported.record.steps).toHaveLength(4)
  expect(exported.record.exchanges.length).toBeGreaterThanOrEqual(12)

  const html = await download(page, 'export-html')
  expect(html.name).toMatch(/\.html$/)
  expect(html.text).toContain('USB-RS485-07')
  expect(html.text).toContain('Bench 4, Gdańsk')

  await page.locator('[data-nav=records]').click()
  await page.getByTestId('records-serial').fill('RS485')
  await expect(page.getByTestId('records-total')).toHaveText('1 record')
  await page.getByTestId('records-verdict').selectOption('fail')
  await expect(page.getByTestId('records-total')).toHaveText('0 records')
  expectNoConsoleErrors(app)
})

test('the printable report follows the language of the UI', async ({ app }) => {
  const { page } = app
  await chooseDemo(page)
  await page.getByTestId('language-select').selectOption('zh')
  await runLinkCheck(page, 'CH340-A')
  await page.getByTestId('link-open-record').click()
  const html = await download(page, 'export-html')
  expect(html.text).toContain('lang="zh-CN"')
  expect(html.text).toContain('合格')
  if (app.variant === 'browser') {
    // PDF needs Electron's printToPDF: the button says so instead of failing
    await expect(page.getByTestId('export-pdf')).toBeDisabled()
  } else {
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-pdf').click()])
    expect(readFileSync(await pdf.path()).subarray(0, 5).toString()).toBe('%PDF-')
  }
})

test('pulling the cable mid-check pauses the job, and it finishes once the cable is back', async ({ app }) => {
  const { page } = app
  await chooseDemo(page)
  await page.locator('[data-nav=linkCheck]').click()
  await page.getByTestId('link-port').selectOption('sim:loopback')
  await page.getByTestId('link-baud').selectOption('9600')
  await page.getByTestId('link-start').click()
  // 4 KiB at 9600 Bd takes over four seconds: time to pull the cable during the throughput step
  await expect(page.locator('[data-step=echo]')).toHaveAttribute('data-verdict', 'pass')
  await page.getByTestId('demo-cable').click()
  await expect(page.getByTestId('link-progress')).toHaveAttribute('data-phase', 'paused')
  await expect(page.getByRole('status')).toContainText('unplugged')
  await expect(page.getByTestId('demo-cable')).toHaveAttribute('data-unplugged', 'true')
  await page.getByTestId('demo-cable').click()
  await expect(page.getByTestId('link-progress')).toHaveAttribute('data-phase', 'finished', { timeout: 20_000 })
  await expect(page.getByTestId('link-result').locator('[data-verdict=pass]')).toBeVisible()
  await page.getByTestId('link-open-record').click()
  await expect(page.locator('[data-step=throughput]')).toHaveCount(2)
})

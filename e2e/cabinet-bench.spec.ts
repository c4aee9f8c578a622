import { readFileSync } from 'node:fs'
import { chooseDemo, expect, expectNoConsoleErrors, test } from './fixtures'

test("a scan with the operator field empty says what is missing, and the test starts once it is given", async ({ app }) => {
  const { page } = app
  await chooseDemo(page)
  await page.locator('[data-nav=cabinetTest]').click()
  await expect(page.getByTestId('cabinet-port')).toHaveValue('sim:cabinet')
  await page.getByTestId('cabinet-operator').fill('')
  await page.locator('h1').click()
  // the reader's burst in one go: typed key by key, a busy machine can stretch the gaps past a reader's
  await page.evaluate((code) => {
    for (const key of [...code, 'Enter']) window.dispatchEvent(new KeyboardEvent('keydown', { key }))
  }, 'CAB-E2E-0100')
  await expect(page.getByTestId('cabinet-scan-missing')).toContainText('Scanned CAB-E2E-0100, but the test cannot start yet. Still needed: Operator.')
  await expect(page.getByTestId('cabinet-operator')).toBeFocused()
  await expect(page.getByTestId('cabinet-start')).toBeDisabled()
  await page.keyboard.type('Ana Silva')
  await expect(page.getByTestId('cabinet-scan-missing')).toHaveCount(0)
  await page.getByTestId('cabinet-start').click()
  await expect(page.getByTestId('cabinet-safety')).toBeVisible()
  await page.getByTestId('cabinet-safety-decline').click()
  await expect(page.getByTestId('cabinet-aborted')).toBeVisible()
  expectNoConsoleErrors(app)
})

test("today's cabinets on the cabinet page, and a shift exported as one CSV", async ({ app }) => {
  // a whole cabinet test, then the shift: more than the default on a busy machine
  test.setTimeout(120_000)
  const { page } = app
  await chooseDemo(page)
  await page.locator('[data-nav=cabinetTest]').click()
  await expect(page.getByTestId('cabinet-shift-today')).toContainText('no cabinet tested yet')
  await page.getByTestId('cabinet-operator').fill('Jan Kowalski')
  await page.getByTestId('demo-dead-channel').selectOption('3')
  await page.getByTestId('cabinet-serial').fill('CAB-E2E-SHIFT')
  await page.getByTestId('cabinet-start').click()
  await page.getByTestId('cabinet-safety-read').check()
  await page.getByTestId('cabinet-safety-confirm').click()
  await expect(page.getByTestId('cabinet-doors')).toBeVisible()
  await page.getByTestId('demo-close-all').click()
  await page.getByTestId('cabinet-airflow-yes').click()
  await expect(page.getByTestId('cabinet-result')).toHaveAttribute('data-verdict', 'fail', { timeout: 30_000 })
  await expect(page.getByTestId('cabinet-shift-today')).toHaveText('Today: 1 cabinet tested · 0 % passed · most failures: channel 3 (on 1 cabinet)')

  await page.getByTestId('cabinet-shift-open').click()
  await page.getByTestId('cabinet-shift-start').fill('6:00')
  await expect(page.getByTestId('cabinet-shift-problem')).toContainText('Give the start as HH:MM in 24-hour time')
  await expect(page.getByTestId('cabinet-shift-export')).toBeDisabled()
  await page.getByTestId('cabinet-shift-start').fill('00:00')
  await expect(page.getByTestId('cabinet-shift-count')).toHaveText('1 test in this shift')
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('cabinet-shift-export').click()])
  expect(file.suggestedFilename()).toMatch(/^fieldbench-cabinets-\d{4}-\d{2}-\d{2}-0000-2400\.csv$/)
  const [header, row] = readFileSync(await file.path(), 'utf8').replace(/^\uFEFF/, '').split('\r\n')
  expect(header).toContain('Channel 3 current (A)')
  expect(row).toMatch(/^\d+,CAB-E2E-SHIFT,Jan Kowalski,\d{4}-\d{2}-\d{2}T[\d:.]+[+-]\d{2}:\d{2},/)
  expect(row).toContain(',FAIL,')
  expectNoConsoleErrors(app)
})

test('a port held by the cabinet terminal is named as such, never by an identifier', async ({ app }) => {
  const { page } = app
  await chooseDemo(page)
  await page.locator('[data-nav=cabinetTest]').click()
  await page.getByTestId('cabinet-tab-terminal').click()
  await page.getByTestId('cabinet-terminal-port').selectOption('sim:cabinet')
  await page.getByTestId('cabinet-terminal-open').click()
  await expect(page.getByTestId('cabinet-terminal-close')).toBeVisible()
  await page.locator('[data-nav=devices]').click()
  await expect(page.locator('[data-port="sim:cabinet"]')).toContainText('Open by the cabinet terminal at 115200 Bd')
  await page.locator('[data-nav=terminal]').click()
  await expect(page.getByTestId('terminal-port').locator('option[value="sim:cabinet"]')).toContainText('in use by the cabinet terminal')
  await page.getByTestId('terminal-port').selectOption('sim:cabinet')
  await page.getByTestId('terminal-open').click()
  await expect(page.getByRole('alert')).toContainText('Port sim:cabinet is in use (the cabinet terminal). Close it there first.')
  await expect(page.locator('body')).not.toContainText('cabinetTerminal')
  expectNoConsoleErrors(app)
})

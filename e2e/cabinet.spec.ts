import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { chooseDemo, expect, expectNoConsoleErrors, ROOT, test } from './fixtures'

const SHOTS = join(ROOT, 'e2e', '.artifacts')

async function openCabinet(page: Page, operator = 'Ana Silva'): Promise<void> {
  await chooseDemo(page)
  await page.locator('[data-nav=cabinetTest]').click()
  await expect(page.getByTestId('cabinet-identify')).toBeVisible()
  await expect(page.getByTestId('cabinet-port')).toHaveValue('sim:cabinet')
  await expect(page.getByTestId('cabinet-profile')).toBeVisible()
  await page.getByTestId('cabinet-operator').fill(operator)
}

/** A keyboard-wedge barcode reader: the code typed fast, then Enter, with the focus anywhere on the page. */
async function scan(page: Page, code: string): Promise<void> {
  await page.locator('h1').click()
  await page.keyboard.type(code, { delay: 4 })
  await page.keyboard.press('Enter')
}

async function confirmSafety(page: Page): Promise<void> {
  await expect(page.getByTestId('cabinet-safety')).toBeVisible()
  await expect(page.getByTestId('cabinet-safety-confirm')).toBeDisabled()
  await page.getByTestId('cabinet-safety-read').check()
  await page.getByTestId('cabinet-safety-confirm').click()
}

const step = (page: Page, key: string) => page.locator(`[data-testid=cabinet-steps] [data-step=${key}]`)
const slot = (page: Page, n: number) => page.locator(`[data-testid=cabinet-slots] [data-slot="${n}"]`)

test('a good cabinet passes: scanned serial, safety, doors lit one by one, airflow, report; then the next cabinet', async ({ app }) => {
  const { page } = app
  await openCabinet(page)
  await scan(page, 'CAB-E2E-0001')
  await confirmSafety(page)

  await expect(page.getByTestId('cabinet-doors')).toBeVisible()
  for (let n = 1; n <= 8; n++) await expect(slot(page, n)).toHaveAttribute('data-state', 'open')
  for (const n of [3, 1]) {
    await page.getByTestId(`demo-door-${n}`).click()
    await expect(slot(page, n)).toHaveAttribute('data-state', 'closed')
  }
  await expect(slot(page, 2)).toHaveAttribute('data-state', 'open')
  await page.getByTestId('demo-close-all').click()
  await expect(page.getByTestId('cabinet-airflow')).toBeVisible()
  await page.getByTestId('cabinet-airflow-yes').click()
  await expect(page.getByTestId('cabinet-chart')).not.toHaveAttribute('data-samples', '0')

  await expect(page.getByTestId('cabinet-result')).toHaveAttribute('data-verdict', 'pass', { timeout: 30_000 })
  for (const key of ['connect', 'locksOpen', 'doorsClose', 'relaysOn', 'fan', 'currents', 'readings', 'relaysOff', 'locksRestore']) {
    await expect(step(page, key)).toHaveAttribute('data-verdict', 'pass')
  }
  await expect(step(page, 'relaysOff')).toContainText('each relay was switched off on its own')
  await page.screenshot({ path: join(SHOTS, 'cabinet-pass-en.png'), fullPage: true })

  // the printable report: serial, operator, profile, firmware, each measurement against its band, the verdict
  const download = page.waitForEvent('download')
  await page.getByTestId('cabinet-report').click()
  const html = readFileSync(await (await download).path(), 'utf8')
  for (const text of ['CAB-E2E-0001', 'Ana Silva', '8-slot cabinet, factory default', 'Board firmware (as given)', 'Channel 9 current', '2.8 … 5.8', 'Outcome: PASS']) {
    expect(html).toContain(text)
  }

  // next cabinet: same profile and operator, a fresh serial, a fresh record
  const first = await page.getByTestId('cabinet-run').getAttribute('data-record')
  await page.getByTestId('cabinet-next').click()
  await expect(page.getByTestId('cabinet-operator')).toHaveValue('Ana Silva')
  await expect(page.getByTestId('cabinet-serial')).toHaveValue('')
  await scan(page, 'CAB-E2E-0002')
  await expect(page.getByTestId('cabinet-safety')).toBeVisible()
  await expect(page.getByTestId('cabinet-facts')).toContainText('CAB-E2E-0002')
  expect(await page.getByTestId('cabinet-run').getAttribute('data-record')).not.toBe(first)
  await page.getByTestId('cabinet-safety-decline').click()
  await expect(page.getByTestId('cabinet-aborted')).toBeVisible()
  expectNoConsoleErrors(app)
})

test('a dead channel fails the test; once mended, a retest of that step alone passes it', async ({ app }) => {
  const { page } = app
  await openCabinet(page, 'Jan Kowalski')
  await page.getByTestId('demo-dead-channel').selectOption('3')
  await page.getByTestId('cabinet-serial').fill('CAB-E2E-DEAD')
  await page.getByTestId('cabinet-start').click()
  await confirmSafety(page)
  await expect(page.getByTestId('cabinet-doors')).toBeVisible()
  await page.getByTestId('demo-close-all').click()
  await page.getByTestId('cabinet-airflow-yes').click()

  await expect(page.getByTestId('cabinet-result')).toHaveAttribute('data-verdict', 'fail', { timeout: 30_000 })
  await expect(step(page, 'currents')).toHaveAttribute('data-verdict', 'fail')
  await expect(step(page, 'relaysOn')).toHaveAttribute('data-verdict', 'fail')
  await expect(step(page, 'locksOpen')).toHaveAttribute('data-verdict', 'pass')
  await expect(step(page, 'readings')).toHaveAttribute('data-verdict', 'pass')
  await page.screenshot({ path: join(SHOTS, 'cabinet-fail-en.png'), fullPage: true })

  await page.getByTestId('demo-dead-channel').selectOption('0')
  await page.getByTestId('cabinet-retest-currents').click()
  await confirmSafety(page)
  await expect(page.getByTestId('cabinet-result')).toHaveAttribute('data-verdict', 'pass', { timeout: 30_000 })
  await expect(step(page, 'currents')).toHaveAttribute('data-verdict', 'pass')
  // the locks were not opened again
  await expect(page.getByTestId('cabinet-doors')).toHaveCount(0)
  expectNoConsoleErrors(app)
})

test('a board that reports only closes: failures named on screen with their bands and red tiles; retest all failed behind one safety confirmation passes and says an earlier attempt failed', async ({ app }) => {
  // a run and its retest, and the profile's wait for openings such a board never reports
  test.setTimeout(120_000)
  const { page } = app
  await openCabinet(page, 'Jan Kowalski')
  await page.getByTestId('demo-lock-reports').selectOption('closesOnly')
  await page.getByTestId('demo-stuck-lock').selectOption('5')
  await page.getByTestId('demo-dead-channel').selectOption('3')
  await page.getByTestId('cabinet-serial').fill('CAB-E2E-CLOSES')
  await page.getByTestId('cabinet-start').click()
  await confirmSafety(page)
  await expect(page.getByTestId('cabinet-doors')).toBeVisible({ timeout: 20_000 })
  await page.getByTestId('demo-close-all').click()
  await page.getByTestId('cabinet-airflow-yes').click()

  await expect(page.getByTestId('cabinet-result')).toHaveAttribute('data-verdict', 'fail', { timeout: 30_000 })
  await expect(step(page, 'doorsClose')).toHaveAttribute('data-verdict', 'pass')
  await expect(step(page, 'locksOpen')).toContainText('Lock 5 did not open')
  await expect(step(page, 'currents')).toContainText('Channel 3 is outside its pass band')
  await expect(page.getByTestId('cabinet-failures').locator('[data-key=current3]')).toContainText(/Channel 3 current: 0 A · band 0\.35 … 0\.7 A/)
  for (const n of [3, 5]) await expect(slot(page, n)).toHaveAttribute('data-state', 'failed')
  await expect(slot(page, 4)).toHaveAttribute('data-state', 'closed')

  await page.getByTestId('demo-stuck-lock').selectOption('0')
  await page.getByTestId('demo-dead-channel').selectOption('0')
  await page.getByTestId('cabinet-retest-all').click()
  await confirmSafety(page)
  await expect(page.getByTestId('cabinet-doors')).toContainText('5', { timeout: 20_000 })
  await page.getByTestId('demo-door-5').click()
  await expect(page.getByTestId('cabinet-result')).toHaveAttribute('data-verdict', 'pass', { timeout: 30_000 })
  await expect(page.getByTestId('cabinet-safety')).toHaveCount(0)
  await expect(page.getByTestId('cabinet-passed-on-retest-panel')).toContainText('an earlier attempt failed')
  await expect(page.getByTestId('job-footer')).toContainText('Passed on a retest: an earlier attempt failed')
  await expect(page.getByTestId('cabinet-failures')).toHaveCount(0)
  await expect(step(page, 'currents')).toContainText('retest')

  await page.getByTestId('cabinet-open-record').click()
  await expect(page.getByTestId('record-status')).toContainText('an earlier attempt failed (steps 3, 5, 7)')
  await expect(page.locator('[data-testid=record] [data-step=currents]').last()).toContainText('retest of step 7')
  await expect(page.locator('[data-testid=record] [data-step=connect]').last()).not.toContainText('retest')
  expectNoConsoleErrors(app)
})

test('pulling the cable mid-test pauses it with the finished steps kept; plugging it back resumes', async ({ app }) => {
  const { page } = app
  await openCabinet(page)
  await page.getByTestId('cabinet-serial').fill('CAB-E2E-PULL')
  await page.getByTestId('cabinet-start').click()
  await confirmSafety(page)
  await expect(page.getByTestId('cabinet-doors')).toBeVisible()
  for (const n of [1, 2, 3, 4]) await page.getByTestId(`demo-door-${n}`).click()
  await expect(slot(page, 4)).toHaveAttribute('data-state', 'closed')

  await page.getByTestId('demo-pull').click()
  await expect(page.getByTestId('cabinet-paused')).toBeVisible()
  await expect(page.getByTestId('cabinet-run')).toHaveAttribute('data-phase', 'paused')
  await expect(step(page, 'locksOpen')).toHaveAttribute('data-verdict', 'pass')
  await page.screenshot({ path: join(SHOTS, 'cabinet-paused-en.png'), fullPage: true })

  await page.getByTestId('demo-plug').click()
  await expect(page.getByTestId('cabinet-paused')).toHaveCount(0)
  await expect(page.getByTestId('cabinet-run')).toHaveAttribute('data-phase', 'running')
  await page.getByTestId('demo-close-all').click()
  await page.getByTestId('cabinet-airflow-yes').click()
  await expect(page.getByTestId('cabinet-result')).toHaveAttribute('data-verdict', 'pass', { timeout: 30_000 })
  for (let n = 1; n <= 8; n++) await expect(slot(page, n)).toHaveAttribute('data-state', 'closed')

  await page.getByTestId('cabinet-open-record').click()
  await expect(page.getByTestId('record')).toBeVisible()
  await expect(page.locator('[data-testid=record] [data-step=doorsClose]')).toHaveCount(1)
  await expect(page.locator('[data-testid=record] [data-step=locksOpen]')).toHaveCount(1)
  expectNoConsoleErrors(app)
})

test('the cabinet terminal sends catalogue commands and raw frames, and decodes every frame', async ({ app }) => {
  const { page } = app
  await openCabinet(page)
  await page.getByTestId('cabinet-tab-terminal').click()
  await page.getByTestId('cabinet-terminal-port').selectOption('sim:cabinet')
  await page.getByTestId('cabinet-terminal-open').click()
  await page.getByTestId('cabinet-command').selectOption('readVoltage')
  await page.getByTestId('cabinet-command-send').click()
  await expect(page.locator('[data-testid=cabinet-frames] [data-role=answer]').first()).toContainText('Voltage:')
  await page.getByTestId('cabinet-raw').fill('comm,01,05101111000000')
  await page.getByTestId('cabinet-raw-send').click()
  await expect(page.locator('[data-testid=cabinet-frames] [data-dir=tx]').last()).toContainText('comm,01,0510111100000094')
  await expect(page.locator('[data-testid=cabinet-frames] [data-role=answer]').last()).toContainText('Lock 5 open')
  await page.getByTestId('cabinet-raw').fill('comm,01,0510111100000095')
  await page.getByTestId('cabinet-raw-send').click()
  await expect(page.getByRole('alert')).toContainText('should end in 94')
  await page.getByTestId('demo-door-5').click()
  await expect(page.locator('[data-testid=cabinet-frames] [data-role=report]').last()).toContainText('Lock 5 closed')
  expectNoConsoleErrors(app)
})

test("a profile file that is not right is refused in the operator's language, and the profile stays as it was", async ({ app }) => {
  const { page } = app
  await openCabinet(page, 'Anna Nowak')
  await page.getByTestId('language-select').selectOption('pl')
  await expect(page.getByTestId('cabinet-profile')).toContainText('Szafa 8-komorowa, domyślny fabryczny')
  await page.getByTestId('cabinet-profile-file').setInputFiles({ name: 'line3.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"fieldbench.cabinetProfile",') })
  await expect(page.getByRole('alert')).toContainText('nie da się go odczytać jako JSON')
  await expect(page.getByTestId('cabinet-profile')).toContainText('domyślny wbudowany')

  const profile = JSON.parse(readFileSync(join(ROOT, 'resources/cabinet/default-profile.json'), 'utf8')) as Record<string, unknown>
  const inverted = { ...profile, id: undefined, name: 'Linia 3', voltage: { min: 253, max: 207 } }
  await page.getByTestId('cabinet-profile-file').setInputFiles({ name: 'line3.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(inverted)) })
  await expect(page.getByRole('alert')).toContainText('„voltage”')
  await expect(page.getByTestId('cabinet-profile')).toContainText('domyślny wbudowany')

  await page.getByTestId('cabinet-profile-file').setInputFiles({ name: 'line3.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...inverted, voltage: { min: 207, max: 253 } })) })
  await expect(page.getByTestId('cabinet-profile')).toContainText('Linia 3')
  await expect(page.getByTestId('cabinet-profile')).toContainText('line3.json')
  await page.screenshot({ path: join(SHOTS, 'cabinet-profile-pl.png'), fullPage: true })
  expectNoConsoleErrors(app)
})

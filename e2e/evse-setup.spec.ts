/**
 * The EV charger setup job in demo mode at 1366×768, in each language: the
 * configuration form refusing a boost below the charge current with its
 * reason, the write checked field by field, the plug-in prompt, the test
 * charge on the chart with the power-limit response, and the verdict with
 * the next action on screen. A failure path: the test charge skipped fails
 * the job, and the backup is restored from the record.
 */
import type { Page } from '@playwright/test'
import { expect, expectNoConsoleErrors, test } from './fixtures'
import { LANGUAGES, laptopScreens } from './laptop'

const { laptop, shot, onScreen } = laptopScreens('/tmp/shots-evse-job')

async function startSetup(page: Page) {
  await page.locator('[data-nav=evseSetup]').click()
  await expect(page.getByTestId('evse-setup-address')).toHaveValue(/^127\.0\.0\.\d+:\d+$/)
  await page.getByTestId('evse-setup-site').fill('Car park B')
  await page.getByTestId('evse-setup-start').click()
  await expect(page.getByTestId('evse-setup-config')).toBeVisible({ timeout: 30_000 })
  await expect(page.getByTestId('evse-setup-backup')).toHaveClass(/evse-good/)
}

for (const language of LANGUAGES) {
  test(`EV charger setup in demo mode, to a PASS with the power-limit response (${language})`, async ({ app }) => {
    test.setTimeout(180_000)
    const { page } = app
    await laptop(page, language)
    await startSetup(page)
    await onScreen(page, `setup-config-${language}`)

    // a boost below the charge current is refused with its reason, and nothing can be written
    await page.getByTestId('evse-setup-cfg-ChargeCurrentBoost').fill('10')
    await expect(page.getByTestId('evse-setup-issue-ChargeCurrentBoost')).toContainText('16')
    await expect(page.getByTestId('evse-setup-write')).toBeDisabled()
    await page.getByTestId('evse-setup-cfg-ChargeCurrentBoost').fill('24')
    await page.getByTestId('evse-setup-cfg-ControlStrategy').selectOption('1')
    await expect(page.getByTestId('evse-setup-issue-ChargeCurrentBoost')).toHaveCount(0)
    await page.getByTestId('evse-setup-footer-write').click()

    await expect(page.getByTestId('evse-setup-plug')).toBeVisible({ timeout: 30_000 })
    await expect(page.getByTestId('evse-setup-write-result')).toHaveAttribute('data-ok', 'true')
    await onScreen(page, `setup-plug-${language}`)
    await page.getByTestId('evse-setup-ready').click()

    await expect(page.getByTestId('evse-setup-charge')).toHaveAttribute('data-phase', 'powerLimit', { timeout: 60_000 })
    await expect(page.getByTestId('evse-setup-chart-power')).toBeVisible()
    await onScreen(page, `setup-charging-${language}`)

    await expect(page.getByTestId('evse-setup-verdict')).toHaveAttribute('data-verdict', 'pass', { timeout: 90_000 })
    await expect(page.locator('[data-check=limitResponse]')).toHaveAttribute('data-verdict', 'pass')
    await expect(page.locator('[data-check=meterImport]')).toHaveAttribute('data-verdict', 'pass')
    await onScreen(page, `setup-pass-${language}`)
    await expect(page.getByTestId('evse-setup-open-record')).toBeInViewport()
    expectNoConsoleErrors(app)
  })
}

test('EV charger setup: a skipped test charge fails the job, and the backup is restored from the record', async ({ app }) => {
  test.setTimeout(120_000)
  const { page } = app
  await laptop(page, 'en')
  await startSetup(page)
  await page.getByTestId('evse-setup-cfg-ChargeCurrent').fill('10')
  await page.getByTestId('evse-setup-write').click()
  await expect(page.getByTestId('evse-setup-plug')).toBeVisible({ timeout: 30_000 })
  await page.getByTestId('evse-setup-skip').click()

  await expect(page.getByTestId('evse-setup-verdict')).toHaveAttribute('data-verdict', 'fail', { timeout: 30_000 })
  await expect(page.locator('[data-step=testCharge]')).toHaveAttribute('data-verdict', 'fail')
  await onScreen(page, 'setup-fail-en')
  await page.getByTestId('evse-setup-restore').click()
  const restored = page.getByTestId('evse-setup-restore-result')
  await expect(restored).toHaveAttribute('data-ok', 'true')
  await expect(restored.locator('[data-field=ChargeCurrent]')).toHaveAttribute('data-applied', 'true')
  await shot(page, 'setup-restored', 'en')
  expectNoConsoleErrors(app)
})

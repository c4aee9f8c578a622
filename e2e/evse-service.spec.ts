/**
 * The EV charger's Service panel in demo mode, on a 1366×768 laptop, in each
 * language: an update check, a restart proven by the uptime, factory defaults
 * asked twice then the backup restored, and the access point with how to
 * reconnect; each result and its next action in view without scrolling.
 */
import type { Page } from '@playwright/test'
import { expect, expectNoConsoleErrors, test } from './fixtures'
import { LANGUAGES, laptopScreens } from './laptop'

const { laptop, shot } = laptopScreens('/tmp/shots-evse-service')
const live = laptopScreens('/tmp/shots-evse-live')

/** The outcome of the action just started, once its job has ended. */
async function outcome(page: Page) {
  const box = page.getByTestId('evse-service-outcome')
  await expect(box).toHaveClass(/evse-outcome (ok|fail)/, { timeout: 30_000 })
  await expect(box).toBeInViewport()
  return box
}

for (const language of LANGUAGES) {
  test(`service panel: update check, restart, factory defaults and restore, access point (${language})`, async ({ app }) => {
    test.setTimeout(120_000)
    const { page } = app
    await laptop(page, language)
    await page.locator('[data-nav=evse]').click()
    await expect(page.getByTestId('evse-address')).not.toHaveValue('')
    await page.getByTestId('evse-connect').click()
    const panel = page.getByTestId('evse-service')
    await expect(panel).toBeVisible()
    // the live status poll draws the session on the status chart: a few polls, each a new revision
    await expect(page.getByTestId('evse-status-chart')).toHaveAttribute('data-revision', /^([3-9]|\d{2,})$/, { timeout: 15_000 })
    await expect(page.getByTestId('evse-live-chart-power')).not.toHaveAttribute('data-points', '0')
    await expect(page.getByTestId('evse-live-chart-current')).not.toHaveAttribute('data-points', '0')
    await expect(page.getByTestId('evse-live-csv')).toBeInViewport()
    await live.shot(page, 'status', language)
    // the demo charger has no newer firmware: install is not offered
    await expect(page.getByTestId('evse-service-updateRun')).toBeDisabled()

    await page.getByTestId('evse-service-updateCheck').click()
    await expect(await outcome(page)).toHaveClass(/ok/)
    await shot(page, 'update-check', language)

    await page.getByTestId('evse-service-reset').click()
    await expect(page.getByTestId('evse-service-ask')).toBeInViewport()
    await page.getByTestId('evse-service-confirm').click()
    const restarted = await outcome(page)
    await expect(restarted).toHaveClass(/ok/)
    await expect(restarted).toContainText(/\d/)
    await shot(page, 'restart', language)

    // a setting of the installer's own, which factory defaults then erase
    await page.getByTestId('evse-cfg-ChargeCurrent').fill('10')
    await page.getByTestId('evse-apply').click()
    await expect(page.getByTestId('evse-result-ChargeCurrent')).toHaveAttribute('data-applied', 'true')
    await page.getByTestId('evse-service-factoryDefault').click()
    await page.getByTestId('evse-service-continue').click()
    await expect(page.getByTestId('evse-service-ask')).toContainText('127.0.0.1')
    await shot(page, 'factory-confirm', language)
    await page.getByTestId('evse-service-confirm').click()
    const reset = await outcome(page)
    await expect(reset.locator('table')).toContainText('10')
    await expect(page.getByTestId('evse-service-restore')).toBeInViewport()
    await shot(page, 'factory-done', language)
    await page.getByTestId('evse-service-restore').click()
    await expect(await outcome(page)).toHaveClass(/ok/)
    await shot(page, 'restored', language)

    await page.getByTestId('evse-service-wifiAp').click()
    await page.getByTestId('evse-service-confirm').click()
    const ap = await outcome(page)
    await expect(ap).toHaveClass(/ok/)
    await expect(ap).toContainText('EVSE-AP')
    await expect(ap).toContainText('192.168.0.17')
    await shot(page, 'access-point', language)
    expectNoConsoleErrors(app)
  })
}

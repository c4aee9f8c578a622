/**
 * The UPS acceptance test in demo mode, in each language, on a 1366×768
 * laptop: started from the UPS page's tab with a short time on battery, mains
 * cut and restored with the simulated UPS's switch where the test asks, PASS
 * and the next action in the sticky footer at every stage; the finished
 * screen shows what was measured (transfer, the battery's fall, the alarms,
 * the values against their bands).
 */
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, expectNoConsoleErrors, test } from './fixtures'
import { LANGUAGES, laptopScreens } from './laptop'

/** The transfer line and the capacity's fall a minute, as the finished screen words them. */
async function figures(page: Page) {
  return {
    transfer: (await page.getByTestId('ups-test-transfer').textContent()) ?? '',
    capacityFall: (await page.getByTestId('ups-test-fall-capacity').textContent()) ?? '',
  }
}

const { laptop, shot, onScreen } = laptopScreens(process.env.FIELDBENCH_SHOTS ?? join(process.env.TMPDIR ?? '/tmp', 'shots-ups-accept'))

for (const language of LANGUAGES) {
  test(`UPS acceptance test in demo mode passes through a mains cut and return (${language})`, async ({ app }) => {
    test.setTimeout(180_000)
    const { page } = app
    await laptop(page, language)
    await page.locator('[data-nav=ups]').click()
    await page.getByTestId('ups-tab-test').click()
    await expect(page.getByTestId('ups-test-port')).toHaveValue('sim:ups')
    await page.getByTestId('ups-test-duration').fill('10')
    // a band the engineer cannot mean is refused on the page before anything starts
    await page.getByTestId('ups-band-load-max').fill('-1')
    await expect(page.getByTestId('ups-test-start')).toBeDisabled()
    await page.getByTestId('ups-band-load-max').fill('80')
    await shot(page, 'ups-test-form', language)
    await page.getByTestId('ups-test-start').click()

    await expect(page.getByTestId('ups-test-prompt')).toHaveAttribute('data-prompt', 'cutMains', { timeout: 30_000 })
    await onScreen(page, `ups-test-cut-${language}`)
    await expect(page.getByTestId('ups-demo-mains')).toHaveAttribute('data-mains', 'on')
    await page.getByTestId('ups-demo-mains').click()
    await expect(page.locator('[data-step=mainsCut]')).toHaveAttribute('data-verdict', 'pass', { timeout: 30_000 })
    await onScreen(page, `ups-test-discharge-${language}`)
    // the transfer is on screen as soon as it is measured, the battery as it falls
    await expect(page.getByTestId('ups-test-transfer')).toHaveAttribute('data-ms', /^\d+$/)
    await expect(page.getByTestId('ups-test-chart-voltage')).toBeVisible({ timeout: 30_000 })
    await shot(page, 'ups-test-discharge-figures', language)

    await expect(page.getByTestId('ups-test-prompt')).toHaveAttribute('data-prompt', 'restoreMains', { timeout: 60_000 })
    await onScreen(page, `ups-test-restore-${language}`)
    await page.getByTestId('ups-test-answer').click()
    await page.getByTestId('ups-demo-mains').click()

    await expect(page.getByTestId('ups-test-result')).toHaveAttribute('data-verdict', 'pass', { timeout: 60_000 })
    await expect(page.locator('[data-step][data-verdict=pass]')).toHaveCount(6)
    await onScreen(page, `ups-test-pass-${language}`)
    await expect(page.getByTestId('ups-test-report')).toBeInViewport()

    // what it measured: the transfer with its resolution, the battery's figures and chart, the alarms, each step's values
    const finished = async () => {
      const { transfer, capacityFall } = await figures(page)
      const transferMs = Number(await page.getByTestId('ups-test-transfer').getAttribute('data-ms'))
      const resolutionMs = Number(await page.getByTestId('ups-test-transfer').getAttribute('data-resolution-ms'))
      expect(resolutionMs).toBeGreaterThan(0)
      expect(transferMs).toBeGreaterThan(0)
      expect(transfer.match(/ms/g)).toHaveLength(2)
      // the simulated battery loses a few per cent of its capacity a minute
      expect(Number(await page.getByTestId('ups-test-fall-capacity').getAttribute('data-value'))).toBeGreaterThan(0)
      expect(capacityFall).toMatch(/\d.*%\/min/)
      await expect(page.getByTestId('ups-test-discharge').locator('[data-battery=voltage] td.num').first()).toHaveText(/\d/)
      expect(Number(await page.getByTestId('ups-test-chart-capacity').getAttribute('data-points'))).toBeGreaterThan(1)
      // the six input undervoltage alarms the test judges, and any other the UPS raised on battery: all cleared
      expect(await page.locator('[data-testid=ups-test-alarms] li[data-cleared=true]').count()).toBeGreaterThanOrEqual(6)
      await expect(page.locator('[data-testid=ups-test-alarms] li[data-cleared=false]')).toHaveCount(0)
      await expect(page.getByTestId('ups-test-values-values').locator('tr[data-verdict=pass]').first()).toBeVisible()
      return { transfer, capacityFall, alarms: await page.getByTestId('ups-test-alarms').textContent() }
    }
    const seen = await finished()
    await page.getByTestId('ups-test-values-values').scrollIntoViewIfNeeded()
    await shot(page, 'ups-test-pass-measured', language)
    await expect(page.getByTestId('ups-test-result')).toBeInViewport()

    // after a reload, opened again from its record: the same screen, drawn from the record alone
    await page.reload()
    await page.getByTestId('app-ready').waitFor()
    await page.locator('[data-nav=records]').click()
    await page.locator('[data-testid=records-table] tr[data-record]').first().click()
    await page.getByTestId('record-show-on-page').click()
    await expect(page.getByTestId('ups-test-result')).toHaveAttribute('data-verdict', 'pass')
    await expect(page.locator('[data-step][data-verdict=pass]')).toHaveCount(6)
    expect(await finished()).toEqual(seen)
    await onScreen(page, `ups-test-reopened-${language}`)
    expectNoConsoleErrors(app)
  })
}

/**
 * The Fox ESS screens as an installer meets them on a 1366×768 laptop: the
 * chosen inverter's actions in view, an offline inverter's conditions, the
 * live data budget, demo mode turned off, and a CT record in words.
 */
import { readFileSync } from 'node:fs'
import { expect, expectNoConsoleErrors, test } from './fixtures'
import { LANGUAGES, laptopScreens } from './laptop'

const { laptop, shot } = laptopScreens('/tmp/shots-fox-screens')
const OFFLINE = '60H3100G72345607'

for (const language of LANGUAGES) {
  test(`the chosen inverter's actions come into view; an offline inverter's BMS and meter are unknown; its record reads in words (${language})`, async ({ app }) => {
    test.setTimeout(90_000)
    const { page } = app
    await laptop(page, language)
    await page.locator('[data-nav=ctDetection]').click()
    await expect(page.getByTestId('inverter-picker')).toHaveAttribute('data-ready', 'true')
    // the last inverter of the list, far below the fold
    await page.getByTestId('inverter-row').last().click()
    await expect(page.getByTestId('start-commissioning')).toBeInViewport()
    await expect(page.getByTestId('start-ct')).toBeInViewport()
    await shot(page, 'ct-picked', language)

    await page.getByTestId('inverter-search').fill(OFFLINE.slice(-6))
    await page.locator(`[data-testid=inverter-row][data-sn="${OFFLINE}"]`).click()
    await page.getByTestId('start-ct').click()
    await page.getByTestId('ct-system-threePhaseSingle').click()
    const conditions = page.getByTestId('ct-conditions')
    await expect(conditions.locator('[data-condition=deviceStatus]')).toHaveAttribute('data-pass', 'false')
    for (const key of ['bmsCommunication', 'meterConnected']) {
      await expect(conditions.locator(`[data-condition=${key}]`)).toHaveAttribute('data-known', 'false')
      await expect(conditions.locator(`[data-condition=${key}] .badge.verdict-pass`)).toHaveCount(0)
    }
    // the cloud's field names are folded away under the table, not in it
    expect(await conditions.innerText()).not.toMatch(/deviceStatus|faultArmFlag2|meterConnected/)
    await expect(page.getByTestId('ct-raw-answer')).not.toHaveAttribute('open')
    await shot(page, 'ct-offline', language)
    await page.getByTestId('ct-stop').click()
    await page.getByTestId('open-record').click()

    const record = page.locator('[data-step=preconditions]')
    await expect(record.locator('[data-measurement=bmsCommunication]')).toBeVisible()
    // the steps, that is: the raw exchanges below them are the cloud's answers as sent
    const text = (await page.locator('.panel.step').allInnerTexts()).join('\n')
    expect(text).not.toMatch(/deviceStatus|faultArmFlag2|threePhaseSingle|meterConnected|bmsCommunication/)
    await shot(page, 'ct-record', language)
    expectNoConsoleErrors(app)
  })

  test(`live data: a refresh that would spend the budget needs a tick; Stop keeps the chart and the CSV; the budget line adds up (${language})`, async ({ app }) => {
    test.setTimeout(90_000)
    const { page } = app
    await laptop(page, language)
    await page.locator('[data-nav=foxessLive]').click()
    await expect(page.getByTestId('variable-picker').locator('[data-key=pvPower]')).toBeVisible()

    const interval = page.getByTestId('live-interval')
    const projection = page.getByTestId('live-projection')
    await expect(interval).toHaveValue('300')
    await expect(projection).toHaveAttribute('data-level', 'comfortable')
    await interval.selectOption('60')
    await expect(projection).toHaveAttribute('data-level', 'exhausts')
    await expect(page.getByTestId('live-start')).toBeDisabled()
    await page.getByTestId('live-spend-budget').check()
    await expect(page.getByTestId('live-start')).toBeEnabled()
    await shot(page, 'live-exhausts', language)
    await interval.selectOption('300')
    await expect(page.getByTestId('live-spend-budget')).toHaveCount(0)

    await page.getByTestId('live-start').click()
    await expect(page.getByTestId('live-chart').first()).toHaveAttribute('data-points', /[1-9]\d*/, { timeout: 20_000 })
    await page.getByTestId('live-stop').click()
    await expect(page.getByTestId('live-start')).toBeVisible()
    await expect(page.getByTestId('live-chart').first()).toHaveAttribute('data-points', /[1-9]\d*/)
    const download = page.waitForEvent('download')
    await page.getByTestId('live-csv').click()
    const csv = readFileSync((await (await download).path())!, 'utf8')
    expect(csv.split('\r\n').filter(Boolean).length).toBeGreaterThan(1)

    // the cloud's count, then calls made since: the line never shows more left than the budget less today's calls
    await page.getByTestId('foxess-budget-check').click()
    await page.getByTestId('history-load').click()
    await expect(page.getByTestId('history-chart').first()).toHaveAttribute('data-points', /[1-9]\d*/, { timeout: 20_000 })
    const badge = page.getByTestId('foxess-budget')
    const calls = Number(await badge.getAttribute('data-calls'))
    const left = Number(await page.getByTestId('foxess-budget-left').getAttribute('data-left'))
    expect(calls).toBeGreaterThan(2)
    expect(left).toBeLessThanOrEqual(1440 - calls)
    await page.evaluate(() => window.scrollTo(0, 0))
    await shot(page, 'live-stopped', language)
    expectNoConsoleErrors(app)
  })
}

for (const language of LANGUAGES) {
  test(`demo mode off: the simulated inverters leave the picker and live data (${language})`, async ({ app }) => {
    test.setTimeout(90_000)
    const { page } = app
    await laptop(page, language)
    await page.locator('[data-nav=foxessLive]').click()
    await expect(page.getByTestId('live-inverter').locator('option')).not.toHaveCount(0)
    await page.getByTestId('live-start').click()
    await expect(page.getByTestId('live-chart').first()).toHaveAttribute('data-points', /[1-9]\d*/, { timeout: 20_000 })

    await page.locator('[data-nav=settings]').click()
    // the box follows the saved setting, so it changes once main has it
    await page.getByTestId('settings-demo').click()
    await expect(page.getByTestId('settings-demo')).not.toBeChecked()
    await page.locator('[data-nav=foxessLive]').click()
    // no key: said in the cloud's terms, with the way to the settings
    await expect(page.getByTestId('live-data').getByTestId('cloud-setup-problem')).toBeVisible()
    await expect(page.getByTestId('live-data').getByTestId('cloud-setup-problem')).not.toContainText('foxessApiKey')
    await expect(page.getByTestId('live-inverter').locator('option')).toHaveCount(0)
    await expect(page.getByTestId('live-chart')).toHaveCount(0)
    await expect(page.getByTestId('foxess-budget').locator('.badge.demo')).toHaveCount(0)
    await shot(page, 'live-demo-off', language)

    await page.locator('[data-nav=ctDetection]').click()
    await expect(page.getByTestId('inverter-row')).toHaveCount(0)
    await expect(page.getByTestId('foxess-connection')).toBeVisible()
    await shot(page, 'ct-demo-off', language)
    await page.getByTestId('inverter-picker').getByTestId('open-connection-settings').click()
    await expect(page.getByTestId('settings-demo')).toBeVisible()
    expectNoConsoleErrors(app)
  })
}

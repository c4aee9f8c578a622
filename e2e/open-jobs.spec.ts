import { join } from 'node:path'
import { chooseDemo, expect, expectNoConsoleErrors, ROOT, test } from './fixtures'

const SHOTS = join(ROOT, 'e2e', '.artifacts')
const KRAKOW = '60H3103A12345601'

for (const language of ['en', 'zh', 'pl'] as const) {
  test(`a running CT check survives navigating, is in the shell on every page, and a second job on its inverter is refused with a way back (${language})`, async ({ app }) => {
    test.setTimeout(90_000)
    const { page } = app
    // the smallest screen the app is used on: the strip must leave the page its room
    await page.setViewportSize({ width: 1366, height: 768 })
    await chooseDemo(page)
    if (language !== 'en') {
      await page.getByTestId('language-select').selectOption(language)
      await expect(page.locator(`.shell[data-language=${language}]`)).toBeVisible()
    }
    await expect(page.getByTestId('open-jobs')).toHaveCount(0)

    const pick = async () => {
      await expect(page.getByTestId('inverter-picker')).toHaveAttribute('data-ready', 'true')
      await page.getByTestId('inverter-search').fill(KRAKOW.slice(-6))
      await page.locator(`[data-testid=inverter-row][data-sn="${KRAKOW}"]`).click()
    }
    await page.locator('[data-nav=ctDetection]').click()
    await pick()
    await page.getByTestId('start-ct').click()
    const ctJob = page.getByTestId('ct-job')
    const recordId = await ctJob.getAttribute('data-record')
    expect(recordId).toMatch(/^\d+$/)
    await page.getByTestId('ct-system-threePhaseSingle').click()
    await expect(page.locator('[data-testid=ct-conditions] [data-pass=true]')).toHaveCount(4)

    // away to another page: the check is in the shell, running, on its inverter
    await page.locator('[data-nav=records]').click()
    const chip = page.locator(`[data-testid=open-job][data-open-record="${recordId}"]`)
    await expect(chip).toHaveAttribute('data-state', 'running')
    await expect(chip).toHaveAttribute('data-device', `inverter:${KRAKOW}`)
    await page.screenshot({ path: join(SHOTS, `open-jobs-strip-${language}.png`) })

    // back to it: the same record, with its progress
    await chip.click()
    await expect(ctJob).toHaveAttribute('data-record', recordId!)
    await expect(page.locator('[data-testid=ct-conditions] [data-pass=true]')).toHaveCount(4)
    await expect(page.locator('[data-testid=job-steps] [data-step=applicability]')).toHaveAttribute('data-verdict', /.+/)
    await page.screenshot({ path: join(SHOTS, `open-jobs-returned-${language}.png`) })

    // the page opened from the sidebar attaches to the running check too
    await page.locator('.brand').click()
    await page.locator('[data-nav=ctDetection]').click()
    await expect(ctJob).toHaveAttribute('data-record', recordId!)

    // a second job on the same inverter: refused, with the way back to the first
    await page.getByTestId('new-job').click()
    await pick()
    await page.getByTestId('start-commissioning').click()
    const refused = page.getByTestId('start-refused')
    await expect(refused).toHaveAttribute('data-code', 'jobDeviceBusy')
    await expect(refused).toHaveAttribute('data-other-record', recordId!)
    await expect(refused).toContainText(`#${recordId}`)
    await page.screenshot({ path: join(SHOTS, `open-jobs-refused-${language}.png`) })
    await refused.getByTestId('return-to-job').click()
    await expect(ctJob).toHaveAttribute('data-record', recordId!)
    await expect(page.locator('[data-testid=ct-conditions] [data-pass=true]')).toHaveCount(4)
    await expect(page.locator('[data-testid=open-job]')).toHaveCount(1)

    // its record offers the same way back while it runs
    await page.locator('[data-nav=records]').click()
    await page.locator(`[data-record="${recordId}"]`).first().click()
    await expect(page.getByTestId('record-open')).toHaveAttribute('data-state', 'running')
    await page.screenshot({ path: join(SHOTS, `open-jobs-record-${language}.png`) })
    await page.getByTestId('record-open').getByTestId('return-to-job').click()
    await expect(ctJob).toHaveAttribute('data-record', recordId!)
    expectNoConsoleErrors(app)
  })
}

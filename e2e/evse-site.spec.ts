/**
 * Several chargers at one site in demo mode, as an installer on a 1366×768
 * laptop meets it: the scan of the demo range finds the three simulated
 * chargers, a range off loopback is refused, a template saved from one
 * charger is applied to all three (one told to take its write without
 * applying it), and the record keeps a line per charger.
 */
import { expect, expectNoConsoleErrors, test } from './fixtures'
import { LANGUAGES, laptopScreens } from './laptop'

const { laptop, shot } = laptopScreens('/tmp/shots-evse-site')

for (const language of LANGUAGES) {
  test(`scan the demo site, apply a template to its three chargers, one of which ignores the write (${language})`, async ({ app }) => {
    test.setTimeout(90_000)
    const { page } = app
    await laptop(page, language)
    await page.locator('[data-nav=evse]').click()
    await page.getByTestId('evse-view-site').click()

    // demo mode never scans a real network
    const range = page.getByTestId('evse-scan-range')
    await expect(range).toHaveValue('127.0.0.1-16')
    await range.fill('192.168.1.10-20')
    await page.getByTestId('evse-scan-start').click()
    await expect(page.locator('.banner.error')).toContainText('192.168.1.10')
    await range.fill('127.0.0.1-16')
    await page.getByTestId('evse-scan-start').click()
    await expect(page.getByTestId('evse-hit')).toHaveCount(3)
    await expect(page.getByTestId('evse-scan-progress')).toContainText('16')
    await expect(page.getByTestId('evse-hits')).toContainText('E0:E2:E6:52:AA:03')
    await shot(page, 'scan', language)

    // the first charger's configuration becomes the site's template
    await page.getByTestId('evse-hit-use').first().click()
    await expect(page.getByTestId('evse-charger')).toBeVisible()
    await page.getByTestId('evse-view-site').click()
    await page.getByTestId('evse-template-name').fill('Car park B')
    await page.getByTestId('evse-template-save').click()
    await expect(page.getByTestId('evse-template-select')).toHaveValue('Car park B')
    // its fields read as the configuration form words them: the charger mode and meter types by name
    await page.locator('.evse-template-fields summary').click()
    for (const field of ['ChargerMode', 'Meter1Type', 'Meter2Type']) await expect(page.locator(`.evse-template-fields [data-field=${field}] dd`)).not.toHaveText(/^\s*\d+\s*$/)
    await shot(page, 'template', language)

    // the third charger will answer its write 200 and not apply it
    await page.getByTestId('evse-demo-charger').selectOption({ index: 2 })
    await page.getByTestId('evse-demo-ignore').click()
    for (const box of await page.getByTestId('evse-hit').locator('input[type=checkbox]').all()) await box.check()
    await page.getByTestId('evse-template-apply').click()
    const verdict = page.getByTestId('evse-site-verdict')
    await expect(verdict).toBeVisible()
    await expect(verdict).toBeInViewport()
    await expect(verdict).toHaveClass(/error/)
    const lines = page.getByTestId('evse-site-line')
    await expect(lines).toHaveCount(3)
    await expect(lines.nth(0)).toHaveClass(/evse-good/)
    await expect(lines.nth(1)).toHaveClass(/evse-good/)
    await expect(lines.nth(2)).toHaveClass(/evse-bad/)
    await shot(page, 'applied', language)

    await page.getByTestId('evse-site-record').click()
    await expect(page.locator('.panel.step')).toHaveCount(4)
    const text = (await page.locator('.panel.step').allInnerTexts()).join('\n')
    expect(text).not.toMatch(/charger\d|chargeCurrent|ignored/)
    await shot(page, 'record', language)
    expectNoConsoleErrors(app)
  })
}

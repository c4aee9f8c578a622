/**
 * The answer inspector reading replies from the port, as an integrator uses
 * it in demo mode on a 1366×768 laptop, in each language: the corrected file
 * opened, its replies captured from the simulated UPS, mains cut with the
 * demo switch, captured again, and the bytes and values that moved marked.
 */
import { expect, expectNoConsoleErrors, test } from './fixtures'
import { LANGUAGES, laptopScreens } from './laptop'

const { laptop, shot } = laptopScreens('/tmp/shots-ups-capture')

for (const language of LANGUAGES) {
  test(`answer inspector: captured from the port, mains cut, captured again, the changed bytes marked (${language})`, async ({ app }) => {
    test.setTimeout(90_000)
    const { page } = app
    await laptop(page, language)
    await page.locator('[data-nav=upsFiles]').click()
    await page.getByTestId('open-corrected').click()
    await expect(page.getByTestId('ups-verdict')).toBeVisible()

    const capture = page.getByTestId('inspector-capture')
    await expect(capture).toBeInViewport()
    // demo mode offers the simulated UPS's port
    await expect(page.getByTestId('inspector-port')).toHaveValue('sim:ups')
    await page.getByTestId('inspector-capture-button').click()
    await expect(page.getByTestId('inspector-capture-status')).toContainText('3')
    // the reply to 0x01: '~', 120 ASCII hex digits, CR
    await expect(page.getByTestId('inspector-bytes').locator('button')).toHaveCount(122)
    await expect(page.getByTestId('inspector-bytes').locator('button.moved')).toHaveCount(0)

    await page.getByTestId('ups-demo-mains').click()
    await expect(page.getByTestId('ups-demo-mains')).toHaveAttribute('data-mains', 'off')
    await page.getByTestId('inspector-capture-button').click()
    // the second reply to 0x01 is compared with the first: the mains values' bytes moved
    await expect(page.getByTestId('inspector-b').locator('option')).toHaveCount(7)
    await expect(page.getByTestId('inspector-bytes').locator('button.moved').first()).toBeVisible()
    await expect(page.getByTestId('inspector-fields').locator('tr[data-field="1"]')).toHaveClass(/moved/)
    await expect(page.getByTestId('inspector-summary')).toBeInViewport()
    await shot(page, 'captured-again', language)

    // one command alone: mains back on, the reply to 0x06 added beside the others
    await page.getByTestId('ups-demo-mains').click()
    await page.getByTestId('inspector-capture-command').selectOption('6')
    await page.getByTestId('inspector-capture-button').click()
    await expect(page.getByTestId('inspector-capture-status')).toContainText('1')
    await expect(page.getByTestId('inspector-b').locator('option')).toHaveCount(8)
    expectNoConsoleErrors(app)
  })
}

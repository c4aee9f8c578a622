/**
 * The UPS acceptance test in demo mode, in each language, on a 1366×768
 * laptop: started from the UPS page's tab with a short time on battery, mains
 * cut and restored with the simulated UPS's switch where the test asks, PASS
 * and the next action in the sticky footer at every stage.
 */
import { join } from 'node:path'
import { expect, expectNoConsoleErrors, test } from './fixtures'
import { LANGUAGES, laptopScreens } from './laptop'

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

    await expect(page.getByTestId('ups-test-prompt')).toHaveAttribute('data-prompt', 'restoreMains', { timeout: 60_000 })
    await onScreen(page, `ups-test-restore-${language}`)
    await page.getByTestId('ups-test-answer').click()
    await page.getByTestId('ups-demo-mains').click()

    await expect(page.getByTestId('ups-test-result')).toHaveAttribute('data-verdict', 'pass', { timeout: 60_000 })
    await expect(page.locator('[data-step][data-verdict=pass]')).toHaveCount(6)
    await onScreen(page, `ups-test-pass-${language}`)
    await expect(page.getByTestId('ups-test-report')).toBeInViewport()
    expectNoConsoleErrors(app)
  })
}

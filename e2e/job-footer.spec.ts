/**
 * On a 1366×768 laptop, in each language, the verdict and the next action of
 * a job are on screen at every step without scrolling: the footer sticks to
 * the bottom of the window, and what the job waits on is brought into view.
 */
import { join } from 'node:path'
import { expect, expectNoConsoleErrors, ROOT, test } from './fixtures'
import { LANGUAGES, laptopScreens } from './laptop'

const { laptop, onScreen } = laptopScreens(join(ROOT, 'e2e', '.artifacts'))
const WRONG_PHASES = '60H3080B22345602'
const KRAKOW = '60H3103A12345601'

for (const language of LANGUAGES) {
  test(`cabinet test at 1366×768: footer and next action on screen at every step (${language})`, async ({ app }) => {
    test.setTimeout(240_000)
    const { page } = app
    await laptop(page, language)
    await page.locator('[data-nav=cabinetTest]').click()
    await expect(page.getByTestId('cabinet-port')).toHaveValue('sim:cabinet')
    await expect(page.getByTestId('cabinet-profile')).toBeVisible()
    await page.getByTestId('cabinet-operator').fill('Ana Silva')
    await page.getByTestId('cabinet-serial').fill('CAB-FOOT-0001')
    await page.getByTestId('cabinet-start').click()

    await expect(page.getByTestId('cabinet-safety')).toBeVisible({ timeout: 30_000 })
    await onScreen(page, `footer-cabinet-safety-${language}`)
    await page.getByTestId('cabinet-safety-read').check()
    await page.getByTestId('cabinet-safety-confirm').click()

    await expect(page.getByTestId('cabinet-doors')).toBeVisible({ timeout: 30_000 })
    await onScreen(page, `footer-cabinet-doors-${language}`)
    await page.getByTestId('demo-close-all').click()

    await expect(page.getByTestId('cabinet-airflow')).toBeVisible({ timeout: 30_000 })
    await onScreen(page, `footer-cabinet-airflow-${language}`)
    await page.getByTestId('cabinet-airflow-yes').click()

    await expect(page.getByTestId('cabinet-result')).toHaveAttribute('data-verdict', 'pass', { timeout: 90_000 })
    await onScreen(page, `footer-cabinet-pass-${language}`, 'finished')
    await expect(page.getByTestId('cabinet-next')).toBeInViewport()
    expectNoConsoleErrors(app)
  })

  test(`CT check at 1366×768: footer and next action on screen at every step (${language})`, async ({ app }) => {
    test.setTimeout(240_000)
    const { page } = app
    await laptop(page, language)
    await page.locator('[data-nav=settings]').click()
    await page.getByTestId('foxess-config-ctPollSeconds').fill('1')
    await page.getByTestId('foxess-config-save').click()
    await page.locator('[data-nav=ctDetection]').click()
    await expect(page.getByTestId('inverter-picker')).toHaveAttribute('data-ready', 'true')
    await page.getByTestId('inverter-search').fill(WRONG_PHASES.slice(-6))
    await page.locator(`[data-testid=inverter-row][data-sn="${WRONG_PHASES}"]`).click()
    await page.getByTestId('start-ct').click()

    await expect(page.getByTestId('ct-applicability')).toBeVisible()
    await onScreen(page, `footer-ct-system-${language}`, 'paused')
    await page.getByTestId('ct-system-threePhaseSingle').click()

    await expect(page.getByTestId('ct-polling')).toBeVisible({ timeout: 20_000 })
    await onScreen(page, `footer-ct-polling-${language}`, 'running')

    await expect(page.getByTestId('ct-outcome')).toHaveAttribute('data-kind', 'abnormal', { timeout: 40_000 })
    await onScreen(page, `footer-ct-abnormal-${language}`, 'paused')
    await expect(page.getByTestId('ct-rerun')).toBeInViewport()
    await page.getByTestId('ct-rerun').click()

    await expect(page.getByTestId('ct-outcome')).toHaveAttribute('data-kind', 'normal', { timeout: 40_000 })
    await onScreen(page, `footer-ct-normal-${language}`, 'paused')
    await page.getByTestId('ct-finish').click()

    await expect(page.getByTestId('job-verdict')).toHaveAttribute('data-verdict', 'pass')
    await onScreen(page, `footer-ct-pass-${language}`, 'finished')
    await expect(page.getByTestId('report-html')).toBeInViewport()
    expectNoConsoleErrors(app)
  })

  test(`commissioning at 1366×768: footer and next action on screen at every step (${language})`, async ({ app }) => {
    test.setTimeout(300_000)
    const { page } = app
    await laptop(page, language)
    await page.locator('[data-nav=settings]').click()
    await page.getByTestId('foxess-config-ctPollSeconds').fill('1')
    await page.getByTestId('foxess-config-save').click()
    await page.locator('[data-nav=ctDetection]').click()
    await expect(page.getByTestId('inverter-picker')).toHaveAttribute('data-ready', 'true')
    await page.getByTestId('inverter-search').fill(KRAKOW.slice(-6))
    await page.locator(`[data-testid=inverter-row][data-sn="${KRAKOW}"]`).click()
    await page.getByTestId('job-site').fill('Kraków, ul. Lipowa 12')
    await page.getByTestId('start-commissioning').click()

    await expect(page.getByTestId('ct-applicability')).toBeVisible({ timeout: 30_000 })
    await onScreen(page, `footer-commissioning-system-${language}`, 'paused')
    await page.getByTestId('ct-system-threePhaseSingle').click()

    await expect(page.getByTestId('ct-outcome')).toHaveAttribute('data-kind', 'normal', { timeout: 40_000 })
    await onScreen(page, `footer-commissioning-ct-${language}`, 'paused')
    await page.getByTestId('ct-finish').click()

    await expect(page.getByTestId('settings-form')).toBeVisible({ timeout: 30_000 })
    await onScreen(page, `footer-commissioning-settings-${language}`, 'paused')
    await page.getByTestId('setting-exportLimit').fill('6000')
    await expect(page.getByTestId('settings-write')).toBeInViewport()
    await page.getByTestId('settings-write').click()

    await expect(page.getByTestId('clock-set')).toBeVisible({ timeout: 30_000 })
    await onScreen(page, `footer-commissioning-clock-${language}`, 'paused')
    await page.getByTestId('clock-set').click()

    await expect(page.getByTestId('live-plausible')).toBeVisible({ timeout: 30_000 })
    await onScreen(page, `footer-commissioning-live-${language}`, 'paused')
    await page.getByTestId('live-plausible').click()

    await expect(page.getByTestId('job-verdict')).toHaveAttribute('data-verdict', 'pass', { timeout: 30_000 })
    await onScreen(page, `footer-commissioning-pass-${language}`, 'finished')
    await expect(page.getByTestId('report-html')).toBeInViewport()
    expectNoConsoleErrors(app)
  })
}

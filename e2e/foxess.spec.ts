import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { chooseDemo, expect, expectNoConsoleErrors, ROOT, test } from './fixtures'
import { LANGUAGES, type UiLanguage } from './laptop'

const SHOTS = join(ROOT, 'e2e', '.artifacts')
const KRAKOW = '60H3103A12345601'
const WRONG_PHASES = '60H3080B22345602'

/** Demo mode, and CT results polled every second so a check takes seconds, not minutes. */
async function demoWithFastCt(page: Page, language: UiLanguage = 'en') {
  await chooseDemo(page)
  if (language !== 'en') {
    await page.getByTestId('language-select').selectOption(language)
    await expect(page.locator(`.shell[data-language=${language}]`)).toBeVisible()
  }
  await page.locator('[data-nav=settings]').click()
  await page.getByTestId('foxess-config-ctPollSeconds').fill('1')
  await page.getByTestId('foxess-config-save').click()
  await expect(page.getByTestId('foxess-connection').locator('.badge.verdict-pass')).toBeVisible()
}

async function pickInverter(page: Page, sn: string) {
  await page.locator('[data-nav=ctDetection]').click()
  await expect(page.getByTestId('inverter-picker')).toHaveAttribute('data-ready', 'true')
  await page.getByTestId('inverter-search').fill(sn.slice(-6))
  await page.locator(`[data-testid=inverter-row][data-sn="${sn}"]`).click()
}

test('commissions an inverter end to end in demo mode: CT, settings with read-back, clock, live data, report', async ({ app }) => {
  test.setTimeout(150_000)
  const { page } = app
  await demoWithFastCt(page)
  await pickInverter(page, KRAKOW)
  await page.getByTestId('job-site').fill('Kraków, ul. Lipowa 12')
  await page.getByTestId('start-commissioning').click()

  // details and firmware, then the applicability question
  await expect(page.getByTestId('device-panel')).toContainText('1.52')
  await page.getByTestId('ct-system-threePhaseSingle').click()
  await expect(page.locator('[data-testid=ct-conditions] [data-pass=true]')).toHaveCount(4)
  await expect(page.getByTestId('ct-outcome')).toHaveAttribute('data-kind', 'normal', { timeout: 40_000 })
  await page.screenshot({ path: join(SHOTS, 'commissioning-ct-en.png'), fullPage: true })
  await page.getByTestId('ct-finish').click()

  // settings: a value out of range is refused before anything is sent
  const form = page.getByTestId('settings-form')
  await expect(form).toBeVisible({ timeout: 30_000 })
  await page.getByTestId('setting-minSoc').fill('5')
  await expect(form.locator('[data-testid=setting-issue][data-code=outOfRange]')).toBeVisible()
  await expect(page.getByTestId('settings-write')).toBeDisabled()
  await page.getByTestId('setting-minSoc').fill('20')
  await page.getByTestId('setting-exportLimit').fill('6000')
  await page.getByTestId('force-enable1').check()
  await page.getByTestId('force-start1').fill('02:00')
  await page.getByTestId('force-end1').fill('05:00')
  await expect(page.locator('[data-testid=settings-diff] tr')).toHaveCount(3)
  await expect(page.getByTestId('schedule-strip')).toBeVisible()
  await page.screenshot({ path: join(SHOTS, 'commissioning-settings-en.png'), fullPage: true })
  await page.getByTestId('settings-write').click()
  const results = page.getByTestId('write-results')
  await expect(results.locator('[data-status=verified]')).toHaveCount(3, { timeout: 30_000 })

  // the device clock
  await expect(page.getByTestId('clock-panel')).toBeVisible({ timeout: 20_000 })
  await page.getByTestId('clock-set').click()
  await expect(page.getByTestId('clock-panel')).toHaveAttribute('data-drift', /^-?[0-5]$/, { timeout: 20_000 })

  // live data and faults, in charts
  const live = page.getByTestId('live-panel')
  await expect(live).toHaveAttribute('data-samples', /[1-9]/, { timeout: 20_000 })
  await expect(page.getByTestId('running-state')).toHaveAttribute('data-code', '163')
  await expect(page.getByTestId('current-faults')).toContainText(/./)
  await expect(page.getByTestId('live-chart-power')).toHaveAttribute('data-points', /[1-9]\d*/)
  await page.screenshot({ path: join(SHOTS, 'commissioning-live-en.png'), fullPage: true })
  await page.getByTestId('live-plausible').click()

  // the report
  await expect(page.getByTestId('job-verdict')).toHaveAttribute('data-verdict', 'pass', { timeout: 20_000 })
  await expect(page.locator('[data-testid=job-steps] [data-verdict=fail]')).toHaveCount(0)
  const download = page.waitForEvent('download')
  await page.getByTestId('report-html').click()
  const html = readFileSync((await (await download).path())!, 'utf8')
  expect(html).toContain('Inverter commissioning')
  expect(html).toContain(KRAKOW)
  expect(html).toContain('Kraków, ul. Lipowa 12')
  expect(html).toContain('CT check: result')
  expect(html).not.toContain('fieldbench-demo-')
  await page.screenshot({ path: join(SHOTS, 'commissioning-done-en.png'), fullPage: true })
  // the budget badge counted every call
  expect(Number(await page.getByTestId('foxess-budget').getAttribute('data-calls'))).toBeGreaterThan(20)
  expectNoConsoleErrors(app)
})

for (const language of LANGUAGES) {
  test(`shows a wrong phase order as a wiring picture and re-runs after the fix (${language})`, async ({ app }) => {
    test.setTimeout(120_000)
    const { page } = app
    await demoWithFastCt(page, language)
    await pickInverter(page, WRONG_PHASES)
    await page.getByTestId('start-ct').click()
    await page.getByTestId('ct-system-threePhaseSingle').click()
    await expect(page.getByTestId('ct-outcome')).toHaveAttribute('data-kind', 'abnormal', { timeout: 40_000 })
    const wiring = page.getByTestId('ct-wiring')
    await expect(wiring.locator('[data-wrong=true]')).toHaveCount(2)
    await expect(wiring.locator('[data-position="1"]')).toHaveAttribute('data-wrong', 'false')
    await page.screenshot({ path: join(SHOTS, `ct-wrong-phases-${language}.png`), fullPage: true })
    await page.getByTestId('ct-rerun').click()
    await expect(page.getByTestId('ct-attempt')).toHaveAttribute('data-attempt', '2')
    await expect(page.getByTestId('ct-outcome')).toHaveAttribute('data-kind', 'normal', { timeout: 40_000 })
    await page.getByTestId('ct-finish').click()
    await expect(page.getByTestId('job-verdict')).toHaveAttribute('data-verdict', 'pass')
    await page.screenshot({ path: join(SHOTS, `ct-fixed-${language}.png`), fullPage: true })
    expectNoConsoleErrors(app)
  })

  test(`live data page: variables by localized name, live chart, a day of history, energy bars, CSV (${language})`, async ({ app }) => {
    test.setTimeout(90_000)
    const { page } = app
    await chooseDemo(page)
    if (language !== 'en') await page.getByTestId('language-select').selectOption(language)
    await page.locator('[data-nav=foxessLive]').click()
    const picker = page.getByTestId('variable-picker')
    await expect(picker.locator('[data-key=pvPower]')).toBeVisible()
    const name = { en: 'Battery voltage', zh: '电池电压', pl: 'Napięcie baterii' }[language]
    await page.getByTestId('variable-search').fill(name)
    await picker.locator('[data-key=batVolt] input').check()
    await page.getByTestId('variable-search').fill('')
    await page.getByTestId('live-start').click()
    await expect(page.getByTestId('live-chart').first()).toHaveAttribute('data-points', /[1-9]\d*/, { timeout: 20_000 })
    // yesterday in the plant's zone (Europe/Warsaw in the demo): a whole day of history whatever the hour of the run
    const yesterday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(Date.now() - 86_400_000)
    await page.getByTestId('history-day').fill(yesterday)
    await page.getByTestId('history-load').click()
    await expect(page.getByTestId('history-chart').first()).toHaveAttribute('data-points', /[1-9]\d*/, { timeout: 20_000 })
    await page.getByTestId('report-dimension').selectOption('month')
    await page.getByTestId('report-load').click()
    await expect(page.getByTestId('energy-bars')).toHaveAttribute('data-bars', /^(28|29|30|31)$/, { timeout: 20_000 })
    const download = page.waitForEvent('download')
    await page.getByTestId('history-csv').click()
    const csv = readFileSync((await (await download).path())!, 'utf8')
    expect(csv.split('\r\n').length).toBeGreaterThan(10)
    await page.screenshot({ path: join(SHOTS, `live-data-${language}.png`), fullPage: true })
    await page.getByTestId('live-stop').click()
    expectNoConsoleErrors(app)
  })
}

import { join } from 'node:path'
import { chooseDemo, expect, expectNoConsoleErrors, ROOT, test } from './fixtures'

const SHOTS = join(ROOT, 'e2e', '.artifacts')

test('starts, offers demo devices on first run, and lists the simulated port', async ({ app }) => {
  const { page } = app
  await expect(page.locator('[data-state=first-run]')).toBeVisible()
  await chooseDemo(page)
  await expect(page.getByTestId('demo-badge')).toBeVisible()
  await page.locator('[data-nav=devices]').click()
  await expect(page.locator('[data-port="sim:loopback"]')).toBeVisible()
  expectNoConsoleErrors(app)
})

for (const [language, heading] of [
  ['en', 'What are you doing today?'],
  ['zh', '今天要做什么？'],
  ['pl', 'Co dziś robimy?'],
] as const) {
  test(`switches the whole UI to ${language}`, async ({ app }) => {
    const { page } = app
    await chooseDemo(page)
    await page.getByTestId('language-select').selectOption(language)
    await expect(page.locator(`.shell[data-language=${language}]`)).toBeVisible()
    await expect(page.locator('h1')).toHaveText(heading)
    await page.screenshot({ path: join(SHOTS, `home-${language}.png`), fullPage: true })
    await page.locator('[data-nav=tables]').click()
    await expect(page.getByTestId('device-tables')).toHaveAttribute('data-ready', 'true')
    await page.screenshot({ path: join(SHOTS, `tables-${language}.png`) })
    expectNoConsoleErrors(app)
  })
}

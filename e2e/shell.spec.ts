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

test('Terminal: opens a port, shows every chunk both ways, and refuses bad hex', async ({ app }) => {
  const { page } = app
  await chooseDemo(page)
  await page.locator('[data-nav=terminal]').click()
  await page.getByTestId('terminal-port').selectOption('sim:loopback')
  await page.getByTestId('terminal-open').click()
  await page.getByTestId('terminal-input').fill('hello bench')
  await page.getByTestId('terminal-send').click()
  const traffic = page.getByTestId('traffic')
  await expect(traffic.locator('.traffic-row.tx')).toContainText('68 65 6c 6c 6f')
  await expect(traffic.locator('.traffic-row.rx').first()).toBeVisible()
  await expect(traffic).toContainText('hello bench..')
  await page.getByTestId('terminal-encoding').selectOption('hex')
  await page.getByTestId('terminal-input').fill('01 10 zz')
  await page.getByTestId('terminal-send').click()
  await expect(page.getByTestId('terminal-input')).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByRole('alert')).toContainText('Not valid hex')
  await page.getByTestId('terminal-close').click()
  await expect(traffic.locator('.traffic-row.event').last()).toContainText('port closed')
  expectNoConsoleErrors(app)
})

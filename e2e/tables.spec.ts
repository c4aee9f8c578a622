import { chooseDemo, expect, expectNoConsoleErrors, test } from './fixtures'

const BMS_FAULTS = '60H3060E52345605'

test('Device tables: search faults and variables by code, any language and unit', async ({ app }) => {
  const { page } = app
  await chooseDemo(page)
  await page.locator('[data-nav=tables]').click()
  const tables = page.getByTestId('device-tables')
  await expect(tables).toHaveAttribute('data-ready', 'true')
  const faults = page.getByTestId('faults-list')
  await expect(faults).toHaveAttribute('data-rows', '771')

  const search = page.getByTestId('tables-search')
  await search.fill('1025')
  await expect(faults.locator('[data-code="1025"]')).toBeVisible()
  // a name in words, the vendor's identifier beside it, and what to check for its class
  await expect(faults.locator('[data-code="1025"]')).toContainText('Grid overvoltage')
  await expect(faults.locator('[data-code="1025"]')).toContainText('cGridOverVoltFault')
  await expect(page.getByTestId('fault-detail')).toHaveAttribute('data-code', '1025')
  await expect(page.getByTestId('fault-advice')).toHaveAttribute('data-class', 'grid')
  await expect(page.getByTestId('fault-advice')).toContainText('grid code')
  // the vendor's name finds it too
  await search.fill('cgridovervoltfault')
  await expect(faults.locator('[data-code="1025"]')).toBeVisible()
  // the same fault by its Chinese and its Polish name
  await search.fill('电网过压')
  await expect(faults.locator('[data-code="1025"]')).toBeVisible()
  await search.fill('przepięcie sieci')
  await expect(faults.locator('[data-code="1025"]')).toBeVisible()

  // a vendor placeholder is an unknown fault with its number, never "TBD19"
  await search.fill('19')
  await expect(faults.locator('[data-code="19"]')).toContainText('Unknown fault 19')
  await expect(faults).not.toContainText('TBD19')
  await page.getByRole('checkbox').check()
  await expect(faults.locator('[data-code="19"]')).toHaveCount(0)

  // one class at a time; a chosen row shows its advice
  await search.fill('125')
  await page.getByTestId('tables-class').selectOption('battery')
  await expect(faults.locator('[data-class=grid]')).toHaveCount(0)
  await expect(faults.locator('[data-code="1252"]')).toBeVisible()
  await faults.locator('[data-code="1251"]').click()
  await expect(page.getByTestId('fault-detail')).toContainText('BMS overvoltage protection')
  await expect(page.getByTestId('fault-advice')).toHaveAttribute('data-class', 'battery')
  await page.getByTestId('tables-class').selectOption('all')
  await search.fill('')

  await page.locator('[data-tab=variables]').click()
  const variables = page.getByTestId('variables-list')
  await expect(variables).toHaveAttribute('data-rows', '113')
  await search.fill('kwh')
  await expect(variables.locator('[data-key="todayYield"]')).toBeVisible()
  await expect(variables.locator('[data-key="pvPower"]')).toHaveCount(0)
  await page.getByTestId('tables-inverter').selectOption('gridTied')
  await expect(variables.locator('[data-key="ResidualEnergy"]')).toHaveCount(0)

  await page.locator('[data-tab=states]').click()
  await expect(page.getByTestId('states-list')).toContainText('On-grid')
  expectNoConsoleErrors(app)
})

test('Device tables speak Polish, and mark the Polish that is ours', async ({ app }) => {
  const { page } = app
  await chooseDemo(page)
  await page.getByTestId('language-select').selectOption('pl')
  await page.locator('[data-nav=tables]').click()
  await expect(page.getByTestId('device-tables')).toHaveAttribute('data-ready', 'true')
  await page.getByTestId('tables-search').fill('1025')
  const row = page.getByTestId('faults-list').locator('[data-code="1025"]')
  await expect(row).toContainText('Przepięcie sieci')
  await expect(row).toContainText('Tłumaczenie Fieldbench')
  await page.getByTestId('tables-search').fill('19')
  await expect(page.getByTestId('faults-list').locator('[data-code="19"]')).toContainText('Nieznana usterka 19')
  // the vendor's machine translation is replaced, and kept in the tag's hint
  await page.getByTestId('tables-search').fill('13')
  const bus = page.getByTestId('faults-list').locator('[data-code="13"]')
  await expect(bus).toContainText('Błąd komunikacji procesora pomocniczego z płytą komunikacyjną')
  await expect(bus.locator('.tag')).toHaveAttribute('title', /Błąd komunikacji autobusowej/)
})

test('Device tables in Chinese: the BMS codes by Chinese name, marked as ours', async ({ app }) => {
  const { page } = app
  await chooseDemo(page)
  await page.getByTestId('language-select').selectOption('zh')
  await page.locator('[data-nav=tables]').click()
  await expect(page.getByTestId('device-tables')).toHaveAttribute('data-ready', 'true')
  await page.getByTestId('tables-search').fill('1251')
  const row = page.getByTestId('faults-list').locator('[data-code="1251"]')
  await expect(row).toContainText('BMS过压保护')
  await expect(row.locator('.tag')).toHaveAttribute('title', /Over Voltage Protect/)
  await expect(page.getByTestId('fault-advice')).toContainText('BMS')
})

test('Live data shows the inverter\'s current faults with their likely cause', async ({ app }) => {
  test.setTimeout(60_000)
  const { page } = app
  await chooseDemo(page)
  await page.locator('[data-nav=foxessLive]').click()
  // the demo inverter that reports a BMS link fault (14) and a BMS fault (207)
  await page.getByTestId('live-inverter').selectOption(BMS_FAULTS)
  await page.getByTestId('live-start').click()
  const faults = page.getByTestId('live-faults')
  await expect(faults.locator('[data-code="14"]')).toContainText('Communication fault between battery and inverter', { timeout: 20_000 })
  await expect(faults.locator('[data-code="207"]')).toContainText('BMS external fault')
  await expect(faults.locator('[data-testid=fault-advice]')).toHaveCount(2)
  await expect(faults.locator('[data-testid=fault-advice][data-class=battery]')).toContainText('BMS')
  await page.getByTestId('live-stop').click()
  expectNoConsoleErrors(app)
})

test('Commissioning shows the inverter\'s current faults with their likely cause in its live data step', async ({ app }) => {
  test.setTimeout(120_000)
  const { page } = app
  await chooseDemo(page)
  await page.locator('[data-nav=ctDetection]').click()
  await expect(page.getByTestId('inverter-picker')).toHaveAttribute('data-ready', 'true')
  await page.getByTestId('inverter-search').fill(BMS_FAULTS.slice(-6))
  await page.locator(`[data-testid=inverter-row][data-sn="${BMS_FAULTS}"]`).click()
  await page.getByTestId('job-site').fill('Leeds')
  await page.getByTestId('start-commissioning').click()
  // a single-phase system has no CT check: on to the settings, kept as they are, and the clock, left alone
  await page.getByTestId('ct-system-singlePhaseSingle').click()
  await page.getByTestId('settings-skip').click({ timeout: 30_000 })
  await page.getByTestId('clock-skip').click({ timeout: 30_000 })
  const faults = page.getByTestId('current-faults')
  await expect(faults.locator('[data-code="14"]')).toContainText('Communication fault between battery and inverter', { timeout: 30_000 })
  await expect(faults.locator('[data-code="207"]')).toContainText('BMS external fault')
  await expect(faults.locator('[data-testid=fault-advice][data-class=battery]')).toContainText('BMS')
  expectNoConsoleErrors(app)
})

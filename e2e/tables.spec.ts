import { chooseDemo, expect, expectNoConsoleErrors, test } from './fixtures'

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
  await expect(faults.locator('[data-code="1025"]')).toContainText('cGridOverVoltFault')
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
  await expect(page.getByTestId('faults-list').locator('[data-code="19"]')).toContainText('Nieznany błąd 19')
})

/**
 * The UPS protocol-file editor as an integrator meets it on a 1366×768
 * laptop, in each language: the maker's seed opened, its placeholder said
 * plainly, one value's Index corrected with the lint following as it is
 * typed, a captured reply laid over the file's fields, a wrong baud rate
 * refused with its reason, and the file saved with only that value's bytes
 * changed.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, expectNoConsoleErrors, ROOT, test } from './fixtures'
import { LANGUAGES, laptopScreens } from './laptop'

const { laptop, shot } = laptopScreens('/tmp/shots-ups-files')
/** `~` + the data as ASCII hex digits + CR, as the shipped framing frames a reply */
const reply = (digits: string) => ['7E', ...[...digits].map((c) => c.charCodeAt(0).toString(16).toUpperCase()), '0D'].join(' ')

for (const language of LANGUAGES) {
  test(`protocol file: the seed's placeholder said plainly, an Index corrected live, a reply inspected, the file saved (${language})`, async ({ app }) => {
    test.setTimeout(90_000)
    const { page } = app
    await laptop(page, language)
    await page.locator('[data-nav=upsFiles]').click()
    await page.getByTestId('open-seed').click()

    const verdict = page.getByTestId('ups-verdict')
    await expect(verdict).toBeInViewport()
    await expect(page.getByTestId('ups-verdict-text')).toContainText('1')
    await expect(page.getByTestId('ups-next')).toBeInViewport()
    const placeholder = page.getByTestId('ups-findings').locator('[data-finding=placeholder]')
    await expect(placeholder).toContainText('120')
    await expect(placeholder).toContainText('Index=13')
    // shown at its row too, in the table
    await expect(page.locator('[data-testid=ups-values] [data-finding=placeholder]')).toHaveCount(1)
    await expect(page.getByTestId('ups-save')).toBeDisabled()
    await shot(page, 'seed-opened', language)

    await page.locator('[data-key="cmd-2.Index"]').fill('4')
    // the lint follows the typing: one value fewer on the placeholder
    await expect(placeholder).toContainText('119')
    await expect(placeholder).toContainText('cmd-3')
    await expect(page.locator('tr[data-value="2"] .badge.ok')).toBeVisible()
    await expect(page.getByTestId('ups-save')).toBeEnabled()

    // a captured reply to 0x01 with the fields over its bytes; clicking a byte selects its value's row
    await page.getByTestId('inspector-hex').fill(reply('08FC08FD08FE0000000000000000000000000000'))
    await page.getByTestId('inspector-add').click()
    await expect(page.getByTestId('inspector-bytes').locator('button')).toHaveCount(42)
    await page.getByTestId('inspector-hex').fill(reply('0000000008FE0000000000000000000000000000'))
    await page.getByTestId('inspector-add').click()
    await expect(page.getByTestId('inspector-bytes').locator('button.moved')).toHaveCount(6)
    await page.getByTestId('inspector-bytes').locator('button[data-at="6"]').click()
    await expect(page.locator('tr[data-value="2"]')).toHaveClass(/selected/)
    await expect(page.getByTestId('inspector-fields').locator('tr[data-field="2"]')).toHaveClass(/moved/)
    await shot(page, 'corrected-inspected', language)

    // a typed value the file cannot hold is refused at its cell, and the file cannot be saved
    await page.locator('[data-key="cmd-3.Index"]').fill('4 Len=2')
    await expect(page.locator('[data-key="cmd-3.Index"]')).toHaveClass(/invalid/)
    await expect(page.getByTestId('ups-save')).toBeDisabled()
    await page.locator('[data-key="cmd-3.Index"]').fill('13')

    // the framing profile beside the file: a wrong baud rate is refused with its reason, in the UI language
    await page.getByTestId('ups-tab-framing').click()
    await page.getByTestId('framing-baud').fill('12')
    await expect(page.locator('[data-issue="line.baud"]')).toContainText('300')
    await expect(page.getByTestId('ups-save')).toBeDisabled()
    await shot(page, 'framing-refused', language)
    await page.getByTestId('framing-baud').fill('9600')
    await expect(page.locator('[data-issue="line.baud"]')).toHaveCount(0)
    await expect(page.getByTestId('ups-save')).toBeEnabled()

    await page.getByTestId('ups-save').click()
    await expect(page.getByTestId('ups-saved')).toBeVisible()
    await expect(page.getByTestId('ups-save')).toBeDisabled()
    const seed = readFileSync(join(ROOT, 'docs/devices/ups-rs232-protocol.zh.ini'), 'utf8')
    const saved = readFileSync(join(app.userData, 'ups-files', 'ups-rs232-protocol.zh.seed.ini'), 'utf8')
    const at = seed.indexOf('[cmd-2] SendCmd=01 Index=13')
    expect(saved).toBe(`${seed.slice(0, at)}[cmd-2] SendCmd=01 Index=4${seed.slice(at + '[cmd-2] SendCmd=01 Index=13'.length)}`)
    await shot(page, 'saved', language)
    expectNoConsoleErrors(app)
  })
}

import { join } from 'node:path'
import { createPtyPair } from '../src/main/transport/serial/pty-pair'
import { expect, expectNoConsoleErrors, ROOT, test } from './fixtures'
import { LANGUAGES, LAPTOP, laptopScreens } from './laptop'
import { crashMidJob, loopbackOn } from './link-check-cli'

const { laptop, shot } = laptopScreens(join(ROOT, 'e2e', '.artifacts'))
const KRAKOW = '60H3103A12345601'

for (const language of LANGUAGES) {
  test(`a running CT check survives navigating, is in the shell on every page, and a second job on its inverter is refused with a way back (${language})`, async ({ app }) => {
    test.setTimeout(90_000)
    const { page } = app
    // the strip must leave the page its room on the smallest screen the app is used on
    await laptop(page, language)
    await expect(page.getByTestId('open-jobs')).toHaveCount(0)

    const pick = async () => {
      await expect(page.getByTestId('inverter-picker')).toHaveAttribute('data-ready', 'true')
      await page.getByTestId('inverter-search').fill(KRAKOW.slice(-6))
      await page.locator(`[data-testid=inverter-row][data-sn="${KRAKOW}"]`).click()
    }
    await page.locator('[data-nav=ctDetection]').click()
    await pick()
    await page.getByTestId('start-ct').click()
    const ctJob = page.getByTestId('ct-job')
    const recordId = await ctJob.getAttribute('data-record')
    expect(recordId).toMatch(/^\d+$/)
    await page.getByTestId('ct-system-threePhaseSingle').click()
    await expect(page.locator('[data-testid=ct-conditions] [data-pass=true]')).toHaveCount(4)

    // away to another page: the check is in the shell, running, on its inverter
    await page.locator('[data-nav=records]').click()
    const chip = page.locator(`[data-testid=open-job][data-open-record="${recordId}"]`)
    await expect(chip).toHaveAttribute('data-state', 'running')
    await expect(chip).toHaveAttribute('data-device', `inverter:${KRAKOW}`)
    await shot(page, 'open-jobs-strip', language)

    // back to it: the same record, with its progress
    await chip.click()
    await expect(ctJob).toHaveAttribute('data-record', recordId!)
    await expect(page.locator('[data-testid=ct-conditions] [data-pass=true]')).toHaveCount(4)
    await expect(page.locator('[data-testid=job-steps] [data-step=applicability]')).toHaveAttribute('data-verdict', /.+/)
    await shot(page, 'open-jobs-returned', language)

    // the page opened from the sidebar attaches to the running check too
    await page.locator('.brand').click()
    await page.locator('[data-nav=ctDetection]').click()
    await expect(ctJob).toHaveAttribute('data-record', recordId!)

    // and so does a window opened afresh: the list comes from main, not from what the page remembered
    await page.reload()
    await page.locator('[data-nav=ctDetection]').click()
    await expect(ctJob).toHaveAttribute('data-record', recordId!)
    await expect(page.locator('[data-testid=ct-conditions] [data-pass=true]')).toHaveCount(4)

    // a second job on the same inverter: refused, with the way back to the first
    await page.getByTestId('new-job').click()
    await pick()
    await page.getByTestId('start-commissioning').click()
    const refused = page.getByTestId('start-refused')
    await expect(refused).toHaveAttribute('data-code', 'jobDeviceBusy')
    await expect(refused).toHaveAttribute('data-other-record', recordId!)
    await expect(refused).toContainText(`#${recordId}`)
    await shot(page, 'open-jobs-refused', language)
    await refused.getByTestId('return-to-job').click()
    await expect(ctJob).toHaveAttribute('data-record', recordId!)
    await expect(page.locator('[data-testid=ct-conditions] [data-pass=true]')).toHaveCount(4)
    await expect(page.locator('[data-testid=open-job]')).toHaveCount(1)

    // its record offers the same way back while it runs
    await page.locator('[data-nav=records]').click()
    await page.locator(`[data-record="${recordId}"]`).first().click()
    await expect(page.getByTestId('record-open')).toHaveAttribute('data-state', 'running')
    await shot(page, 'open-jobs-record', language)
    await page.getByTestId('record-open').getByTestId('return-to-job').click()
    await expect(ctJob).toHaveAttribute('data-record', recordId!)
    expectNoConsoleErrors(app)
  })
}

test('a suspended job is in the shell and offered, not duplicated: a start on its port offers to resume it, and resumed it runs to its verdict on its page', async ({ app }) => {
  test.setTimeout(90_000)
  const { page } = app
  await page.setViewportSize(LAPTOP)
  const pair = await createPtyPair()
  await page.getByTestId('first-run-hardware').click()
  await crashMidJob(app, pair.app)
  const plug = await loopbackOn(pair.device)
  try {
    await page.reload()
    const chip = page.locator('[data-testid=open-job][data-open-record="1"]')
    await expect(chip).toHaveAttribute('data-state', 'suspended')
    await expect(chip).toHaveAttribute('data-device', `serialPort:${pair.app}`)

    // its record offers to resume it or close it
    await chip.click()
    await expect(page.getByTestId('record-open')).toHaveAttribute('data-state', 'suspended')
    await expect(page.getByTestId('record-open').getByTestId('resume-job')).toBeVisible()
    await expect(page.getByTestId('record-open').getByTestId('close-job')).toBeVisible()

    // a new link check on the same port is refused, offering the suspended one
    await page.locator('[data-nav=devices]').click()
    await page.getByTestId('manual-path').fill(pair.app)
    await page.getByTestId('manual-path').press('Enter')
    await page.locator('[data-nav=linkCheck]').click()
    await page.getByTestId('link-port').selectOption(pair.app)
    await page.getByTestId('link-start').click()
    const refused = page.getByTestId('start-refused')
    await expect(refused).toHaveAttribute('data-code', 'jobDeviceSuspended')
    await expect(refused).toHaveAttribute('data-other-record', '1')
    await shot(page, 'open-jobs-suspended', 'en')
    await refused.getByTestId('resume-job').click()

    // resumed on its own page, to its verdict; then the shell has nothing open
    await expect(page.getByTestId('link-progress')).toHaveAttribute('data-phase', 'finished', { timeout: 30_000 })
    // the verdict is the echo rate's business (a loaded machine can miss it); here, that it ran to one, as record #1
    await expect(page.getByTestId('link-result')).toBeVisible()
    await expect(page.getByTestId('open-jobs')).toHaveCount(0)
    await page.locator('[data-nav=records]').click()
    await expect(page.locator('[data-record]')).toHaveCount(1)
    expectNoConsoleErrors(app)
  } finally {
    plug.kill('SIGTERM')
    await pair.close()
  }
})

/**
 * The UPS monitor in demo mode, as a service engineer meets it on a 1366×768
 * laptop in each language: the simulated UPS polled, a mains failure's alarms
 * raised and cleared, the line gone silent and back, with the line's state and
 * the next action always in view.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, expectNoConsoleErrors, test } from './fixtures'
import { LANGUAGES, LAPTOP, laptopScreens } from './laptop'

const { laptop, shot } = laptopScreens('/tmp/shots-ups-link')
const session = laptopScreens('/tmp/shots-ups-session')
const CORRECTED = resolve(import.meta.dirname, '../resources/ups/ups-rs232-protocol.zh.ini')
const status = (page: Page) => page.getByTestId('ups-status')

/** The line's state and the next action are on screen, not below the fold. */
async function statusInView(page: Page) {
  const box = await status(page).boundingBox()
  expect(box).not.toBeNull()
  expect(box!.y + box!.height).toBeLessThanOrEqual(LAPTOP.height)
  await expect(page.getByTestId('ups-stop')).toBeInViewport()
}

for (const language of LANGUAGES) {
  test(`monitors the simulated UPS: values, a mains failure's alarms, communication lost and back (${language})`, async ({ app }) => {
    const { page } = app
    await laptop(page, language)
    await page.locator('[data-nav=ups]').click()
    await expect(page.getByTestId('ups-port')).toHaveValue('sim:ups')
    await page.getByTestId('ups-interval').selectOption('1')
    await page.getByTestId('ups-start').click()
    await expect(status(page)).toHaveAttribute('data-state', 'ok', { timeout: 15_000 })
    await expect(page.locator('[data-testid=ups-groups] .ups-value[data-n="1"] .ups-number')).toHaveText(/^2[12]\d(\.\d)? V$/)
    await expect(page.locator('[data-testid=ups-groups] .ups-light[data-n="62"]')).toHaveAttribute('data-state', 'on')
    await expect(page.getByTestId('ups-chart-course')).toBeVisible()
    await statusInView(page)
    await shot(page, 'ups-normal', language)
    const download = page.waitForEvent('download')
    await page.getByTestId('ups-chart-csv').click()
    const csv = readFileSync((await (await download).path())!, 'utf8')
    // a row per answer: each command's values at the time it was answered, mains voltages first
    expect(csv.split('\r\n').some((row) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d,2[12]\d/.test(row))).toBe(true)

    await page.locator('[data-testid=ups-demo] [data-scenario=mainsFailure]').click()
    await expect(page.locator('[data-testid=ups-alarms] .ups-alarm.active[data-key=cmd-23]')).toBeVisible({ timeout: 15_000 })
    await expect(page.locator('[data-testid=ups-groups] .ups-light[data-n="23"]')).toHaveAttribute('data-state', 'alarm')
    await expect(status(page)).not.toHaveAttribute('data-alarms', '0')
    await statusInView(page)
    await shot(page, 'ups-mains-failure', language)
    await page.locator('[data-testid=ups-demo] [data-scenario=normal]').click()
    await expect(page.locator('[data-testid=ups-alarms] .ups-alarm.cleared[data-key=cmd-23]')).toBeVisible({ timeout: 15_000 })
    await expect(page.locator('[data-testid=ups-alarms] .ups-alarm.active')).toHaveCount(0)

    await page.locator('[data-testid=ups-demo] [data-line-fault=noAnswer]').click()
    await expect(page.locator('[data-testid=ups-groups] .ups-value[data-n="1"]')).toHaveAttribute('data-stale', 'true', { timeout: 15_000 })
    await expect(status(page)).toHaveAttribute('data-state', 'lost', { timeout: 15_000 })
    await expect(page.locator('[data-testid=ups-alarms] .ups-alarm.active[data-key=commLost]')).toBeVisible()
    await statusInView(page)
    await shot(page, 'ups-lost', language)
    await page.locator('[data-testid=ups-demo] [data-line-fault=none]').click()
    await expect(status(page)).toHaveAttribute('data-state', 'ok', { timeout: 15_000 })
    await page.getByTestId('ups-stop').click()
    await expect(status(page)).toHaveAttribute('data-state', 'idle')
    expectNoConsoleErrors(app)
  })
}

for (const language of LANGUAGES) {
  test(`logs a session from a chosen file: an alarm in its record, the record opened from the page (${language})`, async ({ app }) => {
    const { page } = app
    await session.laptop(page, language)
    await page.locator('[data-nav=ups]').click()
    await expect(page.getByTestId('ups-port')).toHaveValue('sim:ups')
    await page.getByTestId('ups-file-upload').setInputFiles(CORRECTED)
    await expect(page.getByTestId('ups-file')).toHaveValue('chosen')
    await page.getByTestId('ups-interval').selectOption('1')
    await page.getByTestId('ups-log').check()
    await session.shot(page, 'ups-log-choose', language)
    await page.getByTestId('ups-start').click()
    await expect(status(page)).toHaveAttribute('data-state', 'ok', { timeout: 15_000 })
    await expect(page.getByTestId('ups-file-in-use')).toHaveAttribute('data-origin', 'editor')
    await expect(page.getByTestId('ups-file-in-use')).toContainText('ups-rs232-protocol.zh.ini')
    await page.locator('[data-testid=ups-demo] [data-scenario=mainsFailure]').click()
    await expect(page.locator('[data-testid=ups-alarms] .ups-alarm.active[data-key=cmd-23]')).toBeVisible({ timeout: 15_000 })
    await statusInView(page)
    await session.shot(page, 'ups-log-alarm', language)
    await page.locator('[data-testid=ups-demo] [data-scenario=normal]').click()
    await expect(page.locator('[data-testid=ups-alarms] .ups-alarm.cleared[data-key=cmd-23]')).toBeVisible({ timeout: 15_000 })
    await page.getByTestId('ups-stop').click()
    await expect(status(page)).toHaveAttribute('data-state', 'idle')
    await page.getByTestId('ups-log-record').click()
    const record = page.getByTestId('record')
    await expect(record.locator('.step[data-step=alarm23]')).toBeVisible()
    await expect(record.locator('.step[data-step=logging]')).toHaveAttribute('data-status', 'done')
    await expect(record.getByTestId('ups-log-csv')).toHaveCount(1)
    await session.shot(page, 'ups-log-record', language)
    const download = page.waitForEvent('download')
    await record.getByTestId('ups-log-csv').click()
    const csv = readFileSync((await (await download).path())!, 'utf8')
    expect(csv.split('\r\n').length).toBeGreaterThan(2)
    expectNoConsoleErrors(app)
  })
}

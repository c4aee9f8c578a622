/**
 * The EV charger's live status chart with a whole 8-hour session behind it, in
 * Chromium over browser mode (built app, demo charger). The page connects and
 * its 1 Hz Status poll runs; the bench then hands the page's bridge socket 8
 * simulated hours of `evse:live` updates (the demo charger's own Status with
 * power and current varying), an hour to a task, generated in the page the way
 * bench/live-chart.bench.ts feeds the Fox ESS page, then one new update a
 * second. Measured in the page: update message to drawn frame, and the heap
 * after 1 h and after 8 h of samples. Every wait is bounded.
 */
import type { Page } from '@playwright/test'
import { it } from 'vitest'
import { benchShot, drawnFrameScript, everySecond, finite, heapMb, openBenchPage } from './browser'
import { type Figure, percentile, recordFigures } from './lib'

const HOUR = 3600
const LIVE_SAMPLES = 30

/**
 * In the page: `count` seconds of a deterministic charging session from
 * sample `first` on (the current ramping with the power limit, noise, a
 * one-second spike every few hours), each its own `evse:live` message, an
 * hour of them to a task. Returns the last sample's time.
 */
const FEED = `({ start, first, count }) => {
  const template = window.__evseLive
  const sample = (i) => {
    const at = start + i * 1000
    const noise = (((i * 7919) % 1000) / 1000 - 0.5) * 0.4
    const currentA = Math.max(0, 16 + 10 * Math.sin(i / 1800) + noise + (i % 10007 === 97 ? 8 : 0))
    const status = { ...template.status, state: 3, started: true, currentA, powerW: Math.round(currentA * 690), durationS: i }
    return JSON.stringify({ t: 'event', channel: 'evse:live', payload: { host: template.host, at, status, error: null, restarted: false } })
  }
  for (let i = first; i < first + count; i++) window.__bridge.dispatchEvent(new MessageEvent('message', { data: sample(i) }))
  return start + (first + count - 1) * 1000
}`

/** In the page: one new update; ms from its message reaching the bridge socket to the frame in which the current chart's series layer shows it (NaN after 3 s). */
const ONE_SAMPLE = drawnFrameScript('[data-testid=evse-live-chart-current] g.series-layer', FEED)

/** Feeds `count` seconds from sample `first` on, an hour to a task, and waits (bounded) for the chart to have taken the last. */
async function feed(page: Page, start: number, first: number, count: number) {
  let last = 0
  for (let s = 0; s < count; s += HOUR) last = (await page.evaluate(`(${FEED})(${JSON.stringify({ start, first: first + s, count: Math.min(HOUR, count - s) })})`)) as number
  await page.waitForFunction((at) => Number(document.querySelector('[data-testid=evse-status-chart]')?.getAttribute('data-latest')) >= at, last, { timeout: 60_000 })
}

/** In the page: the first live update of the demo charger, the template of the fed ones. */
const KEEP_LIVE = `(text, w) => {
  const message = JSON.parse(text)
  if (message.t === 'event' && message.channel === 'evse:live' && message.payload?.status && !w.__evseLive) w.__evseLive = message.payload
}`

it('EV charger status chart: a whole 8 h session at 1 Hz', async () => {
  const { page } = await openBenchPage({ width: 1366, height: 768 }, KEEP_LIVE)
  await page.locator('[data-nav=evse]').click()
  await page.waitForFunction(() => (document.querySelector('[data-testid=evse-address]') as HTMLInputElement | null)?.value)
  await page.getByTestId('evse-connect').click()
  await page.waitForFunction(() => Boolean((window as unknown as { __evseLive?: unknown }).__evseLive) && Number(document.querySelector('[data-testid=evse-status-chart]')?.getAttribute('data-latest')) > 0)

  // the simulated session follows the demo charger's last reading, so none of it is older than what the page has; the real polls after it are older and add nothing
  const start = Number(await page.getByTestId('evse-status-chart').getAttribute('data-latest')) + 1000
  await feed(page, start, 0, HOUR)
  const heapHour = await heapMb(page)
  await feed(page, start, HOUR, 7 * HOUR)
  const heapSession = await heapMb(page)
  const points = await page.locator('[data-testid^=evse-live-chart-]').evaluateAll((els) => els.reduce((n, el) => n + Number(el.getAttribute('data-points')), 0))

  const { drawn, cpuPerSecond: cpuLive, load } = await everySecond(page, LIVE_SAMPLES, (i) => `(${ONE_SAMPLE})(${JSON.stringify({ start, first: 8 * HOUR + i, count: 1 })})`)
  await benchShot(page, 'evse-live-chart')

  const p95 = percentile(finite(drawn), 95)
  const growth = ((heapSession - heapHour) / heapHour) * 100
  const figures: Figure[] = [
    { name: 'status update → drawn frame, p50', value: percentile(finite(drawn), 50), unit: 'ms', note: `${LIVE_SAMPLES} updates at 1 Hz after 8 h, power and current in 2 charts over the whole session (${points} points drawn); from the message at the bridge socket to the frame with the redrawn line` },
    { name: 'status update → drawn frame, p95', value: p95, unit: 'ms', target: '≤ 16 ms', met: p95 <= 16 },
    { name: 'updates not redrawn within 3 s', value: drawn.length - finite(drawn).length, unit: 'samples' },
    { name: 'renderer main-thread CPU per second of live status', value: cpuLive, unit: 'ms', note: `one update a second (and the demo charger's own poll), everything the page did in that second; machine load average ${load.toFixed(1)} during the run` },
    { name: 'renderer heap after 1 h of the session', value: heapHour, unit: 'MB', note: 'after GC' },
    { name: 'renderer heap after 8 h of the session', value: heapSession, unit: 'MB', note: `${growth >= 0 ? '+' : ''}${growth.toFixed(1)} % against the first hour`, target: 'within 10 % of 1 h', met: Math.abs(growth) <= 10 },
  ]
  recordFigures('evse-live-chart', figures)
})

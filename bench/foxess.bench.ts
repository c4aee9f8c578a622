/**
 * Fox ESS figures against the account's daily call budget, and chart cost.
 *
 * - Calls: the real jobs and the live monitor run against the simulator over
 *   loopback HTTP on a virtual clock (so a 10 s poll or an hour of refreshes
 *   costs no real time); every call the simulator served is counted.
 * - Charts: a day of history to pixel columns (the series store every chart
 *   draws from) measured in Node; render measured in Chromium on the built
 *   app in browser mode (demo), from the click to the charts' SVG being in
 *   the page, and for a re-render after a resize.
 */
import { afterAll, describe, it } from 'vitest'
import { type CommissioningView, defaultFoxConfig, type FoxLiveUpdate } from '../src/shared/contract'
import type { CommissioningAnswer } from '../src/shared/contract/foxess/foxess.schemas'
import { targetFromSnapshot } from '../src/shared/devices/foxess/settings-plan'
import { DEFAULT_DAILY_BUDGET } from '../src/shared/devices/foxess/values'
import { storeOfPoints } from '../src/shared/series/store'
import { LiveMonitor } from '../src/main/devices/foxess/live'
import { harness, type Harness } from '../src/main/devices/foxess/test/harness'
import { CommissioningJob } from '../src/main/devices/foxess/inverter-commissioning'
import { MemoryLogger } from '../src/main/log/logger'
import { Redactor } from '../src/main/log/redact'
import { RecordStore } from '../src/main/store/records'
import { launchChromium, startServer } from './browser'
import { type Figure, percentile, recordFigures } from './lib'

/** In the page: the series layers of the history charts, what they draw, and how many series they hold. */
const HISTORY = `const charts = () => [...document.querySelectorAll('[data-testid=history-chart]')]
  const drawn = () => charts().map((c) => [...c.querySelectorAll('path.series-line')].map((p) => p.getAttribute('d')).join('')).join('|')
  const series = () => charts().reduce((n, c) => n + (c.querySelector('g.series-layer') ? Number(c.getAttribute('data-series')) : 0), 0)
  const placed = () => charts().map((c) => c.querySelector('g.series-layer')?.getAttribute('transform')).join('|')`

/** In the page: click "Show the day", resolve with the ms until all ten series are redrawn (and painted); NaN after 10 s. */
const LOAD_AND_DRAW = `new Promise((done) => {
  ${HISTORY}
  const before = drawn()
  const t0 = performance.now()
  const timer = setTimeout(() => { observer.disconnect(); done(NaN) }, 10000)
  const observer = new MutationObserver(() => {
    if (series() >= 10 && drawn() !== before) {
      observer.disconnect()
      clearTimeout(timer)
      requestAnimationFrame(() => done(performance.now() - t0))
    }
  })
  observer.observe(document.body, { subtree: true, childList: true, attributes: true })
  document.querySelector('[data-testid=history-load]').click()
})`

/** In the page: narrow or widen the charts' column, resolve with the ms until the series are placed for the new width; NaN after 10 s. */
const RESIZE_AND_DRAW = `(narrow) => new Promise((done) => {
  ${HISTORY}
  const column = document.querySelector('.live-main')
  const before = placed()
  const t0 = performance.now()
  const timer = setTimeout(() => { observer.disconnect(); done(NaN) }, 10000)
  const observer = new MutationObserver(() => {
    if (placed() !== before) {
      observer.disconnect()
      clearTimeout(timer)
      requestAnimationFrame(() => done(performance.now() - t0))
    }
  })
  observer.observe(document.body, { subtree: true, childList: true, attributes: true })
  column.style.maxWidth = narrow ? '700px' : ''
})`
const BUDGET = DEFAULT_DAILY_BUDGET
const share = (calls: number) => `${((calls / BUDGET) * 100).toFixed(1)} % of ${BUDGET}`

let h: Harness | null = null
afterAll(async () => {
  await h?.close()
})

/** A full commissioning run with a scripted installer; returns the calls the cloud served and the virtual time it took. */
async function commissioningRun(sn: string, script: { rerunCt?: boolean }) {
  h = await harness()
  const records = new RecordStore(':memory:', new Redactor())
  const started = h.clock.now()
  let last = ''
  let reran = false
  const answer = (a: CommissioningAnswer) => queueMicrotask(() => job.answer(a))
  const job: CommissioningJob = CommissioningJob.create(
    {
      records,
      log: new MemoryLogger(),
      emit: () => undefined,
      services: { api: () => h!.api, ct: () => h!.ct, clock: h!.clock, config: () => defaultFoxConfig },
      publishCommissioning: (v: CommissioningView) => {
        const key = `${v.awaiting}:${v.live?.samples.length ?? 0}`
        if (!v.awaiting) last = ''
        if (!v.awaiting || key === last) return
        if (v.awaiting === 'liveConfirm' && !v.live?.samples.length) return
        last = key
        if (v.awaiting === 'ctApplicability') answer({ kind: 'ctApplicability', system: 'threePhaseSingle' })
        if (v.awaiting === 'ctAfterResult') {
          const again = script.rerunCt && !reran
          reran = reran || Boolean(again)
          answer({ kind: 'ctAfterResult', action: again ? 'rerun' : 'finish' })
        }
        if (v.awaiting === 'settingsTarget') {
          const t = targetFromSnapshot(v.settings.current!)
          answer({
            kind: 'settingsTarget',
            target: {
              ...t,
              minSoc: 15,
              minSocOnGrid: 20,
              exportLimit: 6000,
              forceCharge: { ...t.forceCharge!, enable1: true, startTime1: { hour: 2, minute: 0 }, endTime1: { hour: 5, minute: 0 } },
            },
          })
        }
        if (v.awaiting === 'settingsAfterWrite') answer({ kind: 'settingsAfterWrite', action: 'continue' })
        if (v.awaiting === 'clock') answer({ kind: 'clock', action: 'set' })
        if (v.awaiting === 'liveConfirm') answer({ kind: 'liveConfirm', plausible: true })
      },
    },
    { sn },
  )
  await job.run()
  const record = records.get(job.recordId)
  records.close()
  const calls = h.sim.calls
  const open = calls.filter((c) => c.path.startsWith('/op/')).length
  const ct = calls.filter((c) => c.path.startsWith('/device/')).length
  const result = { open, ct, total: open + ct, minutes: (h.clock.now() - started) / 60_000, verdict: record.verdict, limited: calls.filter((c) => c.errno === 40400).length }
  await h.close()
  h = null
  return result
}

describe('Fox ESS: calls against the daily budget', () => {
  it('a full commissioning run', async () => {
    const plain = await commissioningRun('60H3103A12345601', {})
    const rerun = await commissioningRun('60H3080B22345602', { rerunCt: true })
    const figures: Figure[] = [
      { name: 'calls, full commissioning run (CT normal, 3 settings written and read back, clock set, 1 live sample)', value: plain.total, unit: 'calls', note: `${plain.open} open API + ${plain.ct} CT · ${share(plain.total)} · verdict ${plain.verdict}` },
      { name: 'calls, the same with a CT re-run after a wiring fix', value: rerun.total, unit: 'calls', note: `${rerun.open} open API + ${rerun.ct} CT · ${share(rerun.total)}` },
      { name: 'commissioning runs per daily budget', value: Math.floor(BUDGET / plain.total), unit: 'runs' },
      { name: 'time a run spends waiting on pacing and 10 s CT polls (virtual clock)', value: plain.minutes, unit: 'min', note: 'the installer answering instantly' },
      { name: '"too frequent" answers during the runs', value: plain.limited + rerun.limited, unit: 'answers' },
    ]
    recordFigures('foxess-calls-commissioning', figures)
  })

  it('an hour of live monitoring of 10 inverters at the default refresh', async () => {
    h = await harness()
    const sns = h.sim.serials().slice(0, 10)
    const updates: FoxLiveUpdate[] = []
    const monitor = new LiveMonitor(() => h!.api, h.clock, (u) => updates.push(u), new MemoryLogger())
    const started = h.clock.now()
    const { subscriptionId } = monitor.start({ sns, variables: ['pvPower', 'loadsPower', 'feedinPower', 'gridConsumptionPower', 'SoC', 'runningState', 'currentFault'], intervalSeconds: defaultFoxConfig.livePollSeconds })
    // the page renews its lease every minute while it is open
    while (h.clock.now() - started < 3600_000) {
      await h.clock.sleep(60_000)
      monitor.start({ sns, variables: ['pvPower'], intervalSeconds: defaultFoxConfig.livePollSeconds, subscriptionId })
    }
    monitor.stop(subscriptionId)
    const batched = h.sim.calls.filter((c) => c.path === '/op/v1/device/real/query').length
    const samples = updates.reduce((n, u) => n + u.samples.length, 0)
    const perDevice = Math.round(3600 / defaultFoxConfig.livePollSeconds) * sns.length
    recordFigures('foxess-calls-live', [
      { name: `calls, 1 h of live data for 10 inverters every ${defaultFoxConfig.livePollSeconds} s (v1 batch)`, value: batched, unit: 'calls', note: share(batched) },
      { name: 'samples received in that hour', value: samples, unit: 'samples' },
      { name: 'the same with one v0 call per inverter', value: perDevice, unit: 'calls', note: share(perDevice) },
      { name: 'hours of such monitoring per daily budget (v1)', value: BUDGET / Math.max(1, batched), unit: 'h' },
    ])
    await h.close()
    h = null
  })
})

describe('Fox ESS: chart responsiveness with a full day of history for 10 variables', () => {
  it('pixel columns in Node', () => {
    const day = (stepMin: number) =>
      Array.from({ length: 10 }, (_, v) => ({ key: `v${v}`, points: Array.from({ length: (24 * 60) / stepMin + 1 }, (_, i) => ({ x: i * stepMin * 60_000, y: Math.sin(i / 50 + v) * 5 + ((i * 7919 + v) % 97) / 30 })) }))
    const time = (f: () => void, runs = 40) => {
      const samples: number[] = []
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now()
        f()
        samples.push(performance.now() - t0)
      }
      return percentile(samples, 50)
    }
    const fiveMin = day(5)
    const oneMin = day(1)
    const columns = 600
    const drawn = (series: ReturnType<typeof day>) => () => {
      const store = storeOfPoints(series)
      for (const s of series) store.query(s.key, { from: 0, to: 86_400_000, points: columns })
    }
    recordFigures('foxess-charts-downsample', [
      { name: 'points in a day, 10 variables at the cloud\'s 5-min history', value: fiveMin.reduce((n, s) => n + s.points.length, 0), unit: 'points' },
      { name: `store and pixel columns (mean, min, max) for 1200 px, 10 × 289 points`, value: time(drawn(fiveMin)), unit: 'ms', note: `median of 40; ${columns} columns, one per two pixels (fewer points than columns: each point its own column)` },
      { name: `store and pixel columns for 1200 px, 10 × 1441 points (1-min data)`, value: time(drawn(oneMin)), unit: 'ms' },
    ])
  })

  it('render in Chromium (built app, browser mode, demo)', async () => {
    const ready = await startServer()
    const browser = await launchChromium(['--no-sandbox', '--disable-gpu'])
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
      await page.goto(`${ready.url}#token=${ready.token}`)
      await page.waitForSelector('[data-testid=app-ready]')
      await page.locator('[data-nav=foxessLive]').click()
      const picker = page.getByTestId('variable-picker')
      await picker.locator('[data-key=pvPower]').waitFor()
      // ten variables across three units (kW, %, V)
      for (const key of ['pv1Power', 'pv2Power', 'batChargePower', 'batDischargePower', 'RVolt']) await picker.locator(`[data-key=${key}] input`).check()
      const loads: number[] = []
      const resizes: number[] = []
      let points = 0
      // the plant's days (Europe/Warsaw in the demo), typed as ISO dates, which the day field reads in every language
      const plantDay = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(ms)
      const today = plantDay(Date.now())
      const yesterday = plantDay(Date.now() - 86_400_000)
      for (let run = 0; run < 6; run++) {
        // alternate days so every load draws new lines; from the click to all ten lines redrawn (includes the one loopback history call)
        await page.getByTestId('history-day').fill(run % 2 ? yesterday : today)
        // past the 1 s pacing gap of the history path, so the figure is the app's cost, not the pacer's wait
        await page.waitForTimeout(1100)
        const ms = (await page.evaluate(LOAD_AND_DRAW)) as number
        loads.push(ms)
      }
      points = Number(await page.getByTestId('history-chart').first().getAttribute('data-points'))
      for (let run = 0; run < 6; run++) {
        // narrow or widen the charts' column from inside the page: ResizeObserver → width → redraw
        const ms = (await page.evaluate(`(${RESIZE_AND_DRAW})(${run % 2 === 0})`)) as number
        resizes.push(ms)
      }
      recordFigures('foxess-charts-render', [
        { name: 'click → 10 history series of a full day drawn (1 loopback history call + pixel columns + render)', value: percentile(loads.slice(1), 50), unit: 'ms', note: `median of 5 after the first, alternating today so far and yesterday; ${points} points in the first chart (yesterday: the 8 kW series)` },
        { name: 'same, slowest', value: Math.max(...loads.slice(1)), unit: 'ms' },
        { name: 're-render of the charts after a window resize', value: percentile(resizes, 50), unit: 'ms', note: 'median of 6; ResizeObserver → width → grid, axes and series transform of 3 charts (10 series)' },
        { name: 're-render, slowest', value: Math.max(...resizes), unit: 'ms' },
      ])
    } finally {
      await browser.close()
      await ready.stop()
    }
  })
})

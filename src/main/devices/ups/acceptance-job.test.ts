import { describe, expect, it } from 'vitest'
import { AppError, Languages, type RecordDetail } from '@shared/contract'
import { renderRecordHtml } from '../../report/html'
import { translatorFor } from '../../report/i18n'
import { upsBench } from './acceptance-harness'
import { UpsAcceptanceJob } from './acceptance-job'
import { SEED_PATH } from './test-files'
import { alarmsOf, dischargeOf } from '@shared/devices/ups/acceptance-record'

const stepOf = (record: RecordDetail, key: string) => record.steps.filter((s) => s.key === key).at(-1)!
const measured = (record: RecordDetail, step: string, key: string) => stepOf(record, step).measurements.find((m) => m.key === key)

/** The acceptance test against the simulated UPS over a pseudo-terminal pair, on a virtual clock shared with it. */
describe('UPS acceptance test', () => {
  it('passes through a mains cut and return: transfer timed to the poll, alarms raised and cleared, the battery falling', async () => {
    const bench = await upsBench()
    const job = await bench.start({ dischargeS: 60, pollMs: 1000 })
    await job.run()
    const record = bench.records.get(job.recordId)
    expect(record.verdict).toBe('pass')
    expect(record.steps.map((s) => [s.key, s.verdict])).toEqual([
      ['identify', 'pass'],
      ['communication', 'pass'],
      ['values', 'pass'],
      ['mainsCut', 'pass'],
      ['discharge', 'pass'],
      ['mainsReturn', 'pass'],
    ])
    expect(measured(record, 'identify', 'sha256')?.value).toMatch(/^[0-9a-f]{64}$/)
    expect(measured(record, 'values', 'mainsVoltage1')).toMatchObject({ unit: 'V', min: 198, max: 242, verdict: 'pass' })
    expect(measured(record, 'values', 'activeAlarms')).toMatchObject({ value: 0, verdict: 'pass' })
    // polled once a second: the transfer lies between the last poll on mains and the first on battery
    expect(measured(record, 'mainsCut', 'transferTime')).toMatchObject({ value: 1000, unit: 'ms' })
    expect(measured(record, 'mainsCut', 'transferResolution')).toMatchObject({ value: 1000 })
    for (const n of [23, 25, 27, 87, 88, 89]) {
      expect(measured(record, 'mainsCut', `alarmRaised${n}`)).toMatchObject({ value: true, verdict: 'pass' })
      expect(measured(record, 'mainsReturn', `alarmCleared${n}`)).toMatchObject({ value: true, verdict: 'pass' })
    }
    // 20 minutes of runtime at this load: a minute takes 5 % of the capacity and 0.5 V a per cent
    expect(measured(record, 'discharge', 'dischargeDuration')?.value).toBeGreaterThanOrEqual(60)
    expect(Number(measured(record, 'discharge', 'batteryCapacityFall')?.value)).toBeGreaterThanOrEqual(4)
    expect(Number(measured(record, 'discharge', 'batteryVoltageFall')?.value)).toBeGreaterThan(1.5)
    expect(Number(measured(record, 'discharge', 'batteryCapacityFallPerMin')?.value)).toBeCloseTo(Number(measured(record, 'discharge', 'batteryCapacityFall')?.value), 0)
    expect(measured(record, 'discharge', 'batteryVoltageFallPerMin')).toMatchObject({ unit: 'V/min' })
    expect(measured(record, 'mainsReturn', 'returnTime')).toMatchObject({ value: 1000, unit: 'ms' })
    // the curve of the discharge, a point a poll, and the alarms with their times, in the record for the page and the report
    const curve = dischargeOf(record.meta)!
    expect(curve.points.length).toBeGreaterThanOrEqual(60)
    expect(curve.points[0]![0]).toBe(0)
    expect(curve.points.at(-1)![0]).toBeGreaterThanOrEqual(60)
    expect(curve.points[0]![2]! - curve.points.at(-1)![2]!).toBe(measured(record, 'discharge', 'batteryCapacityFall')?.value)
    const alarms = alarmsOf(record.meta)
    for (const n of [23, 25, 27, 87, 88, 89]) {
      const alarm = alarms.find((a) => a.n === n)!
      expect(alarm, String(n)).toMatchObject({ localized: true })
      expect(alarm.raisedAt).toBeLessThanOrEqual(curve.startedAt)
      expect(alarm.clearedAt).toBeGreaterThan(curve.startedAt + 60_000)
    }
    // the run view carried the same as the test ran
    expect(bench.runs.some((r) => (r.discharge?.points.length ?? 0) > 1 && r.dischargeEndsAt !== null)).toBe(true)
    expect(bench.runs.at(-1)?.alarms.length).toBe(alarms.length)
    expect(bench.ups.sim.state()).toMatchObject({ mains: true, stage: 'online' })
    expect(record.exchanges.some((e) => e.direction === 'rx' && e.stepId === stepOf(record, 'mainsCut').id)).toBe(true)

    // the handover report: the verdict before the first step, every step and measurement in the engineer's words
    for (const language of Languages) {
      const t = await translatorFor(language)
      const html = renderRecordHtml(record, bench.records.allExchanges(record.id), { t, language, appVersion: '1.0.0', generatedAt: record.finishedAt!, appTimeZone: 'Asia/Shanghai' })
      const firstStep = html.indexOf('<section class="step"')
      const body = html.slice(0, html.indexOf('<details class="appendix"'))
      expect(html.slice(0, firstStep)).toContain(t('records:verdict.pass'))
      expect(body).toContain(t('upsTest:steps.mainsCut'))
      expect(body).toContain(t('upsTest:measurements.transferTime'))
      expect(body).toContain(t('upsTest:measurements.mainsVoltage', { n: 1 }))
      // the same figures as the page: the fall a minute, the discharge drawn, the alarms with their times
      expect(body).toContain(t('upsTest:measurements.batteryCapacityFallPerMin'))
      expect(body).toContain('class="discharge-chart"')
      expect(body).toContain(t('upsNames:values.c23'))
      expect(body).toContain(t('upsTest:results.alarms'))
      expect(body).not.toContain(t('upsTest:results.stillActive'))
      for (const key of ['transferTime', 'mainsVoltage1', 'alarmRaised23', 'batteryCapacityFall', 'mainsCut']) expect(body, key).not.toContain(key)
    }
  })

  it('fails the mains cut with its reason when the UPS never goes to battery, and still asks for mains back', async () => {
    const bench = await upsBench()
    const job = await bench.start({ transferTimeoutS: 20 }, { cutsMains: false })
    await job.run()
    const record = bench.records.get(job.recordId)
    expect(record.verdict).toBe('fail')
    expect(stepOf(record, 'mainsCut')).toMatchObject({ verdict: 'fail', note: 'noTransfer' })
    expect(record.steps.map((s) => s.key)).toEqual(['identify', 'communication', 'values', 'mainsCut', 'mainsReturn'])
    // the wait ran from the engineer's answer to its timeout
    expect(bench.runs.some((r) => r.waitEndsAt !== null)).toBe(true)
  })

  it('fails the mains cut when an input alarm the failure must raise stays down', async () => {
    const bench = await upsBench({ deadBits: [25] })
    const job = await bench.start({ dischargeS: 10 })
    await job.run()
    const record = bench.records.get(job.recordId)
    expect(record.verdict).toBe('fail')
    expect(stepOf(record, 'mainsCut')).toMatchObject({ verdict: 'fail', note: 'alarmNotRaised:25' })
    expect(measured(record, 'mainsCut', 'alarmRaised25')).toMatchObject({ value: false, verdict: 'fail' })
    expect(measured(record, 'mainsCut', 'alarmRaised23')).toMatchObject({ value: true })
    expect(stepOf(record, 'discharge').verdict).toBe('pass')
  })

  it('without anyone to answer, waits for the UPS itself and times out from the question', async () => {
    const bench = await upsBench()
    const job = await UpsAcceptanceJob.create(bench.deps, { path: bench.ups.path, attended: false, transferTimeoutS: 15 })
    const started = bench.clock.now()
    await job.run()
    const record = bench.records.get(job.recordId)
    expect(stepOf(record, 'mainsCut')).toMatchObject({ verdict: 'fail', note: 'noTransfer' })
    expect(stepOf(record, 'mainsReturn').verdict).toBe('pass')
    expect(bench.clock.now() - started).toBeLessThan(30_000)
  })

  it('quit on battery mid-discharge and resumed: the discharge goes on from where it began, to the right verdict', async () => {
    const bench = await upsBench()
    const job = await bench.start({ dischargeS: 60 })
    const running = job.run()
    const halfway = await bench.run((r) => r.dischargeEndsAt !== null)
    await bench.run(() => bench.clock.now() >= halfway.dischargeEndsAt! - 30_000)
    job.suspend()
    await running
    const suspended = bench.records.get(job.recordId)
    expect(suspended.status).toBe('inProgress')
    expect(stepOf(suspended, 'discharge').status).toBe('interrupted')
    expect(bench.ups.sim.state().mains).toBe(false)

    const resumed = UpsAcceptanceJob.resume(bench.deps, job.recordId)
    bench.attend(resumed)
    await resumed.run()
    const record = bench.records.get(job.recordId)
    expect(record.verdict).toBe('pass')
    expect(stepOf(record, 'discharge').verdict).toBe('pass')
    // one discharge measured from its first start: not a second minute
    expect(measured(record, 'discharge', 'dischargeDuration')?.value).toBeLessThan(70)
    // one curve from the first start, the points before the quit kept, none twice
    const seconds = dischargeOf(record.meta)!.points.map((p) => p[0])
    expect(seconds[0]).toBe(0)
    expect(seconds.at(-1)).toBeGreaterThanOrEqual(60)
    expect([...seconds].sort((a, b) => a - b)).toEqual(seconds)
    expect(new Set(seconds).size).toBe(seconds.length)
    expect(seconds.filter((s) => s < 30).length).toBeGreaterThan(20)
    expect(record.steps.filter((s) => s.key === 'mainsCut')).toHaveLength(1)
  })

  it('quit while waiting for the transfer, mains cut meanwhile: resumed, it sees the UPS on battery and passes without a time', async () => {
    const bench = await upsBench()
    const job = await UpsAcceptanceJob.create(bench.deps, { path: bench.ups.path, dischargeS: 10 })
    const running = job.run()
    await bench.run((r) => r.prompt === 'cutMains')
    job.suspend()
    await running
    bench.ups.sim.setMains(false)
    const resumed = UpsAcceptanceJob.resume(bench.deps, job.recordId)
    bench.attend(resumed)
    await resumed.run()
    const record = bench.records.get(job.recordId)
    expect(record.verdict).toBe('pass')
    expect(stepOf(record, 'mainsCut')).toMatchObject({ verdict: 'pass', note: 'transferNotTimed' })
    expect(measured(record, 'mainsCut', 'transferTime')).toBeUndefined()
  })

  it('refuses the seed file with its placeholder positions, before any record is made', async () => {
    const bench = await upsBench()
    const refused = UpsAcceptanceJob.create(bench.deps, { path: bench.ups.path, ini: SEED_PATH })
    await expect(refused).rejects.toBeInstanceOf(AppError)
    await expect(refused).rejects.toMatchObject({ code: 'upsFilePlaceholder', params: { count: 120, index: '13' } })
    expect(bench.records.inProgress()).toEqual([])
    expect(bench.records.startedBetween('upsTest', 0, Number.MAX_SAFE_INTEGER)).toEqual([])
  })
})

/**
 * Every documented endpoint of the open API, through the client, against the
 * simulator on a real loopback port (virtual clock: pacing costs no real time).
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { FoxSchedulerGroup } from '@shared/contract'
import { failureOf } from '../../core/test-failure'
import { DEMO_API_KEY } from './simulator/server'
import { harness, type Harness, SN } from './test/harness'

let h: Harness
afterEach(async () => {
  await h?.close()
})

describe('open API endpoints against the simulator', () => {
  it('plants: list (paged, every page), detail, create, update, delete', async () => {
    h = await harness()
    const page = await h.api.plantList(1, 10)
    expect(page.total).toBe(4)
    expect(page.data[0]).toEqual({ stationID: 'st-krk-0001', name: 'Kowalski — Kraków', ianaTimezone: 'Europe/Warsaw' })
    expect(await h.api.listAllPlants()).toHaveLength(4)
    const detail = await h.api.plantDetail('st-hzh-0002')
    expect(detail).toMatchObject({ stationID: 'st-hzh-0002', city: '杭州', timezone: 'Asia/Shanghai' })
    expect(detail.createDate).toBeGreaterThan(0)
    expect(detail.modules.map((m) => m.deviceSN)).toEqual([SN.phaseOrder, SN.singlePhase])
    expect(detail.installer?.name).toBe('杭州光储工程')

    const created = await h.api.plantCreate({
      devices: [{ sn: SN.gridTied }],
      details: { name: 'Nowak — Tarnów', type: 1, countryCode: 'PL', city: 'Tarnów', address: 'ul. Słoneczna 1', postcode: '33-100', price: 0.9, currency: 'PLN(Zł)', systemCapacity: 10 },
      timezone: 'Europe/Warsaw',
    })
    expect(created.stationID).toMatch(/^st-new-/)
    expect(created.devices).toEqual([{ sn: SN.gridTied, errno: 0 }])
    expect((await h.api.plantDetail(created.stationID)).modules.map((m) => m.deviceSN)).toEqual([SN.gridTied])
    await h.api.plantUpdate({
      details: { stationID: created.stationID, name: 'Nowak — Tarnów (2)', type: 1, countryCode: 'PL', city: 'Tarnów', address: 'ul. Słoneczna 1', postcode: '33-100' },
      timezone: 'Europe/Warsaw',
    })
    expect((await h.api.plantDetail(created.stationID)).stationName).toBe('Nowak — Tarnów (2)')
    await h.api.plantDelete(created.stationID)
    expect(await failureOf(h.api.plantDetail(created.stationID))).toMatchObject({ code: 'foxessRequestRejected', params: { errno: 40257 } })
    expect(await failureOf(h.api.plantCreate({ details: { name: 'x', type: 1, countryCode: 'PL', city: 'c', address: 'a', postcode: 'p' }, timezone: 'Mars/Olympus' }))).toMatchObject({ params: { errno: 40257 } })
  })

  it('devices: list, detail with firmware, variable table, fault table', async () => {
    h = await harness()
    const devices = await h.api.listAllDevices()
    expect(devices).toHaveLength(13)
    expect(devices.find((d) => d.deviceSN === SN.gridTied)).toMatchObject({ hasBattery: false, productType: 'T', status: 1 })
    expect(devices.find((d) => d.deviceSN === SN.offline)?.status).toBe(3)
    const detail = await h.api.deviceDetail(SN.krakow)
    expect(detail).toMatchObject({ deviceSN: SN.krakow, stationID: 'st-krk-0001', masterVersion: '1.52', managerVersion: '1.46', schedulerSupported: true })
    const variables = await h.api.variableTable()
    expect(variables).toHaveLength(113)
    expect(variables.find((v) => v.key === 'pvPower')).toMatchObject({ unit: 'kW', names: { en: 'PVPower', zh_CN: 'PV功率', pl: 'Moc PV' } })
    const faults = await h.api.faultTable()
    expect(faults).toHaveLength(771)
    expect(faults.find((f) => f.code === 1)?.names).toMatchObject({ en: 'No Utility', zh_CN: '电网无电压' })
    expect(faults.find((f) => f.code === 4141)?.names.en).toBe('TBD4141')
    // the cloud's own text, as the vendor's document has it, not the names the app shows
    expect(faults.find((f) => f.code === 1025)?.names).toMatchObject({ en: 'cGridOverVoltFault', zh_CN: '电网过压' })
    expect(faults.find((f) => f.code === 1251)?.names).toMatchObject({ en: 'Over Voltage Protect', zh_CN: 'Over Voltage Protect' })
    expect(faults.find((f) => f.code === 197)?.names.pl).toBe('Niska moc nietoperza')
    expect(variables.find((v) => v.key === 'gridConsumptionPower')?.names).toMatchObject({ en: 'GridConsumption Power', zh_CN: '电网损耗功率' })
  })

  it('real-time: v0 for one inverter or all, v1 in batches of at most 50', async () => {
    h = await harness()
    const [one] = await h.api.realTimeV0(SN.krakow, ['pvPower', 'SoC', 'notAVariable'])
    expect(one!.deviceSN).toBe(SN.krakow)
    expect(one!.datas.map((d) => d.variable).sort()).toEqual(['SoC', 'pvPower'])
    expect(one!.time).toBe(Date.UTC(2026, 10, 21, 10, 0, 0))
    const all = await h.api.realTimeV0(null)
    expect(all).toHaveLength(13)
    expect(all.find((r) => r.deviceSN === SN.gridTied)!.datas.some((d) => d.variable === 'SoC')).toBe(false)

    const fake = Array.from({ length: 42 }, (_, i) => `60H3NOTMINE${String(i).padStart(5, '0')}`)
    h.calls.length = 0
    const batch = await h.api.realTime([...h.sim.serials(), ...fake, SN.krakow], ['pvPower', 'currentFault', 'runningState'])
    expect(h.calls).toEqual(['/op/v1/device/real/query', '/op/v1/device/real/query'])
    expect(batch.map((b) => b.deviceSN).sort()).toEqual(h.sim.serials().sort())
    const bms = batch.find((b) => b.deviceSN === SN.bms)!
    expect(bms.datas.find((d) => d.variable === 'currentFault')?.value).toBe('14,207')
    expect(bms.datas.find((d) => d.variable === 'runningState')?.value).toBe(165)
    const offline = batch.find((b) => b.deviceSN === SN.offline)!
    expect(offline.time).toBeLessThan(h.clock.now() - 3 * 3600_000)
  })

  it('history: a span over 24 h is cut into 24 h requests and merged without duplicates', async () => {
    h = await harness()
    const end = h.clock.now()
    h.calls.length = 0
    const day = await h.api.history(SN.krakow, ['pvPower', 'SoC'], end - 24 * 3600_000, end)
    expect(day.requests).toBe(1)
    expect(day.series.find((s) => s.variable === 'pvPower')!.data).toHaveLength(289)
    const long = await h.api.history(SN.krakow, ['pvPower', 'SoC'], end - 50 * 3600_000, end)
    expect(long.requests).toBe(3)
    expect(h.calls.filter((c) => c === '/op/v0/device/history/query')).toHaveLength(4)
    const soc = long.series.find((s) => s.variable === 'SoC')!
    expect(soc.unit).toBe('%')
    expect(soc.data).toHaveLength(50 * 12 + 1)
    const times = soc.data.map((p) => p.time)
    expect(new Set(times).size).toBe(times.length)
    expect(times).toEqual([...times].sort((a, b) => a - b))
    expect(soc.data.every((p, i) => i === 0 || p.time - soc.data[i - 1]!.time === 300_000)).toBe(true)
    // the same instants agree across the two answers
    const pvDay = day.series.find((s) => s.variable === 'pvPower')!.data
    const pvLong = new Map(long.series.find((s) => s.variable === 'pvPower')!.data.map((p) => [p.time, p.value]))
    expect(pvDay.every((p) => pvLong.get(p.time) === p.value)).toBe(true)
    expect(await failureOf(h.api.history(SN.krakow, ['pvPower'], end, end - 1))).toMatchObject({ code: 'invalidInput' })
  })

  it('history: the PV curve is a day curve and SOC follows charge and discharge', async () => {
    h = await harness({ start: Date.UTC(2026, 5, 21, 22, 0, 0) })
    const end = h.clock.now()
    const { series } = await h.api.history(SN.krakow, ['pvPower', 'SoC', 'batChargePower', 'batDischargePower'], end - 24 * 3600_000, end)
    const get = (v: string) => series.find((s) => s.variable === v)!.data
    const pv = get('pvPower')
    const hourOf = (t: number) => (new Date(t).getUTCHours() + 2) % 24 // Warsaw in June: UTC+2
    expect(pv.filter((p) => hourOf(p.time) < 3).every((p) => p.value === 0)).toBe(true)
    const noon = pv.filter((p) => hourOf(p.time) >= 11 && hourOf(p.time) <= 14)
    expect(Math.max(...noon.map((p) => p.value))).toBeGreaterThan(4)
    const soc = get('SoC')
    const charge = get('batChargePower')
    const discharge = get('batDischargePower')
    for (let i = 1; i < soc.length; i++) {
      if (charge[i]!.value > 0.5 && discharge[i]!.value === 0) expect(soc[i]!.value).toBeGreaterThanOrEqual(soc[i - 1]!.value)
      if (discharge[i]!.value > 0.5 && charge[i]!.value === 0) expect(soc[i]!.value).toBeLessThanOrEqual(soc[i - 1]!.value)
    }
    expect(Math.max(...soc.map((p) => p.value)) - Math.min(...soc.map((p) => p.value))).toBeGreaterThan(20)
    expect(Math.min(...soc.map((p) => p.value))).toBeGreaterThanOrEqual(10)
  })

  it('report (day, month, year) and generation', async () => {
    h = await harness()
    const vars = ['generation', 'feedin', 'gridConsumption', 'chargeEnergyToTal', 'dischargeEnergyToTal']
    const day = await h.api.report({ sn: SN.krakow, dimension: 'day', year: 2026, month: 11, day: 20, variables: vars })
    expect(day.map((r) => r.variable)).toEqual(vars)
    expect(day[0]!.values).toHaveLength(24)
    expect(day[0]!.values.slice(0, 6).every((v) => v === 0)).toBe(true)
    expect(day[0]!.values.reduce((a, b) => a + b, 0)).toBeGreaterThan(1)
    const month = await h.api.report({ sn: SN.krakow, dimension: 'month', year: 2026, month: 11, variables: ['generation'] })
    expect(month[0]!.values).toHaveLength(30)
    expect(month[0]!.values.slice(21).every((v) => v === 0)).toBe(true)
    const year = await h.api.report({ sn: SN.krakow, dimension: 'year', year: 2026, variables: ['generation'] })
    expect(year[0]!.values).toHaveLength(12)
    expect(year[0]!.values[5]!).toBeGreaterThan(year[0]!.values[0]!)
    expect(await failureOf(h.api.report({ sn: SN.krakow, dimension: 'day', year: 2026, month: 2, day: 30, variables: vars }))).toMatchObject({ code: 'foxessInvalidSetting', params: { field: 'day' } })
    expect(await failureOf(h.api.report({ sn: SN.krakow, dimension: 'year', year: 2019, variables: vars }))).toMatchObject({ code: 'foxessInvalidSetting', params: { field: 'year' } })
    const gen = await h.api.generation(SN.krakow)
    expect(gen.cumulative).toBeGreaterThan(4210)
    expect(gen.month).toBeGreaterThanOrEqual(gen.today)
  })

  it('battery SOC, force-charge time, settings, device time: get and set', async () => {
    h = await harness()
    expect(await h.api.socGet(SN.krakow)).toEqual({ minSoc: 10, minSocOnGrid: 10 })
    await h.api.socSet(SN.krakow, { minSoc: 15, minSocOnGrid: 25 })
    expect(await h.api.socGet(SN.krakow)).toEqual({ minSoc: 15, minSocOnGrid: 25 })

    const fc = await h.api.forceChargeGet(SN.krakow)
    expect(fc.enable1).toBe(false)
    const next = { ...fc, enable1: true, startTime1: { hour: 2, minute: 0 }, endTime1: { hour: 5, minute: 30 } }
    await h.api.forceChargeSet(SN.krakow, next)
    expect(await h.api.forceChargeGet(SN.krakow)).toEqual(next)

    const exportLimit = await h.api.settingGet(SN.krakow, 'ExportLimit')
    expect(exportLimit).toEqual({ key: 'ExportLimit', value: '10000', unit: 'W', precision: 1, range: { min: 0, max: 10000 } })
    await h.api.settingSet(SN.krakow, 'ExportLimit', 4500)
    expect((await h.api.settingGet(SN.krakow, 'ExportLimit')).value).toBe('4500')
    for (const key of ['MinSoc', 'MinSocOnGrid', 'MaxSoc', 'GridCode'] as const) expect((await h.api.settingGet(SN.krakow, key)).key).toBe(key)
    await h.api.settingSet(SN.krakow, 'GridCode', 'EN50549-1')
    expect((await h.api.settingGet(SN.krakow, 'GridCode')).value).toBe('EN50549-1')

    const t = await h.api.timeGet(SN.krakow)
    expect(t).toEqual({ year: 2026, month: 11, day: 21, hour: 11, minute: 0, second: t.second, twoDigitYear: false })
    const h1 = await h.api.timeGet(SN.singlePhase)
    expect(h1.twoDigitYear).toBe(true)
    await h.api.timeSet(SN.singlePhase, { year: 2026, month: 11, day: 21, hour: 18, minute: 30, second: 0, twoDigitYear: true })
    const back = await h.api.timeGet(SN.singlePhase)
    expect(back).toMatchObject({ year: 2026, hour: 18, minute: 30, twoDigitYear: true })
  })

  it('scheduler: flag get/set, groups get/set, on the documented path', async () => {
    h = await harness()
    expect(await h.api.schedulerFlagGet(SN.krakow)).toEqual({ supported: true, enabled: false })
    const groups: FoxSchedulerGroup[] = [
      { enable: 1, startHour: 0, startMinute: 0, endHour: 5, endMinute: 59, workMode: 'ForceCharge', minSocOnGrid: 10, fdSoc: 90, fdPwr: 3000 },
      { enable: 1, startHour: 17, startMinute: 0, endHour: 21, endMinute: 0, workMode: 'ForceDischarge', minSocOnGrid: 20, fdSoc: 30, fdPwr: 5000 },
      { enable: 0, startHour: 0, startMinute: 0, endHour: 0, endMinute: 1, workMode: 'ForceCharge', minSocOnGrid: 10, fdSoc: 0, fdPwr: 0 },
    ]
    await h.api.schedulerSet(SN.krakow, groups)
    await h.api.schedulerFlagSet(SN.krakow, true)
    expect(await h.api.schedulerFlagGet(SN.krakow)).toEqual({ supported: true, enabled: true })
    expect(await h.api.schedulerGet(SN.krakow)).toEqual({ enabled: true, groups })
    expect(h.sim.calls.some((c) => c.path === '/op/v0/device/scheduler/set/flag')).toBe(true)
    expect(h.sim.calls.some((c) => c.path === '/op/v0/device/scheduler/set')).toBe(false)
  })

  it("scheduler flag: when the documented path is unknown (404), the sample's path is used", async () => {
    h = await harness()
    h.sim.inject('/op/v0/device/scheduler/set/flag', { kind: 'httpStatus', status: 404 })
    await h.api.schedulerFlagSet(SN.krakow, true)
    expect(h.sim.calls.filter((c) => c.path.startsWith('/op/v0/device/scheduler/set')).map((c) => `${c.path} ${c.status}`)).toEqual([
      '/op/v0/device/scheduler/set/flag 404',
      '/op/v0/device/scheduler/set 200',
    ])
    expect(h.sim.settingsOf(SN.krakow).schedulerEnabled).toBe(true)
  })

  it('data loggers and the access count', async () => {
    h = await harness()
    const modules = await h.api.listAllModules()
    expect(modules).toHaveLength(13)
    expect(modules.find((m) => m.moduleSN === '609W72345607WF')).toMatchObject({ status: 2, signal: 0 })
    expect(await failureOf(h.api.moduleList(1, 1001))).toMatchObject({ code: 'foxessInvalidSetting', params: { field: 'pageSize' } })
    const first = await h.api.accessCount()
    const second = await h.api.accessCount()
    expect(first.total).toBe(1440)
    expect(second.remaining).toBe(first.remaining! - 1)
    expect(h.sim.usedToday(DEMO_API_KEY)).toBe(1440 - second.remaining!)
  })
})

describe('open API errors: from the errno, whatever the HTTP status, with whose problem it is', () => {
  it('a wrong, expired or revoked key', async () => {
    h = await harness({ apiKey: 'not-a-real-key' })
    expect(await failureOf(h.api.deviceDetail(SN.krakow))).toMatchObject({ code: 'foxessKeyRejected', params: { errno: 41807 } })
    h.sim.setKey('not-a-real-key', 'expired')
    expect(await failureOf(h.api.deviceDetail(SN.krakow))).toMatchObject({ code: 'foxessKeyRejected', params: { errno: 41808 } })
    h.sim.setKey('not-a-real-key', 'revoked')
    expect(await failureOf(h.api.deviceDetail(SN.krakow))).toMatchObject({ code: 'foxessKeyRejected', params: { errno: 41809 } })
  })

  it('settings out of range are refused before sending; the service refuses what slips through', async () => {
    h = await harness()
    const before = h.sim.calls.length
    expect(await failureOf(h.api.socSet(SN.krakow, { minSoc: 5, minSocOnGrid: 20 }))).toMatchObject({ code: 'foxessInvalidSetting', params: { field: 'minSoc', reason: 'outOfRange' } })
    expect(await failureOf(h.api.schedulerSet(SN.krakow, [{ enable: 1, startHour: 3, startMinute: 0, endHour: 2, endMinute: 0, workMode: 'SelfUse', minSocOnGrid: 10, fdSoc: 10, fdPwr: 0 }]))).toMatchObject({
      code: 'foxessInvalidSetting',
      params: { reason: 'endBeforeStart' },
    })
    expect(h.sim.calls.length).toBe(before)
    expect(await failureOf(h.api.settingSet(SN.krakow, 'ExportLimit', 99_999))).toMatchObject({ code: 'foxessRequestRejected', params: { errno: 40257 } })
    expect(h.sim.settingsOf(SN.krakow).exportLimitW).toBe(10000)
  })

  it('44096 while the work-mode schedule is on; 41935 for an offline inverter', async () => {
    h = await harness()
    expect(await failureOf(h.api.socSet(SN.singlePhase, { minSoc: 20, minSocOnGrid: 20 }))).toMatchObject({ code: 'foxessScheduleActive', params: { errno: 44096 } })
    expect(h.sim.settingsOf(SN.singlePhase).minSoc).toBe(10)
    expect(await failureOf(h.api.settingSet(SN.offline, 'ExportLimit', 3000))).toMatchObject({ code: 'foxessDeviceOffline', params: { errno: 41935 } })
  })

  it('garbage, a cut answer, HTTP errors and a hang', async () => {
    h = await harness({ client: { timeoutMs: 300 } })
    h.sim.inject('/op/v0/device/detail', { kind: 'garbage' })
    expect(await failureOf(h.api.deviceDetail(SN.krakow))).toMatchObject({ code: 'foxessServiceError', params: { status: 502 } })
    h.sim.inject('/op/v0/plant/list', { kind: 'truncated' })
    expect(await failureOf(h.api.plantList())).toMatchObject({ code: 'foxessBadAnswer', params: { endpoint: '/op/v0/plant/list' } })
    h.sim.inject('/op/v0/device/generation', { kind: 'errno', errno: 40257, status: 500 })
    expect(await failureOf(h.api.generation(SN.krakow))).toMatchObject({ code: 'foxessRequestRejected', params: { errno: 40257 } })
    h.sim.inject('/op/v0/device/generation', { kind: 'errno', errno: 41200, status: 200 })
    expect(await failureOf(h.api.generation(SN.krakow))).toMatchObject({ code: 'foxessServiceError' })
    h.sim.inject('/op/v0/device/generation', { kind: 'errno', errno: 49999 })
    expect(await failureOf(h.api.generation(SN.krakow))).toMatchObject({ code: 'foxessErrno', params: { errno: 49999 } })
    h.sim.inject('/op/v0/device/generation', { kind: 'httpStatus', status: 503 })
    expect(await failureOf(h.api.generation(SN.krakow))).toMatchObject({ code: 'foxessServiceError', params: { status: 503 } })
    h.sim.inject('/op/v0/device/list', { kind: 'hang' })
    expect(await failureOf(h.api.deviceList())).toMatchObject({ code: 'foxessTimeout', params: { seconds: 0 } })
    // after all that the client still works
    expect((await h.api.deviceDetail(SN.krakow)).deviceSN).toBe(SN.krakow)
  })

  it('an unreachable service', async () => {
    h = await harness({ baseUrl: 'http://127.0.0.1:9' })
    expect(await failureOf(h.api.plantList())).toMatchObject({ code: 'foxessUnreachable', params: { host: '127.0.0.1:9' } })
  })

  it('the daily budget: 40402 stops every further call until checked again', async () => {
    h = await harness({ sim: { limits: { dailyBudget: 3 } } })
    await h.api.deviceDetail(SN.krakow)
    await h.api.generation(SN.krakow)
    await h.api.socGet(SN.krakow)
    expect(await failureOf(h.api.plantList())).toMatchObject({ code: 'foxessBudgetExhausted', params: { errno: 40402 } })
    const served = h.sim.calls.length
    expect(h.api.state().budgetExhausted).toBe(true)
    expect(await failureOf(h.api.deviceDetail(SN.krakow))).toMatchObject({ code: 'foxessBudgetExhausted' })
    expect(h.sim.calls.length).toBe(served)
    h.api.clearBudgetBlock()
    expect(await failureOf(h.api.accessCount())).toMatchObject({ code: 'foxessBudgetExhausted' })
    expect(h.sim.calls.length).toBe(served + 1)
    // the next day both the service's budget and the block start over
    h.clock.advance(24 * 3600_000)
    expect(h.api.state().budgetExhausted).toBe(false)
    expect((await h.api.accessCount()).remaining).toBe(2)
  })
})

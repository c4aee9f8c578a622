/** The simulated open API's device endpoints: lists, detail, tables, real-time data, history, reports, data loggers and the call budget. */
import { FoxLimits, FoxReportDimensions } from '@shared/contract'
import { dayRange, formatFoxTime, wallClock } from '@shared/devices/foxess/time'
import { ERRNO } from '../errno'
import type { FoxCloudAccess } from './access'
import { STEP_MS } from './physics'
import { readingsAt, TABLES, VARIABLE_NAMES, VARIABLES, variablesOf } from './readings'
import { daysIn, faultTable, isInt, pad, page, paged, round2, variableList } from './request-checks'
import type { FoxRoutes } from './route'
import { fail } from './sim-errno'
import type { FoxCloudState, SimDevice } from './state'

export function deviceRoutes(cloud: FoxCloudState, access: FoxCloudAccess): FoxRoutes {
  return {
    '/op/v0/device/list': {
      method: 'POST',
      handle: ({ body }) =>
        paged(
          cloud.owned().map((d) => ({
            deviceSN: d.spec.sn,
            moduleSN: d.spec.moduleSN,
            stationID: d.spec.stationID,
            stationName: cloud.plant(d.spec.stationID)!.name,
            status: d.spec.status,
            hasPV: d.spec.pvKw > 0,
            hasBattery: d.spec.hasBattery,
            deviceType: d.spec.deviceType,
            productType: d.spec.productType,
          })),
          page(body),
        ),
    },
    '/op/v0/device/detail': {
      method: 'GET',
      handle: ({ query }) => {
        const d = cloud.device(query.get('sn'))
        return {
          deviceSN: d.spec.sn,
          moduleSN: d.spec.moduleSN,
          stationID: d.spec.stationID,
          stationName: cloud.plant(d.spec.stationID)?.name ?? '',
          managerVersion: d.spec.versions.manager,
          masterVersion: d.spec.versions.master,
          slaveVersion: d.spec.versions.slave,
          hardwareVersion: d.spec.versions.hardware,
          afciVersion: d.spec.versions.afci,
          status: d.spec.status,
          function: { scheduler: d.spec.scheduler },
        }
      },
    },
    '/op/v0/device/variable/get': {
      method: 'GET',
      // the vendor's own zh, en and pl names (not ours where ours replace them); fr, pt and de answer with the English one, as the vendor does for many entries
      handle: () =>
        TABLES.variables.map((v) => {
          const en = v.vendorEn ?? VARIABLE_NAMES.en[v.key] ?? v.key
          const pl = v.plSource === 'vendor' ? VARIABLE_NAMES.pl[v.key] : v.vendorPl
          return { [v.key]: { unit: v.unit, name: { zh_CN: v.vendorZh ?? VARIABLE_NAMES.zh[v.key] ?? en, en, de: en, pt: en, fr: en, pl: pl ?? en } } }
        }),
    },
    '/op/v0/device/fault/get': { method: 'GET', handle: () => faultTable() },
    '/op/v0/device/real/query': {
      method: 'POST',
      handle: ({ body }) => {
        const variables = variableList(body.variables)
        const list = body.sn === undefined || body.sn === '' ? cloud.owned() : [cloud.device(body.sn)]
        return list.map((d) => realTime(cloud, d, variables))
      },
    },
    '/op/v1/device/real/query': {
      method: 'POST',
      handle: ({ body }) => {
        const sns = body.sns
        if (!Array.isArray(sns) || sns.length === 0 || sns.length > FoxLimits.realTimeBatchMax || !sns.every((s) => typeof s === 'string')) fail(ERRNO.body, 'sns')
        const variables = variableList(body.variables)
        // only the account's own inverters come back
        return (sns as string[]).flatMap((sn) => {
          const d = cloud.devices.get(sn)
          return d && d.spec.stationID ? [realTime(cloud, d, variables)] : []
        })
      },
    },
    '/op/v0/device/history/query': {
      method: 'POST',
      handle: ({ body }) => {
        const d = cloud.device(body.sn)
        const variables = variableList(body.variables)
        const now = cloud.clock.now()
        let begin = body.begin
        let end = body.end
        if (begin === undefined && end === undefined) {
          // the document: "the last three days without specifying the time"
          end = now
          begin = now - 3 * 24 * 3600_000
        } else {
          if (!isInt(begin) || !isInt(end) || (end as number) <= (begin as number)) fail(ERRNO.body, 'begin/end')
          if ((end as number) - (begin as number) > FoxLimits.historySpanMs) fail(ERRNO.body, 'span over 24 hours')
        }
        return [history(cloud, d, variables, begin as number, end as number)]
      },
    },
    '/op/v0/device/report/query': {
      method: 'POST',
      handle: ({ body }) => {
        const d = cloud.device(body.sn)
        const dimension = body.dimension as string
        if (!(FoxReportDimensions as readonly string[]).includes(dimension)) fail(ERRNO.body, 'dimension')
        if (!isInt(body.year) || (body.year as number) < FoxLimits.reportYearMin) fail(ERRNO.body, 'year')
        if (dimension !== 'year' && (!isInt(body.month) || (body.month as number) < 1 || (body.month as number) > 12)) fail(ERRNO.body, 'month')
        if (dimension === 'day' && (!isInt(body.day) || (body.day as number) < 1 || (body.day as number) > daysIn(body.year as number, body.month as number))) fail(ERRNO.body, 'day')
        if (!Array.isArray(body.variables) || body.variables.length === 0) fail(ERRNO.body, 'variables')
        return report(cloud, d, dimension as 'day' | 'month' | 'year', body.year as number, body.month as number, body.day as number, body.variables as string[])
      },
    },
    '/op/v0/device/generation': {
      method: 'GET',
      handle: ({ query }) => {
        const d = cloud.device(query.get('sn'))
        const t = cloud.dataTime(d)
        const plant = cloud.plant(d.spec.stationID)!
        const w = wallClock(t, plant.timezone)
        const monthStart = dayRange(`${w.year}-${pad(w.month)}-01`, plant.timezone).begin
        const today = d.model.energy(d.model.localMidnight(t), t).generation
        const month = d.model.energy(monthStart, t).generation
        return { today: round2(today), month: round2(month), cumulative: round2(d.spec.generationBase + today) }
      },
    },
    '/op/v0/module/list': {
      method: 'POST',
      handle: ({ body }) =>
        paged(
          cloud.owned().map((d) => ({ moduleSN: d.spec.moduleSN, stationID: d.spec.stationID, status: d.spec.status === 3 ? 2 : 1, signal: d.spec.moduleSignal })),
          page(body, FoxLimits.modulePageSizeMax),
        ),
    },
    '/op/v0/user/getAccessCount': {
      method: 'GET',
      handle: ({ key }) => ({ total: String(cloud.limits.dailyBudget), remaining: String(Math.max(0, cloud.limits.dailyBudget - access.usedToday(key))) }),
    },
  }
}

export function realTime(cloud: FoxCloudState, d: SimDevice, variables: string[] | null) {
  const t = cloud.dataTime(d)
  const values = readingsAt(d.spec, d.model, t, d.spec.faults)
  const wanted = variables ?? Object.keys(values)
  return {
    deviceSN: d.spec.sn,
    time: formatFoxTime(t),
    datas: wanted
      .filter((v) => v in values)
      .map((v) => ({ variable: v, unit: VARIABLES.get(v)?.unit ?? '', name: VARIABLE_NAMES.en[v] ?? v, value: values[v] })),
  }
}

export function history(cloud: FoxCloudState, d: SimDevice, variables: string[] | null, begin: number, end: number) {
  const last = Math.min(end, cloud.dataTime(d))
  const keys = (variables ?? variablesOf(d.spec)).filter((v) => VARIABLES.has(v) && variablesOf(d.spec).includes(v))
  const series = new Map<string, { time: string; value: number }[]>(keys.map((k) => [k, []]))
  for (let t = Math.ceil(begin / STEP_MS) * STEP_MS; t <= last; t += STEP_MS) {
    const values = readingsAt(d.spec, d.model, t, d.spec.faults)
    for (const k of keys) {
      const v = values[k]
      if (typeof v === 'number') series.get(k)!.push({ time: formatFoxTime(t), value: v })
    }
  }
  return {
    deviceSN: d.spec.sn,
    datas: keys.map((k) => ({ variable: k, unit: VARIABLES.get(k)?.unit ?? '', name: VARIABLE_NAMES.en[k] ?? k, data: series.get(k)! })),
  }
}

export function report(cloud: FoxCloudState, d: SimDevice, dimension: 'day' | 'month' | 'year', year: number, month: number, dayOfMonth: number, variables: string[]) {
  const tz = cloud.plant(d.spec.stationID)?.timezone ?? 'UTC'
  const now = cloud.dataTime(d)
  const buckets: [number, number][] = []
  if (dimension === 'day') {
    const { begin, end } = dayRange(`${year}-${pad(month)}-${pad(dayOfMonth)}`, tz)
    for (let h = begin; h < end; h += 3600_000) buckets.push([h, Math.min(end, h + 3600_000)])
  } else if (dimension === 'month') {
    for (let day = 1; day <= daysIn(year, month); day++) {
      const r = dayRange(`${year}-${pad(month)}-${pad(day)}`, tz)
      buckets.push([r.begin, r.end])
    }
  } else {
    for (let m = 1; m <= 12; m++) {
      const from = dayRange(`${year}-${pad(m)}-01`, tz).begin
      const to = m === 12 ? dayRange(`${year + 1}-01-01`, tz).begin : dayRange(`${year}-${pad(m + 1)}-01`, tz).begin
      buckets.push([from, to])
    }
  }
  const energies = buckets.map(([from, to]) => (from >= now ? null : d.model.energy(from, Math.min(to, now))))
  const known = ['generation', 'feedin', 'gridConsumption', 'chargeEnergyToTal', 'dischargeEnergyToTal'] as const
  return variables
    .filter((v): v is (typeof known)[number] => (known as readonly string[]).includes(v))
    .map((v) => ({ variable: v, unit: 'kWh', values: energies.map((e) => (e ? round2(e[v]) : 0)) }))
}

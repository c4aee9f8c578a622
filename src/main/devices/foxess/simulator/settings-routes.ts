/** The simulated open API's setting endpoints: battery SOC and force charge, settings, device time, the work-mode schedule. */
import { wallClock } from '@shared/devices/foxess/time'
import { ERRNO } from '../errno'
import { GRID_CODES } from './fleet'
import { daysIn, forceChargeOf, groupsOf, isSoc, pad, settingKey } from './request-checks'
import type { FoxRoutes } from './route'
import { fail } from './sim-errno'
import type { FoxCloudState } from './state'

export function settingsRoutes(cloud: FoxCloudState): FoxRoutes {
  return {
    '/op/v0/device/battery/soc/get': {
      method: 'GET',
      handle: ({ query }) => {
        const d = cloud.battery(query.get('sn'))
        return { minSoc: d.settings.minSoc, minSocOnGrid: d.settings.minSocOnGrid }
      },
    },
    '/op/v0/device/battery/soc/set': {
      method: 'POST',
      handle: ({ body }) => {
        const d = cloud.battery(body.sn)
        cloud.writable(d)
        if (!isSoc(body.minSoc) || !isSoc(body.minSocOnGrid)) fail(ERRNO.body, 'minSoc/minSocOnGrid 10–100')
        if (d.settings.schedulerEnabled) fail(ERRNO.scheduleActive)
        cloud.change(d, (s) => {
          s.minSoc = body.minSoc as number
          s.minSocOnGrid = body.minSocOnGrid as number
        })
        return null
      },
    },
    '/op/v0/device/battery/forceChargeTime/get': {
      method: 'GET',
      // the document types enable1/enable2 as strings in this answer
      handle: ({ query }) => {
        const fc = cloud.battery(query.get('sn')).settings.forceCharge
        return { ...structuredClone(fc), enable1: String(fc.enable1), enable2: String(fc.enable2) }
      },
    },
    '/op/v0/device/battery/forceChargeTime/set': {
      method: 'POST',
      handle: ({ body }) => {
        const d = cloud.battery(body.sn)
        cloud.writable(d)
        const fc = forceChargeOf(body)
        if (d.settings.schedulerEnabled) fail(ERRNO.scheduleActive)
        cloud.change(d, (s) => (s.forceCharge = fc))
        return null
      },
    },
    '/op/v0/device/setting/get': {
      method: 'POST',
      handle: ({ body }) => {
        const d = cloud.settingsDevice(body.sn)
        const key = settingKey(body.key)
        return cloud.settingValue(d, key)
      },
    },
    '/op/v0/device/setting/set': {
      method: 'POST',
      handle: ({ body }) => {
        const d = cloud.settingsDevice(body.sn)
        const key = settingKey(body.key)
        cloud.writable(d)
        if (typeof body.value !== 'string' && typeof body.value !== 'number') fail(ERRNO.body, 'value')
        const value = String(body.value).trim()
        if (key === 'GridCode') {
          if (!GRID_CODES.includes(value)) fail(ERRNO.body, 'GridCode')
          cloud.change(d, (s) => (s.gridCode = value))
          return null
        }
        const { range, precision } = cloud.settingValue(d, key)
        const n = Number(value)
        if (value === '' || !Number.isFinite(n) || n < range.min || n > range.max || Math.abs(n / precision - Math.round(n / precision)) > 1e-6) fail(ERRNO.body, `${key} out of range`)
        if ((key === 'MinSoc' || key === 'MinSocOnGrid') && d.settings.schedulerEnabled) fail(ERRNO.scheduleActive)
        cloud.change(d, (s) => {
          if (key === 'ExportLimit') s.exportLimitW = n
          if (key === 'MinSoc') s.minSoc = n
          if (key === 'MinSocOnGrid') s.minSocOnGrid = n
          if (key === 'MaxSoc') s.maxSoc = n
        })
        return null
      },
    },
    '/op/v0/device/time/get': {
      method: 'POST',
      handle: ({ body }) => {
        const d = cloud.device(body.sn)
        const w = wallClock(cloud.clock.now() + d.clockDriftSeconds * 1000, cloud.plant(d.spec.stationID)?.timezone ?? 'UTC')
        return {
          year: d.spec.twoDigitYear ? pad(w.year % 100) : String(w.year),
          month: String(w.month),
          day: String(w.day),
          hour: String(w.hour),
          minute: String(w.minute),
          second: String(w.second),
        }
      },
    },
    '/op/v0/device/time/set': {
      method: 'POST',
      handle: ({ body }) => {
        const d = cloud.device(body.sn)
        cloud.writable(d)
        const field = (name: string, min: number, max: number) => {
          const v = body[name]
          if (typeof v !== 'string' || !/^\d{1,4}$/.test(v) || Number(v) < min || Number(v) > max) fail(ERRNO.body, name)
          return Number(v)
        }
        const yearText = body.year
        if (typeof yearText !== 'string' || !/^(\d{2}|\d{4})$/.test(yearText)) fail(ERRNO.body, 'year')
        const year = (yearText as string).length === 2 ? 2000 + Number(yearText) : Number(yearText)
        const month = field('month', 1, 12)
        const dayOfMonth = field('day', 1, daysIn(year, month))
        const target = {
          year,
          month,
          day: dayOfMonth,
          hour: field('hour', 0, 23),
          minute: field('minute', 0, 59),
          second: field('second', 0, 59),
        }
        const tz = cloud.plant(d.spec.stationID)?.timezone ?? 'UTC'
        const now = cloud.clock.now()
        const nowWall = wallClock(now, tz)
        const asUtc = (w: typeof target) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second)
        d.clockDriftSeconds = Math.round((asUtc(target) - asUtc(nowWall)) / 1000)
        return null
      },
    },
    '/op/v0/device/scheduler/get/flag': {
      method: 'POST',
      handle: ({ body }) => {
        const d = cloud.device(body.deviceSN)
        return { support: d.spec.scheduler ? 1 : 0, enable: d.spec.scheduler && d.settings.schedulerEnabled ? 1 : 0 }
      },
    },
    '/op/v0/device/scheduler/set/flag': { method: 'POST', handle: ({ body }) => cloud.setSchedulerFlag(body) },
    // the Python sample's path for the same operation
    '/op/v0/device/scheduler/set': { method: 'POST', handle: ({ body }) => cloud.setSchedulerFlag(body) },
    '/op/v0/device/scheduler/get': {
      method: 'POST',
      handle: ({ body }) => {
        const d = cloud.schedulerDevice(body.deviceSN)
        return { enable: d.settings.schedulerEnabled ? '1' : '0', groups: structuredClone(d.settings.groups) }
      },
    },
    '/op/v0/device/scheduler/enable': {
      method: 'POST',
      handle: ({ body }) => {
        const d = cloud.schedulerDevice(body.deviceSN)
        cloud.writable(d)
        const groups = groupsOf(body.groups)
        cloud.change(d, (s) => (s.groups = groups))
        return null
      },
    },
  }
}

import { describe, expect, it } from 'vitest'
import type { FoxSettingsSnapshot, FoxSettingsTarget } from '../../contract/foxess/foxess'
import { planChanges, targetFromSnapshot, writeOrder } from './settings-plan'

const snapshot: FoxSettingsSnapshot = {
  soc: { minSoc: 10, minSocOnGrid: 15 },
  maxSoc: { key: 'MaxSoc', value: '100', unit: '%', precision: 1, range: { min: 10, max: 100 } },
  exportLimit: { key: 'ExportLimit', value: '5000', unit: 'W', precision: 1, range: { min: 0, max: 5000 } },
  gridCode: { key: 'GridCode', value: 'PL-EN50549', unit: '', precision: 1, range: null },
  forceCharge: { enable1: false, startTime1: { hour: 0, minute: 0 }, endTime1: { hour: 0, minute: 0 }, enable2: false, startTime2: { hour: 0, minute: 0 }, endTime2: { hour: 0, minute: 0 } },
  scheduler: { enabled: true, groups: [{ enable: 1, startHour: 0, startMinute: 0, endHour: 6, endMinute: 59, workMode: 'ForceCharge', minSocOnGrid: 15, fdSoc: 90, fdPwr: 3000 }] },
  schedulerFlag: { supported: true, enabled: true },
  unreadable: {},
  readAt: 0,
}

describe('settings plan', () => {
  it('starting from the device, nothing changes', () => {
    expect(planChanges(snapshot, targetFromSnapshot(snapshot))).toEqual([])
  })

  it('the diff, item by item, with before and after', () => {
    const target: FoxSettingsTarget = { ...targetFromSnapshot(snapshot), minSoc: 20, exportLimit: 4000 }
    expect(planChanges(snapshot, target)).toEqual([
      { item: 'minSoc', before: 10, after: 20 },
      { item: 'exportLimit', before: 5000, after: 4000 },
    ])
  })

  it('switching the schedule off goes first, switching it on goes last, SOC limits go in one write', () => {
    const off: FoxSettingsTarget = { ...targetFromSnapshot(snapshot), minSoc: 20, minSocOnGrid: 25, scheduler: { ...snapshot.scheduler!, enabled: false } }
    expect(writeOrder(planChanges(snapshot, off))).toEqual([['schedulerFlag'], ['minSoc', 'minSocOnGrid']])
    const now = { ...snapshot, schedulerFlag: { supported: true, enabled: false }, scheduler: { ...snapshot.scheduler!, enabled: false } }
    const on: FoxSettingsTarget = { ...targetFromSnapshot(now), maxSoc: 95, scheduler: { enabled: true, groups: [] } }
    expect(writeOrder(planChanges(now, on))).toEqual([['maxSoc'], ['schedulerGroups'], ['schedulerFlag']])
  })
})

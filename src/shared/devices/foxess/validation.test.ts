import { describe, expect, it } from 'vitest'
import type { FoxSchedulerGroup, FoxSettingsSnapshot } from '../../contract/foxess/foxess'
import { hasErrors, validateDeviceTime, validateForceCharge, validatePage, validateReportQuery, validateSchedulerGroups, validateSettingsTarget, validateSoc } from './validation'

const codes = (issues: { code: string }[]) => issues.map((i) => i.code)
const g = (over: Partial<FoxSchedulerGroup>): FoxSchedulerGroup => ({ enable: 1, startHour: 0, startMinute: 0, endHour: 1, endMinute: 59, workMode: 'SelfUse', minSocOnGrid: 10, fdSoc: 10, fdPwr: 0, ...over })
const off = { hour: 0, minute: 0 }

describe('settings validation with the document ranges', () => {
  it('min SOC 10–100, whole numbers', () => {
    expect(validateSoc(10, 100)).toEqual([])
    expect(codes(validateSoc(9, 20))).toEqual(['outOfRange'])
    expect(codes(validateSoc(10, 101))).toEqual(['outOfRange'])
    expect(codes(validateSoc(10.5, 20))).toEqual(['notInteger'])
    expect(codes(validateSoc(Number.NaN, 20))).toEqual(['notNumber'])
    const warn = validateSoc(30, 20)
    expect(warn).toMatchObject([{ code: 'onGridBelowMinSoc', severity: 'warning' }])
    expect(hasErrors(warn)).toBe(false)
  })

  it('force charge: hours 0–23, minutes 0–59, an enabled window needs a length, may cross midnight', () => {
    const fc = { enable1: true, startTime1: { hour: 22, minute: 0 }, endTime1: { hour: 2, minute: 0 }, enable2: false, startTime2: off, endTime2: off }
    expect(validateForceCharge(fc)).toEqual([])
    expect(codes(validateForceCharge({ ...fc, endTime1: { hour: 24, minute: 0 } }))).toEqual(['outOfRange'])
    expect(codes(validateForceCharge({ ...fc, startTime1: { hour: 1, minute: 60 } }))).toEqual(['outOfRange'])
    expect(codes(validateForceCharge({ ...fc, endTime1: { hour: 22, minute: 0 } }))).toEqual(['zeroLength'])
    // a disabled window may be 00:00–00:00 (the document's own example)
    expect(validateForceCharge({ ...fc, enable1: false, endTime1: { hour: 22, minute: 0 } })).toEqual([])
    const both = validateForceCharge({ ...fc, enable2: true, startTime2: { hour: 1, minute: 0 }, endTime2: { hour: 3, minute: 0 } })
    expect(both).toMatchObject([{ code: 'periodsOverlap', severity: 'warning' }])
  })

  it("scheduler groups: the document's sample groups are valid (disabled fdSoc < minSocOnGrid included)", () => {
    const sample: FoxSchedulerGroup[] = [
      g({ enable: 0, endHour: 0, endMinute: 1, workMode: 'ForceCharge', minSocOnGrid: 10, fdSoc: 0 }),
      g({ enable: 0, startHour: 3, startMinute: 2, endHour: 4, endMinute: 1, workMode: 'ForceCharge', minSocOnGrid: 22, fdSoc: 23, fdPwr: 5003 }),
      g({ enable: 0, startHour: 22, startMinute: 59, endHour: 23, endMinute: 59, minSocOnGrid: 100, fdSoc: 100, fdPwr: 6000 }),
    ]
    expect(validateSchedulerGroups(sample)).toEqual([])
  })

  it('scheduler groups: ranges, fdSoc ≥ minSocOnGrid when enabled, no midnight crossing, at most 8, no overlaps', () => {
    expect(codes(validateSchedulerGroups([g({ fdPwr: 6001 })]))).toEqual(['outOfRange'])
    expect(codes(validateSchedulerGroups([g({ minSocOnGrid: 9 })]))).toEqual(['outOfRange'])
    expect(codes(validateSchedulerGroups([g({ minSocOnGrid: 40, fdSoc: 30 })]))).toEqual(['fdSocBelowMinSocOnGrid'])
    expect(codes(validateSchedulerGroups([g({ startHour: 5, endHour: 4 })]))).toEqual(['endBeforeStart'])
    expect(codes(validateSchedulerGroups([g({ workMode: 'Turbo' as never })]))).toEqual(['workMode'])
    expect(codes(validateSchedulerGroups(Array.from({ length: 9 }, (_, i) => g({ startHour: i, endHour: i, endMinute: 30 }))))).toEqual(['tooManyGroups'])
    const overlap = validateSchedulerGroups([g({ endHour: 5 }), g({ startHour: 4, endHour: 6 }), g({ startHour: 5, endHour: 7, enable: 0 })])
    expect(overlap).toMatchObject([{ code: 'groupsOverlap', params: { groups: '1, 2', from: '04:00', to: '05:59' } }])
  })

  it('the whole target against the device-reported ranges and precision', () => {
    const current: FoxSettingsSnapshot = {
      soc: { minSoc: 10, minSocOnGrid: 20 },
      maxSoc: { key: 'MaxSoc', value: '100', unit: '%', precision: 1, range: { min: 10, max: 100 } },
      exportLimit: { key: 'ExportLimit', value: '8000', unit: 'W', precision: 10, range: { min: 0, max: 8000 } },
      gridCode: null,
      forceCharge: null,
      scheduler: null,
      schedulerFlag: null,
      unreadable: {},
      readAt: 0,
    }
    const base = { minSoc: null, minSocOnGrid: null, maxSoc: null, exportLimit: null, forceCharge: null, scheduler: null }
    expect(validateSettingsTarget({ ...base, exportLimit: 5000 }, current)).toEqual([])
    expect(codes(validateSettingsTarget({ ...base, exportLimit: 9000 }, current))).toEqual(['outOfRange'])
    expect(codes(validateSettingsTarget({ ...base, exportLimit: 5005 }, current))).toEqual(['precision'])
    expect(codes(validateSettingsTarget({ ...base, maxSoc: 15 }, current))).toEqual(['maxSocNotAboveOnGrid'])
    expect(codes(validateSettingsTarget({ ...base, minSoc: 30 }, current))).toEqual(['onGridBelowMinSoc'])
  })

  it('paging, report queries and device time', () => {
    expect(validatePage(1, 10)).toEqual([])
    expect(codes(validatePage(0, 9))).toEqual(['page', 'pageSize'])
    expect(codes(validatePage(1, 1001, 1000))).toEqual(['pageSize'])
    expect(validateReportQuery({ dimension: 'day', year: 2024, month: 2, day: 29 })).toEqual([])
    expect(codes(validateReportQuery({ dimension: 'day', year: 2023, month: 2, day: 29 }))).toEqual(['outOfRange'])
    expect(codes(validateReportQuery({ dimension: 'year', year: 2019 }))).toEqual(['outOfRange'])
    expect(validateReportQuery({ dimension: 'year', year: 2024 })).toEqual([])
    const t = { year: 2026, month: 2, day: 28, hour: 23, minute: 59, second: 59, twoDigitYear: false }
    expect(validateDeviceTime(t)).toEqual([])
    expect(validateDeviceTime({ ...t, year: 26, twoDigitYear: true })).toEqual([])
    expect(codes(validateDeviceTime({ ...t, day: 29 }))).toEqual(['outOfRange'])
    expect(codes(validateDeviceTime({ ...t, second: 60 }))).toEqual(['outOfRange'])
  })
})

import { describe, expect, it } from 'vitest'
import { convertValue, faultCodes, liveCallsPerHour, runningStateCode } from './values'

describe('values as people read them', () => {
  it('current faults from any shape; none for 0 and empty', () => {
    expect(faultCodes('14,207')).toEqual([14, 207])
    expect(faultCodes('14;207 14')).toEqual([14, 207])
    expect(faultCodes([1, '4153'])).toEqual([1, 4153])
    expect(faultCodes(1)).toEqual([1])
    expect(faultCodes(0)).toEqual([])
    expect(faultCodes('')).toEqual([])
    expect(faultCodes(null)).toEqual([])
  })

  it('running states the table knows', () => {
    expect(runningStateCode(163)).toBe(163)
    expect(runningStateCode('165')).toBe(165)
    expect(runningStateCode(171)).toBeNull()
  })

  it('units the person chose', () => {
    expect(convertValue(1.5, 'kW', { powerUnit: 'W', temperatureUnit: 'celsius' })).toEqual({ value: 1500, unit: 'W' })
    expect(convertValue(20, '℃', { powerUnit: 'kW', temperatureUnit: 'fahrenheit' })).toEqual({ value: 68, unit: '℉' })
    expect(convertValue(230, 'V', { powerUnit: 'W', temperatureUnit: 'fahrenheit' })).toEqual({ value: 230, unit: 'V' })
  })

  it('calls a live view costs: one v1 call per 50 inverters per refresh', () => {
    expect(liveCallsPerHour(10, 60)).toBe(60)
    expect(liveCallsPerHour(10, 60, false)).toBe(600)
    expect(liveCallsPerHour(51, 60)).toBe(120)
    expect(liveCallsPerHour(0, 60)).toBe(0)
  })
})

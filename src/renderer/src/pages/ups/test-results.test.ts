import { describe, expect, it } from 'vitest'
import type { Measurement } from '@shared/contract'
import { dischargeFigures, failuresFirst } from './test-results'

describe('the acceptance test page’s figures', () => {
  it('puts failed values first, each group in the step’s order', () => {
    const m = (key: string, verdict?: Measurement['verdict']): Measurement => ({ key, value: 1, ...(verdict ? { verdict } : {}) })
    const sorted = failuresFirst([m('mainsVoltage1', 'pass'), m('load9', 'fail'), m('file'), m('temperature12', 'fail'), m('outputVoltage4', 'pass')])
    expect(sorted.map((x) => x.key)).toEqual(['load9', 'temperature12', 'mainsVoltage1', 'file', 'outputVoltage4'])
  })

  it('reads the discharge from the finished step, and from the curve while it runs', () => {
    const step: Measurement[] = [
      { key: 'dischargeDuration', value: 60, unit: 's' },
      { key: 'batteryVoltageAtStart', value: 272, unit: 'V' },
      { key: 'batteryVoltageAtEnd', value: 269.5, unit: 'V' },
      { key: 'batteryVoltageFall', value: 2.5, unit: 'V' },
      { key: 'batteryVoltageFallPerMin', value: 2.5, unit: 'V/min' },
    ]
    expect(dischargeFigures(step, null)).toEqual({
      seconds: 60,
      voltage: { atStart: 272, atEnd: 269.5, fall: 2.5, fallPerMin: 2.5 },
      capacity: { atStart: null, atEnd: null, fall: null, fallPerMin: null },
    })
    const curve = { startedAt: 1000, points: [[0, 272, 100], [15, 271, 99], [30, 270, 97.5]] as [number, number | null, number | null][] }
    expect(dischargeFigures(null, curve)).toEqual({
      seconds: 30,
      voltage: { atStart: 272, atEnd: 270, fall: 2, fallPerMin: 4 },
      capacity: { atStart: 100, atEnd: 97.5, fall: 2.5, fallPerMin: 5 },
    })
    expect(dischargeFigures([], { startedAt: 0, points: [] })).toBeNull()
  })
})

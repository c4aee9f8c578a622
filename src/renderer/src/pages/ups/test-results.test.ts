import { describe, expect, it } from 'vitest'
import type { Measurement, RecordDetail, RecordStep } from '@shared/contract'
import { dischargeFigures, failuresFirst, jobFromRecord } from './test-results'

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

describe('a finished test reopened from its record', () => {
  const step = (seq: number, key: string, status: RecordStep['status'], verdict: RecordStep['verdict'], note: string | null = null) =>
    ({ id: seq, seq, key, status, verdict, note, startedAt: seq, finishedAt: seq, inputs: {}, measurements: [] }) as RecordStep
  const record = (over: Partial<RecordDetail>) =>
    ({ id: 4, jobType: 'upsTest', status: 'completed', verdict: 'pass', endReason: null, meta: {}, steps: [], exchanges: [], exchangeCount: 0, ...over }) as unknown as RecordDetail

  it('shows each step once as it last ended, with the record’s verdict', () => {
    const job = jobFromRecord(record({ steps: [step(1, 'identify', 'done', 'pass'), step(2, 'discharge', 'interrupted', null, 'suspended'), step(3, 'discharge', 'done', 'pass')] }))
    expect(job).toEqual({ recordId: 4, jobType: 'upsTest', phase: { phase: 'finished', verdict: 'pass' }, steps: [{ key: 'identify', verdict: 'pass', note: null }, { key: 'discharge', verdict: 'pass', note: null }] })
  })

  it('says why an aborted test stopped, and leaves a test still in progress to its job', () => {
    expect(jobFromRecord(record({ status: 'aborted', verdict: 'none', endReason: 'cancelled' }))?.phase).toEqual({ phase: 'aborted', reason: 'cancelled' })
    expect(jobFromRecord(record({ status: 'inProgress' }))).toBeNull()
    expect(jobFromRecord(record({ jobType: 'linkCheck' }))).toBeNull()
  })
})

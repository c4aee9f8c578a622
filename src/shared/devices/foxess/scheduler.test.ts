import { describe, expect, it } from 'vitest'
import type { FoxSchedulerGroup } from '../../contract/foxess/foxess'
import { analyzeSchedule, groupAt, minuteLabel } from './scheduler'

const g = (sh: number, sm: number, eh: number, em: number, workMode: FoxSchedulerGroup['workMode'] = 'SelfUse', enable: 0 | 1 = 1): FoxSchedulerGroup => ({
  enable,
  startHour: sh,
  startMinute: sm,
  endHour: eh,
  endMinute: em,
  workMode,
  minSocOnGrid: 10,
  fdSoc: 10,
  fdPwr: 0,
})

describe('the 24-hour strip', () => {
  it("the document's first sample: back-to-back groups leave one-minute gaps where they skip a minute", () => {
    const groups = [g(0, 0, 1, 59), g(2, 1, 3, 0), g(3, 1, 3, 58, 'Feedin'), g(4, 1, 4, 58, 'Backup'), g(8, 0, 23, 59, 'ForceDischarge')]
    const a = analyzeSchedule(groups)
    expect(a.overlaps).toEqual([])
    expect(a.gaps.map((s) => `${minuteLabel(s.from)}-${minuteLabel(s.to)}`)).toEqual(['02:00-02:00', '03:59-04:00', '04:59-07:59'])
    expect(a.coveredMinutes).toBe(1440 - 1 - 2 - 181)
    expect(a.segments[0]).toMatchObject({ from: 0, to: 119, kind: 'scheduled', mode: 'SelfUse', groups: [0] })
  })

  it('overlaps are reported with the groups involved; disabled groups are ignored', () => {
    const a = analyzeSchedule([g(0, 0, 5, 59), g(5, 0, 6, 59, 'ForceCharge'), g(0, 0, 23, 59, 'Backup', 0)])
    expect(a.overlaps).toMatchObject([{ from: 300, to: 359, groups: [0, 1], mode: null }])
    expect(a.gaps).toMatchObject([{ from: 420, to: 1439 }])
  })

  it('an empty schedule is one gap; the group in force at a minute', () => {
    expect(analyzeSchedule([]).segments).toEqual([{ from: 0, to: 1439, groups: [], mode: null, kind: 'gap' }])
    const groups = [g(6, 0, 8, 0, 'ForceCharge')]
    expect(groupAt(groups, 6 * 60)?.workMode).toBe('ForceCharge')
    expect(groupAt(groups, 8 * 60 + 1)).toBeNull()
  })
})

import { beforeEach, describe, expect, it } from 'vitest'
import type { FoxLiveSample } from '@shared/contract'
import { useFoxess } from './foxess'

const SN = '60H3060E52345605'
const sample = (at: number, values: Record<string, number | string>): FoxLiveSample => ({ deviceSN: SN, at, dataTime: at, values, units: {} })
const add = (...samples: FoxLiveSample[]) => useFoxess.getState().addLive({ subscriptionId: 's1', samples, error: null, nextAt: 0 })

describe('live view: current faults', () => {
  beforeEach(() => useFoxess.getState().clearLive('s1'))

  it('keeps the newest sample\'s fault codes per inverter, and keeps them while a sample does not carry them', () => {
    add(sample(1_000, { pvPower: 1.2, currentFault: '14,207' }))
    expect(useFoxess.getState().live.s1!.faults[SN]).toEqual([14, 207])
    add(sample(2_000, { pvPower: 1.3 }))
    expect(useFoxess.getState().live.s1!.faults[SN]).toEqual([14, 207])
    add(sample(3_000, { currentFault: 207 }), sample(4_000, { currentFault: 0 }))
    expect(useFoxess.getState().live.s1!.faults[SN]).toEqual([])
  })
})

import { beforeEach, describe, expect, it } from 'vitest'
import type { EvseLiveUpdate, EvseStatus } from '@shared/contract'
import { useEvse } from './evse'

const status = (powerW: number | null, currentA: number | null): EvseStatus => ({
  uptimeMs: 1,
  systemVersion: null,
  wifi: null,
  state: 3,
  threePhase: true,
  currentA,
  ppCodedCurrentA: null,
  powerW,
  powerAvailableW: null,
  energyWs: null,
  durationS: null,
  autoStartAllowed: null,
  startStopAllowed: null,
  boostAllowed: null,
  started: true,
  boosted: false,
  meter1Errors: null,
  meter2Errors: null,
})
const update = (host: string, at: number, s: EvseStatus | null): EvseLiveUpdate => ({ host, at, status: s, error: null, restarted: false })
const points = (key: string) => useEvse.getState().liveSeries!.store.entries(key, 0, Infinity).map((e) => [e.t, e.value])

describe('EV charger live series', () => {
  beforeEach(() => useEvse.setState({ live: null, liveSeries: null }))

  it('keeps power and current of every reading once, from the first reading on', () => {
    const { setLive } = useEvse.getState()
    setLive(update('10.0.0.5', 1_000, status(7_000, 10.1)))
    setLive(update('10.0.0.5', 2_000, status(7_100, null)))
    setLive(update('10.0.0.5', 2_000, status(9_999, 99)))
    setLive(update('10.0.0.5', 3_000, null))
    expect(points('powerW')).toEqual([[1_000, 7_000], [2_000, 7_100]])
    expect(points('currentA')).toEqual([[1_000, 10.1]])
    expect(useEvse.getState().liveSeries).toMatchObject({ host: '10.0.0.5', from: 1_000, lastAt: 2_000 })
    expect(useEvse.getState().live?.at).toBe(3_000)
  })

  it('starts a new session for another charger', () => {
    const { setLive } = useEvse.getState()
    setLive(update('10.0.0.5', 1_000, status(7_000, 10)))
    const first = useEvse.getState().liveSeries!.revision
    setLive(update('10.0.0.6', 5_000, status(3_000, 4)))
    expect(points('powerW')).toEqual([[5_000, 3_000]])
    expect(useEvse.getState().liveSeries).toMatchObject({ host: '10.0.0.6', from: 5_000 })
    expect(first).toBeGreaterThan(0)
  })
})

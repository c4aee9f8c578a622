import { describe, expect, it } from 'vitest'
import type { EvseLiveUpdate, EvseSnapshot, EvseStatus } from '@shared/contract'
import { liveStatusOf } from './live-status'

const status = (currentA: number): EvseStatus => ({
  uptimeMs: 1,
  systemVersion: null,
  wifi: null,
  state: 3,
  threePhase: true,
  currentA,
  ppCodedCurrentA: null,
  powerW: currentA * 690,
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
const snapshot: EvseSnapshot = { host: '127.0.0.2', at: 1000, info: null, infoError: null, status: status(6), statusError: null, config: null, configError: null, meters: [] }
const live = (patch: Partial<EvseLiveUpdate>): EvseLiveUpdate => ({ host: '127.0.0.2', at: 2000, status: status(16), error: null, restarted: false, ...patch })

describe('the status the charger page shows', () => {
  it('is the live update of this charger when it is newer than the snapshot', () => {
    expect(liveStatusOf(live({ restarted: true }), snapshot)).toEqual({ status: status(16), error: null, at: 2000, restarted: true })
  })

  it("is the snapshot's own read against another charger's update, an older one, or none", () => {
    const own = { status: status(6), error: null, at: 1000, restarted: false }
    expect(liveStatusOf(live({ host: '127.0.0.3' }), snapshot)).toEqual(own)
    expect(liveStatusOf(live({ at: 999 }), snapshot)).toEqual(own)
    expect(liveStatusOf(null, snapshot)).toEqual(own)
  })

  it('keeps the last status shown when a poll fails, with the failure', () => {
    expect(liveStatusOf(live({ status: null, error: { code: 'evseTimeout', params: { host: '127.0.0.2', seconds: 5 } } }), snapshot)).toEqual({
      status: status(6),
      error: { code: 'evseTimeout', params: { host: '127.0.0.2', seconds: 5 } },
      at: 2000,
      restarted: false,
    })
  })
})

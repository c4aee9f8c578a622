import { create } from 'zustand'
import type { CommissioningView, CtView, FoxCallStats, FoxConnectionView, FoxDevice, FoxLiveUpdate, FoxPlant } from '@shared/contract'
import { faultCodes } from '@shared/devices/foxess/values'
import { SeriesStore } from '@shared/series/store'

const VIEWS_KEPT = 20

/** One live view's data: bounded series (raw minutes, then 10 s and 1 min buckets for a day), keyed `sn/variable`. */
export interface FoxLiveView {
  series: SeriesStore
  /** changes with every sample taken */
  revision: number
  /** unit of each variable as the cloud gave it */
  units: Record<string, string>
  samples: number
  latest: number | null
  /** the current fault codes by inverter, from its newest sample that carried `currentFault` */
  faults: Record<string, number[]>
  error: FoxLiveUpdate['error']
  nextAt: number
}

export const liveSeriesKey = (sn: string, variable: string) => `${sn}/${variable}`

interface FoxessState {
  connection: FoxConnectionView | null
  status: FoxCallStats | null
  plants: FoxPlant[] | null
  devices: FoxDevice[] | null
  /** live series by subscription, each bounded in memory */
  live: Record<string, FoxLiveView>
  commissioning: Record<number, CommissioningView>
  ct: Record<number, CtView>
  setConnection(c: FoxConnectionView): void
  setStatus(s: FoxCallStats): void
  setFleet(plants: FoxPlant[], devices: FoxDevice[]): void
  addLive(update: FoxLiveUpdate): void
  clearLive(subscriptionId: string): void
  /** a stopped view's samples carry on under the subscription that continues it */
  continueLive(fromId: string, toId: string): void
  /** the account changed (demo mode on or off): its plants, inverters and live views are not this one's */
  forgetAccount(): void
  setCommissioning(view: CommissioningView): void
  setCt(view: CtView): void
}

const bounded = <T>(map: Record<number, T>, id: number, value: T): Record<number, T> => {
  const next = { ...map, [id]: value }
  const ids = Object.keys(next).map(Number).sort((a, b) => a - b)
  for (const old of ids.slice(0, Math.max(0, ids.length - VIEWS_KEPT))) delete next[old]
  return next
}

export const useFoxess = create<FoxessState>()((set) => ({
  connection: null,
  status: null,
  plants: null,
  devices: null,
  live: {},
  commissioning: {},
  ct: {},
  setConnection: (connection) => set({ connection }),
  setStatus: (status) => set({ status }),
  setFleet: (plants, devices) => set({ plants, devices }),
  addLive: (update) =>
    set((state) => {
      const previous = state.live[update.subscriptionId]
      // the store is kept and added to in place: a day of 1 Hz samples is never copied
      const series = previous?.series ?? new SeriesStore()
      const units = { ...previous?.units }
      const faults = { ...previous?.faults }
      for (const sample of update.samples) {
        if ('currentFault' in sample.values) faults[sample.deviceSN] = faultCodes(sample.values.currentFault)
        const at = sample.dataTime ?? sample.at
        for (const [variable, value] of Object.entries(sample.values)) {
          if (typeof value === 'number') series.append(liveSeriesKey(sample.deviceSN, variable), at, value)
          if (sample.units[variable] !== undefined) units[variable] = sample.units[variable]!
        }
      }
      const view: FoxLiveView = {
        series,
        revision: series.revision,
        units,
        samples: (previous?.samples ?? 0) + update.samples.length,
        latest: series.latest(),
        faults,
        error: update.error,
        nextAt: update.nextAt,
      }
      return { live: { ...state.live, [update.subscriptionId]: view } }
    }),
  clearLive: (id) =>
    set((state) => {
      const live = { ...state.live }
      delete live[id]
      return { live }
    }),
  continueLive: (fromId, toId) =>
    set((state) => {
      const view = state.live[fromId]
      if (!view || fromId === toId) return {}
      const live = { ...state.live, [toId]: view }
      delete live[fromId]
      return { live }
    }),
  forgetAccount: () => set({ plants: null, devices: null, live: {}, connection: null }),
  setCommissioning: (view) => set((state) => ({ commissioning: bounded(state.commissioning, view.recordId, view) })),
  setCt: (view) => set((state) => ({ ct: bounded(state.ct, view.recordId, view) })),
}))

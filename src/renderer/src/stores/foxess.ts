import { create } from 'zustand'
import type { CommissioningView, CtView, FoxCallStats, FoxConnectionView, FoxDevice, FoxLiveSample, FoxLiveUpdate, FoxPlant } from '@shared/contract'

/** a live chart's fixed window; older samples fall out */
export const LIVE_WINDOW_MS = 2 * 3600_000
const LIVE_MAX_SAMPLES = 2000
const VIEWS_KEPT = 20

interface FoxessState {
  connection: FoxConnectionView | null
  status: FoxCallStats | null
  plants: FoxPlant[] | null
  devices: FoxDevice[] | null
  /** live samples by subscription, each bounded to the window */
  live: Record<string, { samples: FoxLiveSample[]; error: FoxLiveUpdate['error']; nextAt: number }>
  commissioning: Record<number, CommissioningView>
  ct: Record<number, CtView>
  setConnection(c: FoxConnectionView): void
  setStatus(s: FoxCallStats): void
  setFleet(plants: FoxPlant[], devices: FoxDevice[]): void
  addLive(update: FoxLiveUpdate): void
  clearLive(subscriptionId: string): void
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
      const previous = state.live[update.subscriptionId]?.samples ?? []
      const now = Math.max(0, ...update.samples.map((s) => s.at))
      let samples = update.samples.length ? [...previous, ...update.samples] : previous
      const from = now - LIVE_WINDOW_MS
      if (samples.length && samples[0]!.at < from) samples = samples.filter((s) => s.at >= from)
      if (samples.length > LIVE_MAX_SAMPLES) samples = samples.slice(samples.length - LIVE_MAX_SAMPLES)
      return { live: { ...state.live, [update.subscriptionId]: { samples, error: update.error, nextAt: update.nextAt } } }
    }),
  clearLive: (id) =>
    set((state) => {
      const live = { ...state.live }
      delete live[id]
      return { live }
    }),
  setCommissioning: (view) => set((state) => ({ commissioning: bounded(state.commissioning, view.recordId, view) })),
  setCt: (view) => set((state) => ({ ct: bounded(state.ct, view.recordId, view) })),
}))

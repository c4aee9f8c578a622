import { create } from 'zustand'
import type { EvseChargerEvent, EvseServiceView } from '@shared/contract'

/** how many service views are kept (one per service record) */
const KEEP = 20

interface EvseServiceState {
  /** each service job's latest view, by record */
  views: Record<number, EvseServiceView>
  /** the latest restart, absence or return of each charger, whichever read saw it */
  charger: Record<string, EvseChargerEvent>
  setView(view: EvseServiceView): void
  setCharger(event: EvseChargerEvent): void
}

export const useEvseService = create<EvseServiceState>()((set) => ({
  views: {},
  charger: {},
  setView: (view) =>
    set((state) => {
      const views = { ...state.views, [view.recordId]: view }
      const ids = Object.keys(views).map(Number).sort((a, b) => a - b)
      for (const id of ids.slice(0, Math.max(0, ids.length - KEEP))) delete views[id]
      return { views }
    }),
  setCharger: (event) => set((state) => ({ charger: { ...state.charger, [event.host]: event } })),
}))

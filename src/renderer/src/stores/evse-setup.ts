import { create } from 'zustand'
import type { EvseSetupView } from '@shared/contract'
import { SeriesStore } from '@shared/series/store'

/** setup jobs kept in memory: the one on screen and a few before it */
const KEEP = 8

export interface TestChargeSeries {
  store: SeriesStore
  revision: number
  /** the newest sample taken in, so a view repeating samples adds none twice */
  lastAt: number
}

interface EvseSetupState {
  views: Record<number, EvseSetupView>
  series: Record<number, TestChargeSeries>
  setView(view: EvseSetupView): void
}

const newest = <T>(byRecord: Record<number, T>): Record<number, T> => {
  const ids = Object.keys(byRecord).map(Number).sort((a, b) => a - b)
  for (const id of ids.slice(0, Math.max(0, ids.length - KEEP))) delete byRecord[id]
  return byRecord
}

export const useEvseSetup = create<EvseSetupState>()((set) => ({
  views: {},
  series: {},
  setView: (view) =>
    set((state) => {
      const views = newest({ ...state.views, [view.recordId]: view })
      const samples = view.testCharge?.samples ?? []
      const known = state.series[view.recordId]
      // a new test charge (a resume runs it again) starts a new curve
      const restarted = known && samples.length > 0 && samples[0]!.at > known.lastAt
      const series = known && !restarted ? known : { store: new SeriesStore(), revision: 0, lastAt: -Infinity }
      for (const s of samples) {
        if (s.at <= series.lastAt) continue
        if (s.powerW !== null) series.store.append('powerW', s.at, s.powerW)
        if (s.currentA !== null) series.store.append('currentA', s.at, s.currentA)
        series.lastAt = s.at
      }
      const next = samples.length ? { ...series, revision: series.store.revision } : series
      return { views, series: samples.length || known ? newest({ ...state.series, [view.recordId]: next }) : state.series }
    }),
}))

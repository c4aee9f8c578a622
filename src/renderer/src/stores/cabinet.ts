import { create } from 'zustand'
import { SeriesStore } from '@shared/series/store'
import type { CabinetFrameEntry, CabinetFrames, CabinetLinkStats, CabinetProfile, CabinetRun, CabinetSample, CabinetSamples, CabinetSimState } from '@shared/contract'

/** samples kept per run for the chart: a fixed window, the oldest dropped */
export const SAMPLE_WINDOW = 240
/** runs whose current series stay in memory for the chart */
const SERIES_KEEP = 4
/** the series key of a channel's current */
export const channelKey = (channel: number) => `current${channel}`

/** decoded frames kept per port in the terminal view */
export const FRAMES_KEEP = 1000
/** runs kept in memory (the records keep everything) */
const RUNS_KEEP = 20

export interface CabinetForm {
  path: string
  serial: string
  operator: string
  firmware: string
  profile: CabinetProfile | null
  /** where the profile came from: null for the shipped default, else the file's name */
  profileFile: string | null
}

interface CabinetState {
  runs: Record<number, CabinetRun>
  samples: Record<number, CabinetSample[]>
  /** each run's channel currents as bounded series, and the store's revision */
  series: Record<number, { store: SeriesStore; revision: number; firstAt: number }>
  frames: Record<string, { entries: CabinetFrameEntry[]; stats: CabinetLinkStats | null }>
  sim: CabinetSimState | null
  /** what the wizard was last started with: "next cabinet" keeps it, serial aside */
  form: CabinetForm
  /** the run the wizard shows */
  active: number | null
  setRun(run: CabinetRun): void
  addSamples(batch: CabinetSamples): void
  addFrames(batch: CabinetFrames): void
  resetFrames(path: string, batch: CabinetFrames): void
  setSim(sim: CabinetSimState): void
  setForm(patch: Partial<CabinetForm>): void
  setActive(recordId: number | null): void
}

export const useCabinet = create<CabinetState>()((set) => ({
  runs: {},
  samples: {},
  series: {},
  frames: {},
  sim: null,
  form: { path: '', serial: '', operator: '', firmware: '', profile: null, profileFile: null },
  active: null,
  setRun: (run) =>
    set((state) => {
      const runs = { ...state.runs, [run.recordId]: run }
      const ids = Object.keys(runs).map(Number).sort((a, b) => a - b)
      for (const id of ids.slice(0, Math.max(0, ids.length - RUNS_KEEP))) delete runs[id]
      return { runs }
    }),
  addSamples: (batch) =>
    set((state) => {
      const merged = (state.samples[batch.recordId] ?? []).concat(batch.samples)
      const store = state.series[batch.recordId]?.store ?? new SeriesStore()
      for (const sample of batch.samples) sample.currents.forEach((value, i) => value !== null && store.append(channelKey(i + 1), sample.t, value))
      const firstAt = state.series[batch.recordId]?.firstAt ?? batch.samples[0]?.t ?? 0
      const series = { ...state.series, [batch.recordId]: { store, revision: store.revision, firstAt } }
      for (const id of Object.keys(series).map(Number).sort((a, b) => a - b).slice(0, -SERIES_KEEP)) delete series[id]
      return { samples: { ...state.samples, [batch.recordId]: merged.length > SAMPLE_WINDOW ? merged.slice(-SAMPLE_WINDOW) : merged }, series }
    }),
  addFrames: (batch) =>
    set((state) => {
      const prev = state.frames[batch.path]?.entries ?? []
      const last = prev.at(-1)?.seq ?? -1
      const merged = prev.concat(batch.entries.filter((e) => e.seq > last))
      return { frames: { ...state.frames, [batch.path]: { entries: merged.length > FRAMES_KEEP ? merged.slice(-FRAMES_KEEP) : merged, stats: batch.stats } } }
    }),
  resetFrames: (path, batch) => set((state) => ({ frames: { ...state.frames, [path]: { entries: batch.entries.slice(-FRAMES_KEEP), stats: batch.stats } } })),
  setSim: (sim) => set({ sim }),
  setForm: (patch) => set((state) => ({ form: { ...state.form, ...patch } })),
  setActive: (active) => set({ active }),
}))

import { create } from 'zustand'
import type { CabinetFrameEntry, CabinetFrames, CabinetLinkStats, CabinetProfile, CabinetRun, CabinetSample, CabinetSamples, CabinetSimState } from '@shared/contract'

/** samples kept per run for the chart: a fixed window, the oldest dropped */
export const SAMPLE_WINDOW = 240
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
      return { samples: { ...state.samples, [batch.recordId]: merged.length > SAMPLE_WINDOW ? merged.slice(-SAMPLE_WINDOW) : merged } }
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

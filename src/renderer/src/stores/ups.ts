import { create } from 'zustand'
import type { FramingProfile, UpsMonitorLayout, UpsMonitorView, UpsProtocolDocument, UpsSimState, ValueEdit } from '@shared/contract'
import { SeriesStore } from '@shared/series/store'

/** The values the chart can show, by N of the shipped file: three-phase voltages, load, battery. */
export const CHART_SETS = {
  voltages: [1, 2, 3, 4, 5, 6],
  load: [118, 119, 120],
  battery: [16, 17, 121],
} as const
export type ChartSet = keyof typeof CHART_SETS
const CHARTED: ReadonlySet<number> = new Set(Object.values(CHART_SETS).flat())
export const seriesKey = (n: number): string => `cmd-${n}`

/** The file last open in the protocol-file editor, with the corrections and framing typed there: the monitor can read it as it stands. */
export interface EditorFile {
  doc: UpsProtocolDocument
  edits: ValueEdit[]
  framing: FramingProfile | null
}

interface UpsState {
  editorFile: EditorFile | null
  setEditorFile(file: EditorFile | null): void
  view: UpsMonitorView | null
  layout: UpsMonitorLayout | null
  sim: UpsSimState | null
  /** the charted values of this session (24 h at 1 Hz in fixed memory), and its revision */
  series: { store: SeriesStore; revision: number; firstAt: number } | null
  /** the poll last appended, so a repeated view adds nothing */
  lastAt: number
  setView(view: UpsMonitorView): void
  setLayout(layout: UpsMonitorLayout | null): void
  setSim(sim: UpsSimState): void
  /** a new session: the chart starts empty */
  reset(): void
}

export const useUps = create<UpsState>()((set) => ({
  editorFile: null,
  setEditorFile: (editorFile) => set({ editorFile }),
  view: null,
  layout: null,
  sim: null,
  series: null,
  lastAt: 0,
  setView: (view) =>
    set((state) => {
      const at = view.link.lastAnswerAt
      if (!view.running || at === null || at <= state.lastAt) return { view }
      const store = state.series?.store ?? new SeriesStore()
      // each command is answered at its own moment: a reading is new when it came after the last view's newest answer
      let first = state.series?.firstAt ?? at
      for (const r of view.readings) {
        if (!CHARTED.has(r.n) || r.value === null || r.stale || r.at === null || r.at <= state.lastAt) continue
        store.append(seriesKey(r.n), r.at, r.value)
        first = Math.min(first, r.at)
      }
      return { view, lastAt: at, series: { store, revision: store.revision, firstAt: first } }
    }),
  setLayout: (layout) => set({ layout }),
  setSim: (sim) => set({ sim }),
  reset: () => set({ series: null, lastAt: 0 }),
}))

import { create } from 'zustand'
import type { UpsTestRun } from '@shared/contract'

/** The acceptance test's run views by record: the question standing and the waits' deadlines. */
interface UpsTestState {
  runs: Record<number, UpsTestRun>
  setRun(run: UpsTestRun): void
}

export const useUpsTest = create<UpsTestState>()((set) => ({
  runs: {},
  setRun: (run) => set((state) => ({ runs: { ...state.runs, [run.recordId]: run } })),
}))

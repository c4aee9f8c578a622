import { create } from 'zustand'
import type { JobUpdate } from '@shared/contract'

const KEEP = 50

interface JobsState {
  byRecord: Record<number, JobUpdate>
  /** bumps whenever any record changes, so lists refetch */
  recordsTick: number
  update(job: JobUpdate): void
  recordsChanged(): void
}

export const useJobs = create<JobsState>()((set) => ({
  byRecord: {},
  recordsTick: 0,
  update: (job) =>
    set((state) => {
      const byRecord = { ...state.byRecord, [job.recordId]: job }
      const ids = Object.keys(byRecord).map(Number)
      if (ids.length > KEEP) for (const id of ids.sort((a, b) => a - b).slice(0, ids.length - KEEP)) delete byRecord[id]
      return { byRecord }
    }),
  recordsChanged: () => set((state) => ({ recordsTick: state.recordsTick + 1 })),
}))

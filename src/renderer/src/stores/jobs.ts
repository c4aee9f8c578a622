import { create } from 'zustand'
import type { JobUpdate } from '@shared/contract'

const KEEP = 50

interface JobsState {
  byRecord: Record<number, JobUpdate>
  /** the port a job started from this window runs on (for demo controls) */
  paths: Record<number, string>
  /** bumps whenever any record changes, so lists refetch */
  recordsTick: number
  update(job: JobUpdate): void
  setPath(recordId: number, path: string): void
  recordsChanged(): void
}

export const useJobs = create<JobsState>()((set) => ({
  byRecord: {},
  paths: {},
  recordsTick: 0,
  setPath: (recordId, path) => set((state) => ({ paths: { ...state.paths, [recordId]: path } })),
  update: (job) =>
    set((state) => {
      const byRecord = { ...state.byRecord, [job.recordId]: job }
      const ids = Object.keys(byRecord).map(Number)
      if (ids.length > KEEP) for (const id of ids.sort((a, b) => a - b).slice(0, ids.length - KEEP)) delete byRecord[id]
      return { byRecord }
    }),
  recordsChanged: () => set((state) => ({ recordsTick: state.recordsTick + 1 })),
}))

import { create } from 'zustand'
import type { JobType, JobUpdate, OpenJob } from '@shared/contract'

const KEEP = 50

interface JobsState {
  byRecord: Record<number, JobUpdate>
  /** the port a job started from this window runs on (for demo controls) */
  paths: Record<number, string>
  /** bumps whenever any record changes, so lists refetch */
  recordsTick: number
  /** jobs not over, as main keeps them: running now, or suspended to resume */
  open: OpenJob[]
  update(job: JobUpdate): void
  setPath(recordId: number, path: string): void
  recordsChanged(): void
  setOpen(open: OpenJob[]): void
}

/** The newest running job of these types, for a job page opened without a record to show. */
export function runningJobOf(open: OpenJob[], types: readonly JobType[]): OpenJob | undefined {
  return open.find((job) => job.state === 'running' && types.includes(job.jobType))
}

export const useJobs = create<JobsState>()((set) => ({
  byRecord: {},
  paths: {},
  recordsTick: 0,
  open: [],
  setOpen: (open) => set({ open }),
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

import { create } from 'zustand'
import type { JobType } from '@shared/contract'

export type Route =
  | { page: 'home' }
  | { page: 'ctDetection'; recordId?: number; job?: 'ctDetection' | 'inverterCommissioning' }
  | { page: 'foxessLive' }
  | { page: 'cabinetTest'; recordId?: number }
  | { page: 'evseSetup'; recordId?: number }
  | { page: 'evse' }
  | { page: 'ups'; recordId?: number }
  | { page: 'upsMonitor' }
  | { page: 'upsFiles' }
  | { page: 'linkCheck'; recordId?: number }
  | { page: 'devices' }
  | { page: 'terminal'; path?: string }
  | { page: 'tables' }
  | { page: 'records' }
  | { page: 'record'; id: number }
  | { page: 'settings' }
  | { page: 'about' }

export type PageId = Route['page']

/** The page a job runs on, attached to its record; a job type with no page yet opens its record. */
export function jobRoute(jobType: JobType, recordId: number): Route {
  switch (jobType) {
    case 'linkCheck':
      return { page: 'linkCheck', recordId }
    case 'cabinetTest':
      return { page: 'cabinetTest', recordId }
    case 'ctDetection':
    case 'inverterCommissioning':
      return { page: 'ctDetection', recordId, job: jobType }
    case 'evseService':
      return { page: 'evse' }
    case 'upsTest':
      return { page: 'ups', recordId }
    case 'upsLog':
      return { page: 'ups' }
    case 'evseSetup':
      return { page: 'evseSetup', recordId }
    case 'upsMonitor':
    case 'evseSite':
      return { page: 'record', id: recordId }
  }
}

interface NavState {
  route: Route
  go(route: Route): void
}

export const useNav = create<NavState>()((set) => ({
  route: { page: 'home' },
  go: (route) => set({ route }),
}))

import { create } from 'zustand'

export type Route =
  | { page: 'home' }
  | { page: 'ctDetection'; recordId?: number; job?: 'ctDetection' | 'inverterCommissioning' }
  | { page: 'foxessLive' }
  | { page: 'cabinetTest'; recordId?: number }
  | { page: 'evseSetup' }
  | { page: 'upsMonitor' }
  | { page: 'linkCheck'; recordId?: number }
  | { page: 'devices' }
  | { page: 'terminal'; path?: string }
  | { page: 'tables' }
  | { page: 'records' }
  | { page: 'record'; id: number }
  | { page: 'settings' }
  | { page: 'about' }

export type PageId = Route['page']

interface NavState {
  route: Route
  go(route: Route): void
}

export const useNav = create<NavState>()((set) => ({
  route: { page: 'home' },
  go: (route) => set({ route }),
}))

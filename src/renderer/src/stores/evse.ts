import { create } from 'zustand'
import type { EvseLiveUpdate } from '@shared/contract'

interface EvseState {
  /** the address last connected to, kept while the app runs so the page opens on it again */
  host: string
  /** the latest live Status (or its failure) main pushed */
  live: EvseLiveUpdate | null
  setHost(host: string): void
  setLive(update: EvseLiveUpdate): void
}

export const useEvse = create<EvseState>()((set) => ({
  host: '',
  live: null,
  setHost: (host) => set({ host }),
  setLive: (live) => set({ live }),
}))

import { create } from 'zustand'
import type { PortInfo, TrafficBatch, TrafficEntry } from '@shared/contract'

/** the terminal keeps this many chunks per port in memory; the full log stays in main */
export const TERMINAL_KEEP = 3000
/** bytes of each chunk kept for display (the view shows fewer); the export has all of them */
export const TERMINAL_BYTES_KEPT = 256

/** A chunk as the terminal keeps it: its bytes cut to what is shown, with the real length. */
export interface ShownEntry extends TrafficEntry {
  bytes: number
}

const forView = (entries: TrafficEntry[]): ShownEntry[] =>
  entries.map((e) => ({ ...e, bytes: e.dir === 'event' ? 0 : e.hex.length / 2, hex: e.dir === 'event' ? e.hex : e.hex.slice(0, TERMINAL_BYTES_KEPT * 2) }))

interface PortsState {
  ports: PortInfo[]
  traffic: Record<string, { entries: ShownEntry[]; dropped: number }>
  setPorts(ports: PortInfo[]): void
  addTraffic(batch: TrafficBatch): void
  setTraffic(path: string, entries: TrafficEntry[], dropped: number): void
  clearTraffic(path: string): void
}

export const usePorts = create<PortsState>()((set) => ({
  ports: [],
  traffic: {},
  setPorts: (ports) => set({ ports }),
  addTraffic: (batch) =>
    set((state) => {
      const prev = state.traffic[batch.path] ?? { entries: [], dropped: 0 }
      const last = prev.entries.at(-1)?.seq ?? -1
      const fresh = forView(batch.entries.filter((e) => e.seq > last))
      const entries = prev.entries.concat(fresh)
      const over = Math.max(0, entries.length - TERMINAL_KEEP)
      return {
        traffic: {
          ...state.traffic,
          [batch.path]: { entries: over ? entries.slice(over) : entries, dropped: prev.dropped + batch.dropped + over },
        },
      }
    }),
  setTraffic: (path, entries, dropped) =>
    set((state) => ({ traffic: { ...state.traffic, [path]: { entries: forView(entries.slice(-TERMINAL_KEEP)), dropped } } })),
  clearTraffic: (path) =>
    set((state) => {
      const next = { ...state.traffic }
      delete next[path]
      return { traffic: next }
    }),
}))

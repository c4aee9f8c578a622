import type { TrafficDirection, TrafficEntry } from '@shared/contract'
import { spacedHex, toAscii, toHex } from '@shared/hex'
import { toCsv } from '@shared/series/csv'

export const TRAFFIC_MAX_ENTRIES = 20_000
export const TRAFFIC_MAX_BYTES = 4 * 1024 * 1024

interface StoredEntry {
  seq: number
  ts: number
  dir: TrafficDirection
  bytes: Uint8Array
}

/**
 * The raw traffic of one port: every chunk both ways with its timestamp,
 * bounded in entries and bytes (oldest dropped first, and counted).
 */
export class TrafficLog {
  /** dropped entries are nulled at once, so their bytes go with the next GC rather than at the next compaction */
  private readonly entries: (StoredEntry | null)[] = []
  private head = 0
  private bytes = 0
  private nextSeq = 0
  private droppedTotal = 0

  constructor(
    private readonly maxEntries = TRAFFIC_MAX_ENTRIES,
    private readonly maxBytes = TRAFFIC_MAX_BYTES,
    private readonly now: () => number = Date.now,
  ) {}

  get dropped(): number {
    return this.droppedTotal
  }

  get size(): number {
    return this.entries.length - this.head
  }

  append(dir: TrafficDirection, bytes: Uint8Array): TrafficEntry {
    const entry: StoredEntry = { seq: this.nextSeq++, ts: this.now(), dir, bytes }
    this.entries.push(entry)
    this.bytes += bytes.length
    while (this.size > this.maxEntries || (this.bytes > this.maxBytes && this.size > 1)) {
      const old = this.entries[this.head]!
      this.entries[this.head++] = null
      this.bytes -= old.bytes.length
      this.droppedTotal++
    }
    if (this.head > 4096 && this.head * 2 > this.entries.length) {
      this.entries.splice(0, this.head)
      this.head = 0
    }
    return toWire(entry)
  }

  event(name: string): TrafficEntry {
    return this.append('event', new TextEncoder().encode(name))
  }

  since(afterSeq: number, limit: number): TrafficEntry[] {
    const out: TrafficEntry[] = []
    for (let i = this.head; i < this.entries.length && out.length < limit; i++) {
      const entry = this.entries[i]!
      if (entry.seq > afterSeq) out.push(toWire(entry))
    }
    return out
  }

  /** Plain text (one line per chunk: time, direction, hex, ASCII) or CSV. */
  export(format: 'txt' | 'csv', portPath: string): string {
    const rows: [number, string, TrafficDirection, string, string][] = []
    for (let i = this.head; i < this.entries.length; i++) {
      const e = this.entries[i]!
      const text = e.dir === 'event' ? new TextDecoder().decode(e.bytes) : toAscii(e.bytes)
      rows.push([e.seq, new Date(e.ts).toISOString(), e.dir, e.dir === 'event' ? '' : spacedHex(toHex(e.bytes)), text])
    }
    if (format === 'csv') return toCsv(['seq', 'timestamp', 'direction', 'hex', 'ascii'], rows, { bom: false })
    const lines = [`# ${portPath}`, `# dropped before this export: ${this.droppedTotal}`]
    for (const [, time, dir, hex, text] of rows) lines.push(`${time} ${dir.toUpperCase().padEnd(5)} ${hex.padEnd(48)} ${text}`)
    return lines.join('\n') + '\n'
  }

  clear(): void {
    this.entries.length = 0
    this.head = 0
    this.bytes = 0
  }
}

function toWire(e: StoredEntry): TrafficEntry {
  return {
    seq: e.seq,
    ts: e.ts,
    dir: e.dir,
    hex: e.dir === 'event' ? new TextDecoder().decode(e.bytes) : toHex(e.bytes),
  }
}

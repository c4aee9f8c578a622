/**
 * Polls a device while someone is looking. Each viewer holds a lease with the
 * interval it wants and renews it while it is open; the poller runs at the
 * smallest interval held, and stops when the last lease is released or runs
 * out, so a window closed without a goodbye never keeps a line busy or spends
 * a cloud budget. Time is the injected clock's.
 */
import { randomUUID } from 'node:crypto'
import type { Clock } from './clock'

export interface PollTick {
  /** this clock's time when the poll started */
  startedAt: number
  /** the interval in force for this poll: the next one starts at startedAt + intervalMs */
  intervalMs: number
  /** aborted when the poller stops */
  signal: AbortSignal
}

export interface Lease {
  id: string
  intervalMs: number
  until: number
}

export interface LeasedPollerOptions {
  clock: Clock
  /** one poll of the device; a throw is the poll's own business and does not stop polling */
  poll: (tick: PollTick) => Promise<void>
  /** how long a lease lasts without renewal */
  leaseMs: number
  /** called for each lease that ran out unrenewed */
  onExpired?: (lease: Lease) => void
  /** called once polling stops (no lease left) */
  onIdle?: () => void
}

export class LeasedPoller {
  private readonly leases = new Map<string, Lease>()
  private running: AbortController | null = null
  /** wakes the loop early when a shorter interval arrives */
  private wake: AbortController | null = null

  constructor(private readonly options: LeasedPollerOptions) {}

  /** Takes a lease, or renews (and re-times) the one named; polling starts at once if it was idle. */
  acquire(intervalMs: number, id?: string): Lease {
    const lease: Lease = { id: id && this.leases.has(id) ? id : randomUUID(), intervalMs, until: this.options.clock.now() + this.options.leaseMs }
    const before = this.intervalMs
    this.leases.set(lease.id, lease)
    if (!this.running) void this.loop()
    else if (intervalMs < before) this.wake?.abort()
    return lease
  }

  /** Gives a lease back; the last one stops polling. Unknown ids are ignored. */
  release(id: string): void {
    if (!this.leases.delete(id)) return
    if (!this.leases.size) this.halt()
  }

  releaseAll(): void {
    this.leases.clear()
    this.halt()
  }

  lease(id: string): Lease | undefined {
    return this.leases.get(id)
  }

  get leaseCount(): number {
    return this.leases.size
  }

  get polling(): boolean {
    return this.running !== null
  }

  /** The interval in force: the smallest any lease asked for (Infinity when none). */
  get intervalMs(): number {
    let min = Infinity
    for (const lease of this.leases.values()) min = Math.min(min, lease.intervalMs)
    return min
  }

  private halt(): void {
    const running = this.running
    this.running = null
    running?.abort()
    if (running) this.options.onIdle?.()
  }

  private expire(): void {
    const now = this.options.clock.now()
    for (const lease of [...this.leases.values()]) {
      if (now <= lease.until) continue
      this.leases.delete(lease.id)
      this.options.onExpired?.(lease)
    }
    if (!this.leases.size) this.halt()
  }

  private async loop(): Promise<void> {
    const running = new AbortController()
    this.running = running
    const { clock } = this.options
    while (!running.signal.aborted) {
      this.expire()
      if (running.signal.aborted) return
      const startedAt = clock.now()
      const intervalMs = this.intervalMs
      try {
        await this.options.poll({ startedAt, intervalMs, signal: running.signal })
      } catch {
        // the poll reports its own failures; the next one may well succeed
      }
      // a shorter interval taken during the sleep cuts it short, measured from the same start
      for (;;) {
        if (running.signal.aborted) return
        const wait = startedAt + this.intervalMs - clock.now()
        if (wait <= 0) break
        const wake = new AbortController()
        this.wake = wake
        try {
          await clock.sleep(wait, AbortSignal.any([running.signal, wake.signal]))
          break
        } catch {
          // woken: look at the interval again
        } finally {
          this.wake = null
        }
      }
    }
  }
}

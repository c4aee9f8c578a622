/**
 * Time for every job, client, poller and simulator, passed in so tests
 * and benches run a day of polling in milliseconds: the system clock in the
 * app, a virtual clock in tests.
 */
import { AppError } from '@shared/contract'

export interface Clock {
  now(): number
  /** resolves after `ms` of this clock's time; rejects with the signal's reason when aborted */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
  /** calls `fire` once after `ms` of this clock's time; the answer cancels it (a no-op once fired) */
  timer(ms: number, fire: () => void): () => void
}

function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason
  return reason instanceof Error ? reason : new AppError('jobNotRunning', { reason: 'cancelled' })
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal))
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort)
        resolve()
      }, Math.max(0, ms))
      const onAbort = () => {
        clearTimeout(timer)
        reject(abortReason(signal!))
      }
      signal?.addEventListener('abort', onAbort, { once: true })
    }),
  timer: (ms, fire) => {
    const handle = setTimeout(fire, Math.max(0, ms))
    return () => clearTimeout(handle)
  },
}

interface Timer {
  at: number
  seq: number
  resolve: () => void
}

/**
 * Virtual time. `advance(ms)` moves it by hand; with `auto`, whenever someone
 * sleeps the clock jumps to the earliest timer once the event loop has run
 * what it can (real I/O, such as a loopback HTTP request, completes in between
 * because the jump waits for a macrotask turn). Work in another process (bytes
 * passing through socat) is invisible to the event loop: `underWay` answers a
 * promise while such work is in flight, and the jump waits for it. Time never
 * runs backwards and timers fire in order.
 */
export class VirtualClock implements Clock {
  private t: number
  private seq = 0
  private readonly timers: Timer[] = []
  private scheduled = false
  private holds = 0
  private readonly heldJumps: (() => void)[] = []
  /** every sleep requested, for assertions on pacing and backoff */
  readonly sleeps: number[] = []

  constructor(
    start = Date.UTC(2026, 10, 21, 10, 0, 0),
    private readonly auto = false,
    private readonly underWay: () => Promise<void> | null = () => null,
  ) {
    this.t = start
  }

  now(): number {
    return this.t
  }

  timer(ms: number, fire: () => void): () => void {
    const timer: Timer = { at: this.t + Math.max(0, ms), seq: this.seq++, resolve: fire }
    this.add(timer)
    return () => {
      const i = this.timers.indexOf(timer)
      if (i >= 0) this.timers.splice(i, 1)
    }
  }

  private add(timer: Timer): void {
    this.timers.push(timer)
    this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq)
    if (this.auto) this.schedule()
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms)
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal))
      const timer: Timer = {
        at: this.t + Math.max(0, ms),
        seq: this.seq++,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort)
          resolve()
        },
      }
      const onAbort = () => {
        const i = this.timers.indexOf(timer)
        if (i >= 0) this.timers.splice(i, 1)
        reject(abortReason(signal!))
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      this.add(timer)
    })
  }

  /**
   * Stops auto jumps until the answer is called: for a test that does
   * something in real time (pulls a cable) which a deadline must not overtake.
   */
  hold(): () => void {
    this.holds++
    let released = false
    return () => {
      if (released) return
      released = true
      if (--this.holds === 0) for (const resume of this.heldJumps.splice(0)) resume()
    }
  }

  /** Moves time forward, firing every timer due on the way, in order. */
  advance(ms: number): void {
    const target = this.t + ms
    for (;;) {
      const next = this.timers[0]
      if (!next || next.at > target) break
      this.timers.shift()
      this.t = Math.max(this.t, next.at)
      next.resolve()
    }
    this.t = target
  }

  /** Number of sleepers and timers waiting. */
  get pending(): number {
    return this.timers.length
  }

  private schedule(): void {
    if (this.scheduled) return
    this.scheduled = true
    // a few macrotask turns let in-flight loopback I/O land before time jumps
    const settle = (turns: number) =>
      setImmediate(() => {
        if (turns > 0) return settle(turns - 1)
        const outside = this.holds ? new Promise<void>((resume) => this.heldJumps.push(resume)) : this.underWay()
        if (outside) return void outside.then(() => settle(3))
        this.scheduled = false
        const next = this.timers.shift()
        if (!next) return
        this.t = Math.max(this.t, next.at)
        next.resolve()
        if (this.timers.length) this.schedule()
      })
    settle(3)
  }
}

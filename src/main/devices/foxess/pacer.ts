/**
 * Pacing for the Fox ESS cloud, which rate-limits hard: calls to the same
 * path at least 1 s apart, setting writes to one device at least 2 s apart,
 * and after "too frequent" (40400) a cool-down for every call, doubling with
 * each further 40400 in a row, with jitter, so many windows or retries never
 * turn into a storm. Gaps are measured from the end of the previous call, so
 * the service sees them however long each request took in flight.
 */
import type { Clock } from '../../core/clock'

export interface PacerOptions {
  pathIntervalMs: number
  writeIntervalMs: number
  backoffBaseMs: number
  backoffMaxMs: number
}

export const defaultPacerOptions: PacerOptions = {
  pathIntervalMs: 1000,
  writeIntervalMs: 2000,
  backoffBaseMs: 4000,
  backoffMaxMs: 120_000,
}

export interface Gate {
  key: string
  intervalMs: number
}

export class CallPacer {
  private readonly lastDone = new Map<string, number>()
  private readonly locks = new Map<string, Promise<void>>()
  private coolDownUntil = 0
  private consecutiveLimits = 0

  constructor(
    private readonly clock: Clock,
    private readonly random: () => number = Math.random,
    readonly options: PacerOptions = defaultPacerOptions,
  ) {}

  pathGate(path: string): Gate {
    return { key: `path:${path}`, intervalMs: this.options.pathIntervalMs }
  }

  writeGate(sn: string): Gate {
    return { key: `write:${sn}`, intervalMs: this.options.writeIntervalMs }
  }

  /** When calls may go again after a 40400, or null. */
  coolingUntil(): number | null {
    return this.coolDownUntil > this.clock.now() ? this.coolDownUntil : null
  }

  /** Runs `call` once every gate's interval has passed since its last call and no cool-down is on; one call per gate at a time. */
  async run<T>(gates: Gate[], call: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.acquire(gates.map((g) => g.key), signal)
    try {
      for (;;) {
        let readyAt = this.coolDownUntil
        for (const g of gates) readyAt = Math.max(readyAt, (this.lastDone.get(g.key) ?? -Infinity) + g.intervalMs)
        const wait = readyAt - this.clock.now()
        if (wait <= 0) break
        await this.clock.sleep(wait, signal)
      }
      try {
        return await call()
      } finally {
        const done = this.clock.now()
        for (const g of gates) this.lastDone.set(g.key, done)
      }
    } finally {
      release()
    }
  }

  /**
   * The cloud said "too frequent": every call waits. The wait doubles with each
   * 40400 in a row (up to 4 s, 8 s, 16 s … the maximum) and is drawn from its
   * upper half ("equal jitter"), so several clients do not come back together.
   */
  rateLimited(): number {
    const ceiling = Math.min(this.options.backoffMaxMs, this.options.backoffBaseMs * 2 ** this.consecutiveLimits)
    this.consecutiveLimits++
    const delay = Math.round(ceiling / 2 + this.random() * (ceiling / 2))
    this.coolDownUntil = Math.max(this.coolDownUntil, this.clock.now() + delay)
    return delay
  }

  /** A call went through: the next 40400 starts the backoff from the bottom again. */
  succeeded(): void {
    this.consecutiveLimits = 0
  }

  private async acquire(keys: string[], signal?: AbortSignal): Promise<() => void> {
    const held: (() => void)[] = []
    const releaseAll = () => held.splice(0).forEach((r) => r())
    for (const key of [...new Set(keys)].sort()) {
      const previous = this.locks.get(key) ?? Promise.resolve()
      let open!: () => void
      const mine = new Promise<void>((resolve) => (open = resolve))
      const chained = previous.then(() => mine)
      this.locks.set(key, chained)
      const release = () => {
        open()
        if (this.locks.get(key) === chained) this.locks.delete(key)
      }
      try {
        await waitOrAbort(previous, signal)
      } catch (err) {
        // keep the chain intact: pass the turn on as soon as it comes
        void previous.then(release)
        releaseAll()
        throw err
      }
      held.push(release)
    }
    return releaseAll
  }
}

function waitOrAbort(promise: Promise<void>, signal?: AbortSignal): Promise<void> {
  if (!signal) return promise
  if (signal.aborted) return Promise.reject(signal.reason as Error)
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      () => {
        signal.removeEventListener('abort', onAbort)
        resolve()
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(err as Error)
      },
    )
  })
}

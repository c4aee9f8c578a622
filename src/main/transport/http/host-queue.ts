/**
 * One request at a time per host: small embedded web servers answer one
 * connection at a time and drop or stall the rest, so every client of the
 * same `host:port` waits its turn here. A caller that gives up while waiting
 * leaves the queue without holding up the ones behind it.
 */
import { cancelled } from './errors'

export class HostQueue {
  private readonly tails = new Map<string, Promise<void>>()

  async run<T>(key: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve()
    let done!: () => void
    const mine = new Promise<void>((resolve) => (done = resolve))
    const tail = previous.then(() => mine)
    this.tails.set(key, tail)
    const release = () => {
      done()
      void tail.then(() => {
        if (this.tails.get(key) === tail) this.tails.delete(key)
      })
    }
    try {
      await untilOrAbort(previous, signal)
    } catch (err) {
      // pass the turn on as soon as it comes
      void previous.then(release)
      throw err
    }
    try {
      return await task()
    } finally {
      release()
    }
  }

  /** Hosts with a request running or waiting. */
  get busy(): number {
    return this.tails.size
  }
}

/** The queue every HTTP client shares unless given its own (tests). */
export const sharedHostQueue = new HostQueue()

function untilOrAbort(promise: Promise<void>, signal?: AbortSignal): Promise<void> {
  if (!signal) return promise
  if (signal.aborted) return Promise.reject(cancelled(signal))
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(cancelled(signal))
    signal.addEventListener('abort', onAbort, { once: true })
    void promise.then(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    })
  })
}

import { AppError } from '@shared/contract'
import { type Clock, systemClock } from '../../core/clock'
import type { PortSession } from './session'

/** A pure stream decoder: bytes in (any chunking), whole messages out. */
export interface StreamDecoder<T> {
  push(chunk: Uint8Array): T[]
  reset(): void
}

export interface RequestOptions<T> {
  bytes: Uint8Array
  /** true for the message that answers this request */
  match: (message: T) => boolean
  timeoutMs: number
}

export interface RequestAnswer<T> {
  message: T
  /** from the write to the matching message */
  roundTripMs: number
}

interface Pending<T> {
  match: (message: T) => boolean
  resolve: (message: T) => void
  reject: (error: AppError) => void
}

/**
 * Serializes request/response exchanges over a session: one request on the
 * wire at a time, each with its timeout. Messages that answer nothing in
 * flight (unsolicited reports, late answers) go to subscribers. Nothing is
 * ever re-sent from here: a caller that times out decides what to do.
 * Timeouts and round trips are on the given clock, so a test or bench on
 * virtual time waits out a missing answer in no real time.
 */
export class RequestChannel<T> {
  private tail: Promise<unknown> = Promise.resolve()
  private pending: Pending<T> | null = null
  private readonly listeners = new Set<(message: T) => void>()
  private readonly offs: (() => void)[]

  constructor(
    private readonly session: PortSession,
    private readonly decoder: StreamDecoder<T>,
    private readonly clock: Clock = systemClock,
  ) {
    this.offs = [
      session.onData((chunk) => {
        for (const message of this.decoder.push(chunk)) this.deliver(message)
      }),
      session.onState((state) => {
        if (state === 'reconnected') this.decoder.reset()
        if (state === 'disconnected' || state === 'closed') {
          this.pending?.reject(new AppError(state === 'closed' ? 'portNotOpen' : 'portDisconnected', { path: session.path }))
          this.pending = null
        }
      }),
    ]
  }

  onMessage(listener: (message: T) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  request(options: RequestOptions<T>): Promise<RequestAnswer<T>> {
    return this.enqueue(() => this.exchange(options))
  }

  /** A write that expects no answer, still in turn with requests. */
  send(bytes: Uint8Array): Promise<void> {
    return this.enqueue(() => this.session.write(bytes))
  }

  dispose(): void {
    for (const off of this.offs) off()
    this.listeners.clear()
    this.pending?.reject(new AppError('portNotOpen', { path: this.session.path }))
    this.pending = null
  }

  private enqueue<R>(task: () => Promise<R>): Promise<R> {
    const run = this.tail.then(task, task)
    this.tail = run.catch(() => undefined)
    return run
  }

  private exchange(options: RequestOptions<T>): Promise<RequestAnswer<T>> {
    return new Promise<RequestAnswer<T>>((resolve, reject) => {
      let started = 0
      const cancelTimeout = this.clock.timer(options.timeoutMs, () => {
        if (this.pending === pending) this.pending = null
        reject(new AppError('timeout', { path: this.session.path, ms: options.timeoutMs }))
      })
      const pending: Pending<T> = {
        match: options.match,
        resolve: (message) => {
          cancelTimeout()
          resolve({ message, roundTripMs: this.clock.now() - started })
        },
        reject: (error) => {
          cancelTimeout()
          reject(error)
        },
      }
      this.pending = pending
      started = this.clock.now()
      this.session.write(options.bytes).catch((err: unknown) => {
        if (this.pending === pending) this.pending = null
        pending.reject(err instanceof AppError ? err : new AppError('portWriteFailed', { path: this.session.path }))
      })
    })
  }

  private deliver(message: T): void {
    const pending = this.pending
    if (pending && pending.match(message)) {
      this.pending = null
      pending.resolve(message)
      return
    }
    for (const listener of this.listeners) listener(message)
  }
}

/**
 * The acceptance test's line to the UPS: the monitor polling every command
 * at the test's interval, each poll handed to the step waiting for it with
 * the answers that made it, so a step keeps as evidence the polls its
 * verdict rests on.
 */
import { AppError, type UpsAlarm } from '@shared/contract'
import type { UpsAnswer } from './client'
import type { UpsMonitor, UpsPoll } from './monitor'

export interface TestPoll {
  at: number
  raw: UpsPoll['raw']
  answers: UpsAnswer[]
}

export class UpsTestLine {
  private answers: UpsAnswer[] = []
  private readonly queue: TestPoll[] = []
  private waiter: ((poll: TestPoll) => void) | null = null
  private readonly offs: (() => void)[] = []

  constructor(readonly monitor: UpsMonitor) {
    this.offs.push(monitor.onAnswer((answer) => this.answers.push(answer)))
    this.offs.push(
      monitor.onPoll((poll) => {
        const polled: TestPoll = { at: poll.at, raw: poll.raw, answers: this.answers }
        this.answers = []
        if (this.waiter) this.waiter(polled)
        else this.queue.push(polled)
      }),
    )
  }

  start(): void {
    this.monitor.start()
  }

  /** Each alarm as the monitor raises and clears it, until the line stops. */
  onAlarm(listener: (alarm: UpsAlarm) => void): void {
    this.offs.push(this.monitor.onAlarm(listener))
  }

  /** The next poll; one that came while no step waited is not left over for it (a step reads the UPS as it is now). */
  next(signal: AbortSignal): Promise<TestPoll> {
    this.queue.splice(0, Math.max(0, this.queue.length - 1))
    const ready = this.queue.shift()
    if (ready) return Promise.resolve(ready)
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason as Error)
      const onAbort = () => {
        this.waiter = null
        reject((signal.reason as Error | undefined) ?? new AppError('jobNotRunning', {}))
      }
      signal.addEventListener('abort', onAbort, { once: true })
      this.waiter = (poll) => {
        this.waiter = null
        signal.removeEventListener('abort', onAbort)
        resolve(poll)
      }
    })
  }

  /** The next poll to end from now, none kept from before: what the UPS says after a change the step waits on. */
  async fresh(signal: AbortSignal): Promise<TestPoll> {
    this.queue.length = 0
    return this.next(signal)
  }

  async stop(): Promise<void> {
    for (const off of this.offs.splice(0)) off()
    await this.monitor.stop()
  }
}

/**
 * Live data for the renderer: one v1 batch call per refresh for up to 50
 * inverters, never faster than the refresh the person chose, pushed as
 * events. A subscription is a lease: the page renews it while it is open, so
 * a closed window never keeps spending the account's budget.
 */
import { randomUUID } from 'node:crypto'
import { AppError, type FoxLiveSample, type FoxLiveUpdate } from '@shared/contract'
import type { Logger } from '../../log/logger'
import type { Clock } from './clock'
import type { FoxOpenApi } from './open-api'

export const LIVE_LEASE_MS = 5 * 60_000
const MAX_SUBSCRIPTIONS = 4

interface Subscription {
  id: string
  sns: string[]
  variables: string[]
  intervalMs: number
  leaseUntil: number
  stop: AbortController
}

export class LiveMonitor {
  private readonly subs = new Map<string, Subscription>()

  constructor(
    private readonly api: () => FoxOpenApi,
    private readonly clock: Clock,
    private readonly emit: (update: FoxLiveUpdate) => void,
    private readonly log: Logger,
  ) {}

  /** Starts (or renews and changes) a subscription; the first refresh happens at once. */
  start(input: { sns: string[]; variables: string[]; intervalSeconds: number; subscriptionId?: string }): { subscriptionId: string; leaseUntil: number } {
    const existing = input.subscriptionId ? this.subs.get(input.subscriptionId) : undefined
    if (existing) {
      existing.sns = [...new Set(input.sns)]
      existing.variables = [...new Set(input.variables)]
      existing.intervalMs = input.intervalSeconds * 1000
      existing.leaseUntil = this.clock.now() + LIVE_LEASE_MS
      return { subscriptionId: existing.id, leaseUntil: existing.leaseUntil }
    }
    if (this.subs.size >= MAX_SUBSCRIPTIONS) {
      // the oldest view gives way: it is the one most likely closed without a goodbye
      const oldest = [...this.subs.values()].sort((a, b) => a.leaseUntil - b.leaseUntil)[0]!
      this.stop(oldest.id)
    }
    const sub: Subscription = {
      id: randomUUID(),
      sns: [...new Set(input.sns)],
      variables: [...new Set(input.variables)],
      intervalMs: input.intervalSeconds * 1000,
      leaseUntil: this.clock.now() + LIVE_LEASE_MS,
      stop: new AbortController(),
    }
    this.subs.set(sub.id, sub)
    void this.loop(sub)
    return { subscriptionId: sub.id, leaseUntil: sub.leaseUntil }
  }

  stop(id: string): void {
    const sub = this.subs.get(id)
    if (!sub) return
    this.subs.delete(id)
    sub.stop.abort(new AppError('jobNotRunning', { reason: 'stopped' }))
  }

  stopAll(): void {
    for (const id of [...this.subs.keys()]) this.stop(id)
  }

  get count(): number {
    return this.subs.size
  }

  private async loop(sub: Subscription): Promise<void> {
    const signal = sub.stop.signal
    while (!signal.aborted) {
      if (this.clock.now() > sub.leaseUntil) {
        this.log.info('foxess.liveLeaseExpired', { id: sub.id })
        this.subs.delete(sub.id)
        return
      }
      const startedAt = this.clock.now()
      let samples: FoxLiveSample[] = []
      let error: FoxLiveUpdate['error'] = null
      try {
        const answer = await this.api().realTime(sub.sns, sub.variables, { signal })
        const at = this.clock.now()
        samples = answer.map((rt) => {
          const values: Record<string, number | string> = {}
          const units: Record<string, string> = {}
          for (const v of rt.datas) {
            values[v.variable] = v.value
            units[v.variable] = v.unit
          }
          return { deviceSN: rt.deviceSN, at, dataTime: rt.time, values, units }
        })
      } catch (err) {
        if (signal.aborted) return
        error = err instanceof AppError ? err.toPayload() : { code: 'internal' }
      }
      const nextAt = startedAt + sub.intervalMs
      if (!signal.aborted) this.emit({ subscriptionId: sub.id, samples, error, nextAt })
      try {
        await this.clock.sleep(Math.max(0, nextAt - this.clock.now()), signal)
      } catch {
        return
      }
    }
  }
}

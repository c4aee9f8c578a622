/**
 * Live data for the renderer: one v1 batch call per refresh for up to 50
 * inverters, never faster than the refresh the person chose, pushed as
 * events. A subscription is a lease: the page renews it while it is open, so
 * a closed window never keeps spending the account's budget.
 */
import { AppError, type FoxLiveSample, type FoxLiveUpdate } from '@shared/contract'
import { LeasedPoller, type PollTick } from '../../core/leased-poller'
import type { Logger } from '../../log/logger'
import type { Clock } from '../../core/clock'
import type { FoxOpenApi } from './open-api'

export const LIVE_LEASE_MS = 5 * 60_000
const MAX_SUBSCRIPTIONS = 4

/** One view's subscription: its own inverters and variables, polled while its lease holds. */
interface Subscription {
  id: string
  sns: string[]
  variables: string[]
  poller: LeasedPoller
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
      const lease = existing.poller.acquire(input.intervalSeconds * 1000, existing.id)
      return { subscriptionId: existing.id, leaseUntil: lease.until }
    }
    if (this.subs.size >= MAX_SUBSCRIPTIONS) {
      // the oldest view gives way: it is the one most likely closed without a goodbye
      const oldest = [...this.subs.values()].sort((a, b) => this.leaseUntil(a) - this.leaseUntil(b))[0]!
      this.stop(oldest.id)
    }
    const sub: Subscription = {
      id: '',
      sns: [...new Set(input.sns)],
      variables: [...new Set(input.variables)],
      poller: new LeasedPoller({
        clock: this.clock,
        leaseMs: LIVE_LEASE_MS,
        poll: (tick) => this.refresh(sub, tick),
        onExpired: () => this.log.info('foxess.liveLeaseExpired', { id: sub.id }),
        onIdle: () => this.subs.delete(sub.id),
      }),
    }
    // the subscription is its poller's only lease, and shares its id
    sub.id = sub.poller.acquire(input.intervalSeconds * 1000).id
    this.subs.set(sub.id, sub)
    return { subscriptionId: sub.id, leaseUntil: this.leaseUntil(sub) }
  }

  stop(id: string): void {
    this.subs.get(id)?.poller.release(id)
    this.subs.delete(id)
  }

  stopAll(): void {
    for (const id of [...this.subs.keys()]) this.stop(id)
  }

  get count(): number {
    return this.subs.size
  }

  private leaseUntil(sub: Subscription): number {
    return sub.poller.lease(sub.id)?.until ?? 0
  }

  /** One v1 batch call for the subscription's inverters, pushed as one update (samples or the error). */
  private async refresh(sub: Subscription, { startedAt, intervalMs, signal }: PollTick): Promise<void> {
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
    if (!signal.aborted) this.emit({ subscriptionId: sub.id, samples, error, nextAt: startedAt + intervalMs })
  }
}

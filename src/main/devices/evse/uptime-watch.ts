/**
 * What every user of one charger sees of its restarts. The charger's only
 * sign of a restart is its uptime (TimeStamp) starting again, and whichever
 * read comes first after it is the one that sees that; so the sighting is
 * kept here, once per charger, counted and told to every listener, instead of
 * on the reading that happened to be first. A charger that stopped answering
 * (connection refused, cut off, timed out) and answers again is told too,
 * with whether its uptime shows a restart in between.
 */
import type { EvseChargerEvent } from '@shared/contract'
import type { Clock } from '../../core/clock'

/**
 * The uptime may lag the time between two reads by this much without counting
 * as a restart: the request's own latency on each end, and the two clocks'
 * drift (1 % of the interval covers a cheap crystal over hours).
 */
const SLACK_MS = 2000
const DRIFT = 0.01

export type ChargerListener = (event: EvseChargerEvent) => void

export class UptimeWatch {
  private lastUptimeMs: number | null = null
  private lastSeenAt = 0
  private away = false
  private restartCount = 0
  /** something at this address has answered: a failure since may be a restart, worth riding out */
  answered = false
  private readonly listeners = new Set<ChargerListener>()

  constructor(
    readonly host: string,
    private readonly clock: Clock,
  ) {}

  /** restarts seen so far: a caller keeps the number before it acts and compares after */
  get restarts(): number {
    return this.restartCount
  }

  /** true while the charger's last read failed after it had answered */
  get gone(): boolean {
    return this.away
  }

  listen(listener: ChargerListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /**
   * Notes an uptime that came in an answer to a request sent at `askedAt`;
   * true when it shows a restart since the previous one: the uptime went back,
   * or grew by less than the time between the previous answer and this
   * request (the charger wrote each uptime somewhere in between its request
   * and its answer, so that much time had surely passed).
   */
  observe(uptimeMs: number | null, askedAt: number = this.clock.now()): boolean {
    if (uptimeMs === null) return false
    const now = this.clock.now()
    const previous = this.lastUptimeMs
    const elapsed = Math.max(0, askedAt - this.lastSeenAt)
    const restarted = previous !== null && (uptimeMs < previous || uptimeMs < previous + elapsed - SLACK_MS - elapsed * DRIFT)
    this.lastUptimeMs = uptimeMs
    this.lastSeenAt = now
    const wasAway = this.away
    this.away = false
    if (restarted) this.restartCount++
    if (wasAway) this.tell({ host: this.host, at: now, kind: 'back', restarted, uptimeMs, previousUptimeMs: previous })
    else if (restarted) this.tell({ host: this.host, at: now, kind: 'restarted', restarted, uptimeMs, previousUptimeMs: previous })
    return restarted
  }

  /** A read failed without an answer from a charger that had answered before. */
  lost(): void {
    if (this.away || this.lastUptimeMs === null) return
    this.away = true
    this.tell({ host: this.host, at: this.clock.now(), kind: 'away', restarted: false, uptimeMs: null, previousUptimeMs: this.lastUptimeMs })
  }

  private tell(event: EvseChargerEvent): void {
    for (const listener of this.listeners) listener(event)
  }
}

/**
 * The PSP EVSE v1.0 WebAPI over the shared HTTP transport: one request at a
 * time per charger, a timeout on every call, reads retried long enough to
 * ride out a restart (within a bound, and not at all for an address that has
 * never answered) and writes never. Every answer goes through the pure
 * parsers; an answer they cannot use is `evseBadAnswer`. The charger's uptime
 * (TimeStamp) is watched on every read by the charger's one `UptimeWatch`,
 * shared by every client of that charger (`withTap`), so a restart is seen
 * once and told to every user, whichever read came first.
 */
import { AppError } from '@shared/contract'
import { type EvseInfo, type EvseStatus, type Parsed, parseInfo, parseStatus } from '@shared/devices/evse/answers'
import { type EvseConfig, type EvseConfigAnswer, parseConfig } from '@shared/devices/evse/config'
import { type MeterReading, parseMeter } from '@shared/devices/evse/meter'
import { isObject } from '@shared/devices/evse/read'
import { type ExchangeTap, HttpClient, type HostQueue, isHttpError, isTransient, type RetryPolicy } from '../../transport/http'
import type { Clock } from '../../core/clock'
import { chargerError } from './errors'
import { type ChargerListener, UptimeWatch } from './uptime-watch'

export type EvseEndpoint = 'Status' | 'EvseCtrl' | 'Meter1' | 'Meter2' | 'SystemConfig' | 'SystemInfo'

export interface EvseClientOptions {
  /** the charger's address, "192.168.0.17" or "host:port" */
  host: string
  clock: Clock
  /** per attempt; default 5 s (the charger answers in well under a second) */
  timeoutMs?: number
  /** for reads; the default rides out a restart of several seconds (1 + 2 + 4 s of backoff) */
  retry?: Partial<RetryPolicy>
  /** the most a read may take with its retries, attempts and backoff together; default 15 s */
  readBudgetMs?: number
  tap?: ExchangeTap
  queue?: HostQueue
}

/** A reading with what the client saw of the charger's uptime. */
export type Read<T> = T & {
  /** this read is the first to show a restart since the charger's previous read, by any client of it */
  restarted: boolean
}

/** the largest answer a charger sends is a meter map of a few kilobytes */
const MAX_ANSWER_BYTES = 64 * 1024

/**
 * A read's retries end where another attempt could finish past this: a charger
 * that restarts refuses connections for a few seconds and fits, one that stops
 * answering is reported after two timeouts instead of four (27 s with 5 s each).
 */
export const READ_BUDGET_MS = 15_000

export class EvseClient {
  readonly host: string
  private readonly http: HttpClient
  private readonly clock: Clock
  private readonly timeoutMs: number
  private readonly retry: RetryPolicy
  private readonly readBudgetMs: number
  /** the charger's uptime and presence, shared with every client made by `withTap` */
  readonly watch: UptimeWatch

  constructor(
    private readonly options: EvseClientOptions,
    watch?: UptimeWatch,
  ) {
    this.host = options.host
    this.watch = watch ?? new UptimeWatch(options.host, options.clock)
    this.clock = options.clock
    this.timeoutMs = options.timeoutMs ?? 5000
    this.retry = { retries: 3, backoffMs: 1000, backoffMaxMs: 4000, ...options.retry }
    this.readBudgetMs = options.readBudgetMs ?? READ_BUDGET_MS
    this.http = new HttpClient({
      clock: options.clock,
      timeoutMs: this.timeoutMs,
      maxBodyBytes: MAX_ANSWER_BYTES,
      // reads are retried here, where the ladder knows whether the charger was ever there
      retry: { retries: 0 },
      tap: options.tap,
      queue: options.queue,
    })
  }

  /** The same charger, its exchanges also given to `tap` (a job's record): one uptime watch for both. */
  withTap(tap: ExchangeTap): EvseClient {
    const own = this.options.tap
    return new EvseClient({ ...this.options, tap: own ? (x) => (own(x), tap(x)) : tap }, this.watch)
  }

  /** Restarts and comings and goings of this charger, whoever's read saw them. */
  onCharger(listener: ChargerListener): () => void {
    return this.watch.listen(listener)
  }

  /** Restarts seen so far: taken before an action, compared after, whichever user's read saw it. */
  get restarts(): number {
    return this.watch.restarts
  }

  private url(endpoint: EvseEndpoint): string {
    return `http://${this.host}/webapi/v1/${endpoint}`
  }

  async status(signal?: AbortSignal): Promise<Read<EvseStatus>> {
    return this.read('Status', parseStatus, signal)
  }

  async info(signal?: AbortSignal): Promise<Read<EvseInfo>> {
    return this.read('SystemInfo', parseInfo, signal)
  }

  async config(signal?: AbortSignal): Promise<Read<EvseConfigAnswer>> {
    return this.read('SystemConfig', parseConfig, signal)
  }

  async meter(meter: 1 | 2, signal?: AbortSignal): Promise<Read<MeterReading>> {
    return this.read(`Meter${meter}`, (body) => parseMeter(body, meter), signal)
  }

  /** POST EvseCtrl, sent once whatever happens (a toggle sent twice undoes itself). */
  control(body: { ChargeStartToggle?: true; ChargeBoostToggle?: true; EVSEPowerAvailable?: number }, signal?: AbortSignal): Promise<Record<string, unknown>> {
    return this.write('EvseCtrl', body, signal)
  }

  /** POST SystemConfig, sent once; the caller reads back what was taken. */
  writeConfig(body: Partial<EvseConfig>, signal?: AbortSignal): Promise<Record<string, unknown>> {
    return this.write('SystemConfig', body, signal)
  }

  /** POST SystemInfo (service codes, firmware update), sent once. */
  postInfo(body: Record<string, unknown>, signal?: AbortSignal): Promise<Record<string, unknown>> {
    return this.write('SystemInfo', body, signal)
  }

  private async read<T extends { uptimeMs: number | null }>(endpoint: EvseEndpoint, parse: (body: unknown) => Parsed<T>, signal?: AbortSignal): Promise<Read<T>> {
    const { body, askedAt } = await this.get(endpoint, signal)
    const parsed = parse(body)
    if (!parsed.ok) throw new AppError('evseBadAnswer', { host: this.host, endpoint, fields: [...parsed.missing, ...parsed.problems].slice(0, 8).join(', ') || '—' })
    return { ...parsed.value, restarted: this.watch.observe(parsed.value.uptimeMs, askedAt) }
  }

  private async write(endpoint: EvseEndpoint, body: object, signal?: AbortSignal): Promise<Record<string, unknown>> {
    const answer = await this.call({ method: 'POST', url: this.url(endpoint), body, signal })
    // the document shows no answer for most writes: anything that is not an object counts as an empty one
    return isObject(answer) ? answer : {}
  }

  /**
   * A GET with the retry ladder (1, 2, 4 s on the clock) while it fits in the
   * read budget. An address that never answered this client fails at once: a
   * host that is not there is not restarting. A timeout counts as its full
   * length against the budget, whatever the clock did meanwhile.
   */
  private async get(endpoint: EvseEndpoint, signal?: AbortSignal): Promise<{ body: unknown; askedAt: number }> {
    let spentMs = 0
    for (let retry = 0; ; retry++) {
      const startedAt = this.clock.now()
      try {
        return { body: await this.call({ method: 'GET', url: this.url(endpoint), signal }), askedAt: startedAt }
      } catch (err) {
        const cause = err instanceof AppError && err.cause !== undefined ? err.cause : err
        spentMs += isHttpError(cause, 'httpTimeout') ? this.timeoutMs : this.clock.now() - startedAt
        const backoffMs = Math.min(this.retry.backoffMaxMs, this.retry.backoffMs * 2 ** retry)
        const fits = spentMs + backoffMs + this.timeoutMs <= this.readBudgetMs
        const last = !this.watch.answered || retry >= this.retry.retries || !isTransient(cause) || !fits || signal?.aborted
        if (last && !signal?.aborted && isHttpError(cause, 'httpUnreachable', 'httpTimeout', 'httpCutOff')) this.watch.lost()
        if (last) throw err
        await this.clock.sleep(backoffMs, signal)
        spentMs += backoffMs
      }
    }
  }

  private async call(call: { method: 'GET' | 'POST'; url: string; body?: object; signal?: AbortSignal }): Promise<unknown> {
    try {
      const answer = await this.http.json(call)
      this.watch.answered = true
      return answer
    } catch (err) {
      // an HTTP error, a cut-off or a foreign answer still came from something at the address
      if (isHttpError(err) && err.code !== 'httpUnreachable' && err.code !== 'httpTimeout') this.watch.answered = true
      throw chargerError(err, this.host)
    }
  }
}

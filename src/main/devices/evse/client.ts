/**
 * The PSP EVSE v1.0 WebAPI over the shared HTTP transport: one request at a
 * time per charger, a timeout on every call, reads retried long enough to
 * ride out a restart (within a bound, and not at all for an address that has
 * never answered) and writes never. Every answer goes through the pure
 * parsers; an answer they cannot use is `evseBadAnswer`. The charger's uptime
 * (TimeStamp) is watched on every read: when it goes back, the charger has
 * restarted since the last read and the reading says so.
 */
import { AppError } from '@shared/contract'
import { type EvseInfo, type EvseStatus, type Parsed, parseInfo, parseStatus } from '@shared/devices/evse/answers'
import { type EvseConfig, type EvseConfigAnswer, parseConfig } from '@shared/devices/evse/config'
import { type MeterReading, parseMeter } from '@shared/devices/evse/meter'
import { isObject } from '@shared/devices/evse/read'
import { type ExchangeTap, HttpClient, type HostQueue, isHttpError, isTransient, type RetryPolicy } from '../../transport/http'
import type { Clock } from '../../core/clock'
import { chargerError } from './errors'

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
  /** the charger's uptime went back since this client's previous read: it restarted in between */
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
  private lastUptimeMs: number | null = null
  /** something at this address has answered this client: a failure since may be a restart, worth riding out */
  private answered = false

  constructor(options: EvseClientOptions) {
    this.host = options.host
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

  /** Notes an uptime seen; true when it went back (the charger restarted since the last one). */
  observeUptime(uptimeMs: number | null): boolean {
    if (uptimeMs === null) return false
    const restarted = this.lastUptimeMs !== null && uptimeMs < this.lastUptimeMs
    this.lastUptimeMs = uptimeMs
    return restarted
  }

  private async read<T extends { uptimeMs: number | null }>(endpoint: EvseEndpoint, parse: (body: unknown) => Parsed<T>, signal?: AbortSignal): Promise<Read<T>> {
    const body = await this.get(endpoint, signal)
    const parsed = parse(body)
    if (!parsed.ok) throw new AppError('evseBadAnswer', { host: this.host, endpoint, fields: [...parsed.missing, ...parsed.problems].slice(0, 8).join(', ') || '—' })
    return { ...parsed.value, restarted: this.observeUptime(parsed.value.uptimeMs) }
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
  private async get(endpoint: EvseEndpoint, signal?: AbortSignal): Promise<unknown> {
    let spentMs = 0
    for (let retry = 0; ; retry++) {
      const startedAt = this.clock.now()
      try {
        return await this.call({ method: 'GET', url: this.url(endpoint), signal })
      } catch (err) {
        const cause = err instanceof AppError && err.cause !== undefined ? err.cause : err
        spentMs += isHttpError(cause, 'httpTimeout') ? this.timeoutMs : this.clock.now() - startedAt
        const backoffMs = Math.min(this.retry.backoffMaxMs, this.retry.backoffMs * 2 ** retry)
        const fits = spentMs + backoffMs + this.timeoutMs <= this.readBudgetMs
        if (!this.answered || retry >= this.retry.retries || !isTransient(cause) || !fits || signal?.aborted) throw err
        await this.clock.sleep(backoffMs, signal)
        spentMs += backoffMs
      }
    }
  }

  private async call(call: { method: 'GET' | 'POST'; url: string; body?: object; signal?: AbortSignal }): Promise<unknown> {
    try {
      const answer = await this.http.json(call)
      this.answered = true
      return answer
    } catch (err) {
      // an HTTP error, a cut-off or a foreign answer still came from something at the address
      if (isHttpError(err) && err.code !== 'httpUnreachable' && err.code !== 'httpTimeout') this.answered = true
      throw chargerError(err, this.host)
    }
  }
}

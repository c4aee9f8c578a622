/**
 * The HTTP client every device module uses: one request at a time per host,
 * a timeout on every attempt, the answer's size capped, reads retried with
 * backoff on the injected clock and writes never, and each attempt handed to
 * the taps (the client's and the call's) as a RecordedExchange.
 */
import { AppError } from '@shared/contract'
import type { Clock } from '../../core/clock'
import { parseJson } from './body'
import { httpNotJson, httpStatus } from './errors'
import { type ExchangeTap, exchangeRedactor, type RecordedExchange, redactBody, redactUrl } from './exchange'
import { type HostQueue, sharedHostQueue } from './host-queue'
import { defaultRetryPolicy, isIdempotent, type RetryPolicy, withRetries } from './retry'
import { type HttpAnswer, type HttpMethod, hostOf, httpRequest } from './request'

export interface HttpClientOptions {
  clock: Clock
  /** per attempt; default 10 s */
  timeoutMs?: number
  /** the largest answer read; default 1 MiB */
  maxBodyBytes?: number
  retry?: Partial<RetryPolicy>
  /** one request at a time per host:port (default); off for a cloud service that takes many at once */
  oneAtATimePerHost?: boolean
  queue?: HostQueue
  /**
   * Keep connections open between requests (a cloud service behind TLS). Off by
   * default: a small web server closes idle connections without warning, and a
   * write sent on one it already closed would fail as if cut off.
   */
  keepAlive?: boolean
  /** sent with every request */
  headers?: Record<string, string>
  /** secret values (keys, tokens, passwords) masked wherever they would appear in a record */
  secrets?: () => readonly string[]
  tap?: ExchangeTap
}

export interface HttpCall {
  method: HttpMethod
  url: string
  headers?: Record<string, string>
  /** a string is sent as is; anything else as JSON */
  body?: unknown
  /** overrides the method's default (GET and HEAD may be retried, the rest never) */
  idempotent?: boolean
  signal?: AbortSignal
  tap?: ExchangeTap
  timeoutMs?: number
}

/**
 * Reads an answer inside the attempt: what it throws is the attempt's error
 * (in the record too), and it may note the device's own code on the record.
 */
export type AnswerReader<T> = (answer: HttpAnswer, record: RecordedExchange) => T

export class HttpClient {
  private readonly timeoutMs: number
  private readonly maxBodyBytes: number
  private readonly policy: RetryPolicy
  private readonly queue: HostQueue | null

  constructor(private readonly options: HttpClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000
    this.maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024
    this.policy = { ...defaultRetryPolicy, ...options.retry }
    this.queue = options.oneAtATimePerHost === false ? null : (options.queue ?? sharedHostQueue)
  }

  /** The answer whatever its status; fails only when no whole answer came. */
  request(call: HttpCall): Promise<HttpAnswer> {
    return this.exchange(call, (answer) => answer)
  }

  /** The answer's JSON: an HTTP error status or an answer that is not JSON fails. */
  json(call: HttpCall): Promise<unknown> {
    return this.exchange(call, (answer) => {
      const { host } = hostOf(call.url)
      if (answer.status >= 400) throw httpStatus(host, answer.status)
      const json = parseJson(answer.text)
      if (json === undefined) throw httpNotJson(host)
      return json
    })
  }

  /** One request, read by `read` inside each attempt, retried as the method allows. */
  async exchange<T>(call: HttpCall, read: AnswerReader<T>): Promise<T> {
    const { key } = hostOf(call.url)
    const idempotent = isIdempotent(call.method, call.idempotent)
    return withRetries({ policy: this.policy, idempotent, clock: this.options.clock, signal: call.signal }, (attempt) =>
      this.queue ? this.queue.run(key, () => this.attempt(call, read, attempt), call.signal) : this.attempt(call, read, attempt),
    )
  }

  private async attempt<T>(call: HttpCall, read: AnswerReader<T>, attempt: number): Promise<T> {
    const { clock } = this.options
    const body = call.body === undefined ? undefined : typeof call.body === 'string' ? call.body : JSON.stringify(call.body)
    const headers = { ...(this.options.keepAlive ? {} : { connection: 'close' }), ...this.options.headers, ...(body !== undefined && typeof call.body !== 'string' ? { 'Content-Type': 'application/json' } : {}), ...call.headers }
    const startedAt = clock.now()
    const record: RecordedExchange = { method: call.method, url: call.url, status: null, startedAt, durationMs: 0, request: body ?? null, response: '', error: null, attempt, deviceCode: null }
    try {
      const answer = await httpRequest({ method: call.method, url: call.url, headers, body, timeoutMs: call.timeoutMs ?? this.timeoutMs, maxBodyBytes: this.maxBodyBytes, signal: call.signal })
      record.status = answer.status
      record.response = answer.text
      return read(answer, record)
    } catch (err) {
      record.error = err instanceof AppError ? err.code : err instanceof Error ? err.message : String(err)
      throw err
    } finally {
      record.durationMs = clock.now() - startedAt
      this.publish(record, call.tap)
    }
  }

  private publish(record: RecordedExchange, callTap?: ExchangeTap): void {
    const taps = [this.options.tap, callTap].filter((t): t is ExchangeTap => Boolean(t))
    if (!taps.length) return
    const redactor = exchangeRedactor(this.options.secrets?.() ?? [])
    const safe: RecordedExchange = {
      ...record,
      url: redactUrl(record.url, redactor),
      request: record.request === null ? null : redactBody(record.request, redactor),
      response: redactBody(record.response, redactor),
      error: record.error === null ? null : redactor.text(record.error),
    }
    for (const tap of taps) tap(safe)
  }
}

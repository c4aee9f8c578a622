/**
 * What every open API call goes through: signed as the document's Python
 * sample signs it, paced (pacer.ts), counted, timed out on the shared HTTP
 * transport, and its answer's errno mapped to an error that says whose
 * problem it is. Reads are retried after a rate limit with the pacer's
 * backoff; writes never are — the caller reads back to see what happened.
 */
import type { z } from 'zod'
import { AppError } from '@shared/contract'
import { hasErrors, type validatePage } from '@shared/devices/foxess/validation'
import type { Logger } from '../../log/logger'
import { parseAnswerJson } from '@shared/devices/untrusted'
import { type HttpAnswer, type RecordedExchange } from '../../transport/http'
import type { Clock } from '../../core/clock'
import { type CallContext, cloudFailure, cloudTransport, foxTap } from './cloud-http'
import { ERRNO, errnoError } from './errno'
import type { CallPacer, Gate } from './pacer'
import * as P from './parse'
import { sign } from './signature'

export interface FoxCredentials {
  baseUrl: string
  apiKey: string
}

export interface FoxClientState {
  coolDownUntil: number | null
  budgetExhausted: boolean
}

export interface FoxClientOptions {
  clock: Clock
  pacer: CallPacer
  credentials: () => Promise<FoxCredentials>
  userAgent: string
  /** the `lang` header: en, zh_CN, … */
  lang?: () => string
  timeoutMs?: number
  /** how many times a read is tried again after 40400 (each after the pacer's backoff) */
  readRetries?: number
  /** counts every call the app makes, before it leaves */
  onCall?: (path: string) => void
  onState?: (state: FoxClientState) => void
  log?: Logger
}

export interface PagedList<T> {
  currentPage: number
  pageSize: number
  total: number
  data: T[]
}

type Method = 'GET' | 'POST'

export interface Spec<T> {
  method: Method
  path: string
  query?: Record<string, string>
  body?: unknown
  /** a setting write: paced per device, never retried */
  writeSn?: string
  schema: z.ZodType<T, unknown>
}

const MAX_PAGES = 50

/** Local calendar day of an instant: the budget block lifts when it changes. */
const dayOf = (ms: number) => new Date(ms).toDateString()

export abstract class FoxCloudCaller {
  /** the day the cloud said the budget was spent, or null */
  private budgetSpentOn: string | null = null
  private readonly readRetries: number
  private readonly http
  /** the key last signed with, masked wherever it would reach a record */
  private key: string | null = null

  constructor(protected readonly options: FoxClientOptions) {
    this.readRetries = options.readRetries ?? 2
    this.http = cloudTransport(options.clock, options.timeoutMs ?? 30_000, () => this.key)
  }

  state(): FoxClientState {
    return { coolDownUntil: this.options.pacer.coolingUntil(), budgetExhausted: this.budgetBlocked() }
  }

  /** To check again by hand: calls may go out again (the block also lifts by itself when the day changes). */
  clearBudgetBlock(): void {
    if (this.budgetSpentOn === null) return
    this.budgetSpentOn = null
    this.options.onState?.(this.state())
  }

  private budgetBlocked(): boolean {
    if (this.budgetSpentOn !== null && this.budgetSpentOn !== dayOf(this.options.clock.now())) this.budgetSpentOn = null
    return this.budgetSpentOn !== null
  }

  protected check(issues: ReturnType<typeof validatePage>): void {
    if (hasErrors(issues)) {
      const first = issues.find((i) => i.severity === 'error')!
      throw new AppError('foxessInvalidSetting', { field: first.field, reason: first.code, ...first.params })
    }
  }

  protected async allPages<T>(page: (n: number) => Promise<PagedList<T>>): Promise<T[]> {
    const out: T[] = []
    for (let n = 1; n <= MAX_PAGES; n++) {
      const answer = await page(n)
      out.push(...answer.data)
      if (answer.data.length === 0 || out.length >= answer.total) break
    }
    return out
  }

  protected async call<T>(spec: Spec<T>, ctx: CallContext = {}): Promise<T> {
    const { pacer } = this.options
    const gates: Gate[] = [pacer.pathGate(spec.path)]
    if (spec.writeSn) gates.push(pacer.writeGate(spec.writeSn))
    const retries = spec.writeSn ? 0 : this.readRetries
    for (let attempt = 0; ; attempt++) {
      if (this.budgetBlocked()) throw new AppError('foxessBudgetExhausted', { errno: ERRNO.budget })
      try {
        const result = await pacer.run(gates, () => this.once(spec, ctx), ctx.signal)
        pacer.succeeded()
        return result
      } catch (err) {
        if (!(err instanceof AppError)) throw err
        if (err.code === 'foxessRateLimited') {
          const delay = pacer.rateLimited()
          this.options.onState?.(this.state())
          this.options.log?.warn('foxess.rateLimited', { path: spec.path, attempt, waitMs: delay })
          if (attempt < retries) continue
          throw new AppError('foxessRateLimited', { ...err.params, seconds: Math.ceil(delay / 1000) })
        }
        if (err.code === 'foxessBudgetExhausted') {
          this.budgetSpentOn = dayOf(this.options.clock.now())
          this.options.onState?.(this.state())
        }
        throw err
      }
    }
  }

  /** One signed request and its answer. */
  private async once<T>(spec: Spec<T>, ctx: CallContext): Promise<T> {
    const creds = await this.options.credentials()
    this.key = creds.apiKey
    const timestamp = this.options.clock.now()
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      token: creds.apiKey,
      timestamp: String(timestamp),
      signature: sign(spec.path, creds.apiKey, timestamp),
      lang: this.options.lang?.() ?? 'en',
      'User-Agent': this.options.userAgent,
    }
    const query = spec.query && Object.keys(spec.query).length ? spec.query : null
    const url = `${creds.baseUrl}${spec.path}${query ? `?${new URLSearchParams(query).toString()}` : ''}`
    const body = spec.method === 'POST' ? (spec.body ?? {}) : null
    this.options.onCall?.(spec.path)
    try {
      return await this.http.exchange(
        { method: spec.method, url, headers, body: body === null ? undefined : JSON.stringify(body), signal: ctx.signal, tap: foxTap(ctx, spec.method, spec.path, query, body) },
        (answer, record) => this.read(spec, answer, record),
      )
    } catch (err) {
      throw cloudFailure(err, spec.path)
    }
  }

  /** The errno decides, whatever the HTTP status says; then the result must match the endpoint's schema. */
  private read<T>(spec: Spec<T>, answer: HttpAnswer, record: RecordedExchange): T {
    const decoded = parseAnswerJson(answer.text)
    const json = (decoded.ok ? decoded.value : null) as { errno?: unknown; msg?: unknown; result?: unknown } | null
    const errno = json && typeof json === 'object' && typeof json.errno === 'number' ? json.errno : null
    record.deviceCode = errno
    if (errno !== null && errno !== 0) throw errnoError(errno, typeof json?.msg === 'string' ? json.msg : null)
    if (errno === null) {
      if (answer.status >= 400) throw new AppError('foxessServiceError', { status: answer.status })
      throw new AppError('foxessBadAnswer', { endpoint: spec.path })
    }
    const parsed = spec.schema.safeParse(json!.result)
    if (!parsed.success) {
      this.options.log?.warn('foxess.badAnswer', { path: spec.path, issue: parsed.error.issues[0]?.message ?? '' })
      throw P.answerRefused(spec.path, parsed.error)
    }
    return parsed.data
  }
}

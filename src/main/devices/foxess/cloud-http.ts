/**
 * The Fox ESS clients on the shared HTTP transport: how a call's exchange
 * reaches a job's record (FoxExchange: the cloud's path, query and errno),
 * and the transport's failures worded for the cloud (its messages name Fox's
 * service and this computer's internet connection, not a device on the LAN).
 */
import { AppError } from '@shared/contract'
import { type ExchangeTap, HttpClient, isHttpError } from '../../transport/http'
import type { Clock } from '../../core/clock'

/** One request and its answer, for the job record (headers, and so the key, are never in it). */
export interface FoxExchange {
  method: 'GET' | 'POST'
  path: string
  query: Record<string, string> | null
  body: unknown
  status: number | null
  answer: string
  errno: number | null
  startedAt: number
  durationMs: number
  error: string | null
}

export interface CallContext {
  signal?: AbortSignal
  /** sees every exchange of this call (retries included) */
  tap?: (exchange: FoxExchange) => void
}

/** a history or list answer can be long; anything past this is not the cloud's JSON */
const MAX_ANSWER_BYTES = 8 * 1024 * 1024

/**
 * A transport for a Fox cloud API. The cloud takes many requests at once
 * (pacing per path is the pacer's job), and nothing is retried here: every
 * call counts against the account's daily budget, and the client retries a
 * read only after the cloud's own "too frequent".
 */
export function cloudTransport(clock: Clock, timeoutMs: number, secret: () => string | null): HttpClient {
  return new HttpClient({
    clock,
    timeoutMs,
    maxBodyBytes: MAX_ANSWER_BYTES,
    retry: { retries: 0 },
    oneAtATimePerHost: false,
    keepAlive: true,
    secrets: () => {
      const s = secret()
      return s ? [s] : []
    },
  })
}

/** The call's tap, fed the transport's record as a FoxExchange. */
export function foxTap(ctx: CallContext, method: 'GET' | 'POST', path: string, query: Record<string, string> | null, body: unknown): ExchangeTap | undefined {
  const tap = ctx.tap
  if (!tap) return undefined
  return (x) =>
    tap({ method, path, query, body, status: x.status, answer: x.response, errno: x.deviceCode, startedAt: x.startedAt, durationMs: x.durationMs, error: x.error })
}

/** A transport failure in the cloud's terms; the cloud's own errors pass through. */
export function cloudFailure(err: unknown, endpoint: string): unknown {
  if (!isHttpError(err)) return err
  switch (err.code) {
    case 'httpTimeout':
      return new AppError('foxessTimeout', { seconds: err.params.seconds ?? 0 }, { cause: err })
    case 'httpStatus':
      return new AppError('foxessServiceError', { status: err.params.status ?? 0 }, { cause: err })
    case 'httpNotJson':
    case 'httpTooLarge':
      return new AppError('foxessBadAnswer', { endpoint }, { cause: err })
    default:
      return new AppError('foxessUnreachable', { host: err.params.host ?? '' }, { cause: err })
  }
}

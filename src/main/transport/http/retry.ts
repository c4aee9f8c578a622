/**
 * Reads may be tried again, writes never: a write whose answer was lost may
 * have been carried out, so sending it again could do it twice (a toggle
 * would undo itself). The method decides unless the caller says otherwise.
 */
import type { Clock } from '../../core/clock'
import { isHttpError } from './errors'
import type { HttpMethod } from './request'

export interface RetryPolicy {
  /** further attempts after the first, for idempotent requests only */
  retries: number
  /** wait before the first retry; doubles with each further one */
  backoffMs: number
  backoffMaxMs: number
}

export const defaultRetryPolicy: RetryPolicy = { retries: 2, backoffMs: 500, backoffMaxMs: 8000 }

export function isIdempotent(method: HttpMethod, explicit?: boolean): boolean {
  return explicit ?? (method === 'GET' || method === 'HEAD')
}

/** Failures another attempt may cure: nobody answered, too slow, cut off, or a gateway or overload status. */
export function isTransient(err: unknown): boolean {
  if (isHttpError(err, 'httpUnreachable', 'httpTimeout', 'httpCutOff')) return true
  return isHttpError(err, 'httpStatus') && [429, 502, 503, 504].includes(Number(err.params.status))
}

export function backoffDelay(policy: RetryPolicy, retry: number): number {
  return Math.min(policy.backoffMaxMs, policy.backoffMs * 2 ** retry)
}

/** Runs `attempt` until it succeeds, the failure is not transient, the request is not idempotent, or the retries are spent; waits on the clock. */
export async function withRetries<T>(
  opts: { policy: RetryPolicy; idempotent: boolean; clock: Clock; signal?: AbortSignal },
  attempt: (n: number) => Promise<T>,
): Promise<T> {
  const allowed = opts.idempotent ? opts.policy.retries : 0
  for (let n = 0; ; n++) {
    try {
      return await attempt(n)
    } catch (err) {
      if (n >= allowed || !isTransient(err) || opts.signal?.aborted) throw err
      await opts.clock.sleep(backoffDelay(opts.policy, n), opts.signal)
    }
  }
}

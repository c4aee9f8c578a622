/**
 * One HTTP exchange with a timeout (AbortSignal.timeout) and the caller's
 * cancel, its answer read as text, failures as AppErrors that say whose
 * problem they are (this computer's connection, or the service's slowness).
 */
import { AppError } from '@shared/contract'

export interface HttpAnswer {
  status: number
  text: string
}

export interface HttpRequest {
  method: 'GET' | 'POST'
  url: string
  headers: Record<string, string>
  body?: string
  timeoutMs: number
  signal?: AbortSignal
}

/** answers longer than this are cut (a misrouted request can return a whole web page) */
const MAX_ANSWER_CHARS = 8 * 1024 * 1024

export async function httpExchange(req: HttpRequest): Promise<HttpAnswer> {
  const timeout = AbortSignal.timeout(req.timeoutMs)
  const signal = req.signal ? AbortSignal.any([timeout, req.signal]) : timeout
  let host: string
  try {
    host = new URL(req.url).host
  } catch {
    throw new AppError('foxessUnreachable', { host: req.url.slice(0, 80) })
  }
  try {
    const res = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body, signal, redirect: 'error' })
    const text = await res.text()
    return { status: res.status, text: text.length > MAX_ANSWER_CHARS ? text.slice(0, MAX_ANSWER_CHARS) : text }
  } catch (err) {
    if (req.signal?.aborted) throw req.signal.reason instanceof Error ? req.signal.reason : new AppError('jobNotRunning', { reason: 'cancelled' })
    if (timeout.aborted) throw new AppError('foxessTimeout', { seconds: Math.round(req.timeoutMs / 1000) }, { cause: err })
    throw new AppError('foxessUnreachable', { host }, { cause: err })
  }
}

/** JSON of an answer, or null when it is not JSON (an HTML error page, a truncated body). */
export function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return null
  }
}

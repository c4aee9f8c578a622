/**
 * One HTTP exchange: a timeout (AbortSignal.timeout) combined with the
 * caller's cancel, the answer's body capped while it streams, and failures as
 * device-neutral AppErrors (errors.ts). No retries and no queueing here: that
 * is the client's job (client.ts).
 */
import { readCapped } from './body'
import { cancelled, classifyFailure, httpTimeout, httpUnreachable } from './errors'

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface HttpRequest {
  method: HttpMethod
  url: string
  headers?: Record<string, string>
  body?: string
  timeoutMs: number
  maxBodyBytes: number
  signal?: AbortSignal
}

export interface HttpAnswer {
  status: number
  headers: Headers
  text: string
  bytes: number
}

/** `host:port` of a URL, the port filled in, for messages and the per-host queue; throws httpUnreachable for what is not an http(s) URL. */
export function hostOf(url: string): { url: URL; host: string; key: string } {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw httpUnreachable(url.slice(0, 80))
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw httpUnreachable(url.slice(0, 80))
  const port = parsed.port || (parsed.protocol === 'https:' ? '443' : '80')
  return { url: parsed, host: parsed.host, key: `${parsed.hostname}:${port}` }
}

export async function httpRequest(req: HttpRequest): Promise<HttpAnswer> {
  const { url, host } = hostOf(req.url)
  const timeout = AbortSignal.timeout(req.timeoutMs)
  const cap = new AbortController()
  const signal = AbortSignal.any(req.signal ? [timeout, cap.signal, req.signal] : [timeout, cap.signal])
  let answerStarted = false
  try {
    const res = await fetch(url, { method: req.method, headers: req.headers, body: req.body, signal, redirect: 'error' })
    answerStarted = true
    const { text, bytes } = await readCapped(res, host, req.maxBodyBytes, () => cap.abort())
    return { status: res.status, headers: res.headers, text, bytes }
  } catch (err) {
    if (req.signal?.aborted) throw cancelled(req.signal)
    if (timeout.aborted) throw httpTimeout(host, req.timeoutMs, err)
    if (cap.signal.aborted) throw err
    throw classifyFailure(err, host, answerStarted)
  }
}

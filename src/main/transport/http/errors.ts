/**
 * Failures of an HTTP exchange in device-neutral terms, so each message can
 * say what the installer should check: an address nobody answers on, a device
 * too slow to answer, an HTTP error, an answer that is not JSON or far too
 * long, and a connection dropped mid-answer (a device restarting under us).
 */
import { AppError } from '@shared/contract'

export type HttpErrorCode = 'httpUnreachable' | 'httpTimeout' | 'httpStatus' | 'httpNotJson' | 'httpTooLarge' | 'httpCutOff'

/** socket errors that mean nothing answered at that address */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EADDRNOTAVAIL', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT'])
/** socket errors that mean the other side was there and went away */
const CUT_OFF = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED'])

export const httpUnreachable = (host: string, cause?: unknown) => new AppError('httpUnreachable', { host }, { cause })
export const httpTimeout = (host: string, timeoutMs: number, cause?: unknown) => new AppError('httpTimeout', { host, seconds: Math.round(timeoutMs / 1000) }, { cause })
export const httpStatus = (host: string, status: number) => new AppError('httpStatus', { host, status })
export const httpNotJson = (host: string) => new AppError('httpNotJson', { host })
export const httpTooLarge = (host: string, maxBytes: number) => new AppError('httpTooLarge', { host, kilobytes: Math.ceil(maxBytes / 1024) })
export const httpCutOff = (host: string, cause?: unknown) => new AppError('httpCutOff', { host }, { cause })

export function isHttpError(err: unknown, ...codes: HttpErrorCode[]): err is AppError {
  return err instanceof AppError && (codes.length ? (codes as string[]).includes(err.code) : err.code.startsWith('http'))
}

/** The socket-level code somewhere in a fetch error's cause chain. */
function socketCode(err: unknown): string | null {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string') return code
    e = (e as { cause?: unknown }).cause
  }
  return null
}

/**
 * A fetch failure in our terms. Before the answer's head arrived, anything but
 * a dropped connection means nobody answered; once the answer is under way,
 * any failure means it was cut off.
 */
export function classifyFailure(err: unknown, host: string, answerStarted: boolean): AppError {
  const code = socketCode(err)
  if (answerStarted) return httpCutOff(host, err)
  if (code && CUT_OFF.has(code)) return httpCutOff(host, err)
  if (code && UNREACHABLE.has(code)) return httpUnreachable(host, err)
  return httpUnreachable(host, err)
}

/** The caller's cancel as the error to throw (its own reason when it gave one). */
export function cancelled(signal: AbortSignal): Error {
  const reason: unknown = signal.reason
  return reason instanceof Error ? reason : new AppError('jobNotRunning', { reason: 'cancelled' })
}

/**
 * The open API puts its errors in the body's `errno`, whatever the HTTP
 * status. Each known one maps to an error code whose message says whose
 * problem it is. The document lists 40256, 40257 and 40400; the others are the
 * ones installers and integrators report from the field.
 */
import { AppError, type ErrorCode } from '@shared/contract'

export type ErrnoKind = 'key' | 'request' | 'rateLimit' | 'budget' | 'service' | 'offline' | 'scheduleActive'

export const FOX_ERRNO: Record<number, { kind: ErrnoKind; code: ErrorCode }> = {
  /** request headers missing or not as documented (includes a stale timestamp and a signature that does not verify) */
  40256: { kind: 'request', code: 'foxessRequestRejected' },
  /** request body parameters invalid */
  40257: { kind: 'request', code: 'foxessRequestRejected' },
  /** too frequent */
  40400: { kind: 'rateLimit', code: 'foxessRateLimited' },
  /** the account's daily budget of calls is spent */
  40402: { kind: 'budget', code: 'foxessBudgetExhausted' },
  /** API key wrong / expired / invalid */
  41807: { kind: 'key', code: 'foxessKeyRejected' },
  41808: { kind: 'key', code: 'foxessKeyRejected' },
  41809: { kind: 'key', code: 'foxessKeyRejected' },
  /** user permissions do not allow the operation: the key's account does not own the device */
  41811: { kind: 'key', code: 'foxessKeyRejected' },
  /** the service failed to call its own backend */
  41200: { kind: 'service', code: 'foxessServiceError' },
  /** the remote command reached no answer from the device */
  41203: { kind: 'offline', code: 'foxessDeviceOffline' },
  41935: { kind: 'offline', code: 'foxessDeviceOffline' },
  /** the device refuses settings the active work-mode schedule owns */
  44096: { kind: 'scheduleActive', code: 'foxessScheduleActive' },
}

export const ERRNO = {
  headers: 40256,
  body: 40257,
  tooFrequent: 40400,
  budget: 40402,
  keyUnknown: 41807,
  keyExpired: 41808,
  keyInvalid: 41809,
  service: 41200,
  offline: 41935,
  scheduleActive: 44096,
} as const

/** The AppError for a non-zero errno (unknown ones keep the number and the service's message). */
export function errnoError(errno: number, message: string | null, extra: Record<string, string | number> = {}): AppError {
  const known = FOX_ERRNO[errno]
  if (known) return new AppError(known.code, { errno, ...(known.code === 'foxessServiceError' ? { status: `errno ${errno}` } : {}), ...extra })
  return new AppError('foxessErrno', { errno, message: (message ?? '').slice(0, 200) || '—', ...extra })
}

export function errnoKind(errno: number): ErrnoKind | null {
  return FOX_ERRNO[errno]?.kind ?? null
}

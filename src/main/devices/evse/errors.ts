/**
 * The transport's failures in the charger's terms, so each message says what
 * an installer on site should check (the laptop's network, the charger's
 * access point, a charger that is restarting).
 */
import { AppError } from '@shared/contract'
import { noteWithParams } from '@shared/i18n/localize'
import { isHttpError } from '../../transport/http'

export function chargerError(err: unknown, host: string): unknown {
  if (!isHttpError(err)) return err
  switch (err.code) {
    case 'httpUnreachable':
      return new AppError('evseUnreachable', { host }, { cause: err })
    case 'httpTimeout':
      return new AppError('evseTimeout', { host, seconds: err.params.seconds ?? 0 }, { cause: err })
    case 'httpStatus':
      return new AppError('evseHttpError', { host, status: err.params.status ?? 0 }, { cause: err })
    case 'httpNotJson':
    case 'httpTooLarge':
      return new AppError('evseNotJson', { host }, { cause: err })
    case 'httpCutOff':
      return new AppError('evseCutOff', { host }, { cause: err })
    default:
      return err
  }
}

/** the error's code, for a result that records a failure without throwing it */
export function errorCode(err: unknown): string {
  return err instanceof AppError ? err.code : 'internal'
}

/** the error as a record's note: its code with the parameters its text names (the charger's address, the seconds waited) */
export function errorNote(err: unknown): string {
  return err instanceof AppError ? noteWithParams(err.code, err.params as Record<string, string | number | boolean>) : 'internal'
}

import { AppError, type ErrorCode, type Language, matchLanguage } from '@shared/contract'
import { appErrorText } from '@shared/i18n/errors'
import type { Translate } from '@shared/i18n/localize'
import { translatorFor } from '../report/i18n'
import { UsageError } from './options'

export { UsageError }

export const EXIT = { ok: 0, fail: 1, usage: 2, error: 3 } as const

/** A refusal because of the state of a device or of the data (exit 3), worded by the command. */
export class DataError extends Error {}

/**
 * Errors that say the input was wrong rather than the device or the data:
 * exit 2, like a usage error. Everything else the app raises is exit 3.
 */
const INPUT_ERRORS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'invalidInput',
  // the path given as --port names a file, a folder or /dev/null: the person picks another
  'portNotSerial',
  'recordClosed',
  'cabinetProfileNotJson',
  'cabinetProfileWrongFormat',
  'cabinetProfileInvalid',
  'cabinetProfileBand',
  'cabinetFrameInvalid',
  'cabinetFrameCrc',
  'foxessInvalidSetting',
  // --command names a byte the file reads nothing from
  'upsCaptureUnknownCommand',
])

/** The one place an error becomes an exit code. */
export function exitCodeFor(err: unknown): number {
  if (err instanceof UsageError) return EXIT.usage
  if (err instanceof AppError && INPUT_ERRORS.has(err.code)) return EXIT.usage
  return EXIT.error
}

/**
 * How a command's options reach the app's fields, so that a validation error
 * names the option the person typed; `explain` is the app's own wording for
 * that field's rule (the form shows it under the field).
 */
export type FieldMap = Record<string, { option: string; explain?: string }>

export interface Out {
  json: boolean
  t: Translate
  language: Language
  /** one result: an object as JSON, or lines for people */
  print(value: unknown, human: () => string): void
  /** one event of a stream (JSON lines in --json mode) */
  event(value: unknown, human: () => string): void
  /** prints the error in one line (a JSON object in --json mode) and gives its exit code */
  error(err: unknown, fields?: FieldMap): number
}

export function errorMessage(t: Translate, err: unknown, fields: FieldMap = {}): string {
  if (err instanceof UsageError || err instanceof DataError) return err.message
  if (!(err instanceof AppError)) return `${t('errors:internal')} ${err instanceof Error ? err.message : String(err)}`
  const field = typeof err.params.field === 'string' ? fields[err.params.field.split('.')[0]!] : undefined
  if (!field) return appErrorText(t, err)
  const message = t(`errors:${err.code}`, { ...err.params, field: `--${field.option}` })
  return field.explain && err.code === 'invalidInput' ? `${message} ${t(field.explain)}` : message
}

export async function createOut(json: boolean, lang?: string): Promise<Out> {
  const language = matchLanguage([lang ?? process.env.FIELDBENCH_LANG ?? process.env.LC_ALL ?? process.env.LANG ?? 'en'])
  const t = await translatorFor(language)
  return {
    json,
    t,
    language,
    print(value, human) {
      process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`)
    },
    event(value, human) {
      process.stdout.write(json ? `${JSON.stringify(value)}\n` : `${human()}\n`)
    },
    error(err, fields) {
      const code = exitCodeFor(err)
      const message = errorMessage(t, err, fields)
      if (json) {
        const payload = err instanceof AppError ? err.toPayload() : { code: err instanceof UsageError ? 'usage' : err instanceof DataError ? 'refused' : 'internal' }
        process.stdout.write(`${JSON.stringify({ error: payload, message })}\n`)
      } else {
        process.stderr.write(`${message}\n`)
      }
      return code
    },
  }
}

/** Pads columns for a plain-text table. */
export function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? []
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n')
}

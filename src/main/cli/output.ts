import { AppError, type Language, matchLanguage } from '@shared/contract'
import type { Translate } from '@shared/i18n/localize'
import { translatorFor } from '../report/i18n'

export const EXIT = { ok: 0, fail: 1, usage: 2, error: 3 } as const

export class UsageError extends Error {}

export interface Out {
  json: boolean
  t: Translate
  language: Language
  /** one result: an object as JSON, or lines for people */
  print(value: unknown, human: () => string): void
  /** one event of a stream (JSON lines in --json mode) */
  event(value: unknown, human: () => string): void
  error(err: unknown): number
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
    error(err) {
      if (err instanceof UsageError) {
        process.stderr.write(`${err.message}\n${t('cli:seeHelp')}\n`)
        return EXIT.usage
      }
      const payload = err instanceof AppError ? err.toPayload() : { code: 'internal' as const }
      const message = err instanceof AppError ? t(`errors:${err.code}`, { ...err.params }) : `${t('errors:internal')} ${err instanceof Error ? err.message : String(err)}`
      if (json) process.stdout.write(`${JSON.stringify({ error: payload, message })}\n`)
      else process.stderr.write(`${message}\n`)
      return EXIT.error
    },
  }
}

/** Pads columns for a plain-text table. */
export function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? []
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n')
}

/**
 * What a job keeps of an HTTP exchange: method, URL, status, timing and the
 * bodies, capped and with secrets masked (known secret values wherever they
 * appear, and any field, query parameter or user info that carries one).
 * Headers are never kept: that is where keys and tokens travel.
 */
import { AnswerTextLimits, clipDescriptive } from '@shared/devices/untrusted'
import { Redactor } from '../../log/redact'
import { parseJson } from './body'
import type { HttpMethod } from './request'

export interface RecordedExchange {
  method: HttpMethod
  /** without user info; secret query parameters masked */
  url: string
  /** null when no answer came */
  status: number | null
  startedAt: number
  durationMs: number
  request: string | null
  response: string
  /** the error code (AppError) or message this attempt ended with */
  error: string | null
  /** 0 for the first attempt, 1… for retries of a read */
  attempt: number
  /** the device's own status code in the answer (an errno, an error code), when it has one */
  deviceCode: number | null
}

/** Sees every attempt of a request, as soon as it is over. */
export type ExchangeTap = (exchange: RecordedExchange) => void

/** The response's line in a record: `HTTP 200 · 41 ms`, or the error in place of a status that never came. */
export function exchangeSummary(x: Pick<RecordedExchange, 'status' | 'error' | 'durationMs'>): string {
  return [x.status === null ? null : `HTTP ${x.status}`, x.error, `${x.durationMs} ms`].filter(Boolean).join(' · ')
}

export const RECORD_CHARS = AnswerTextLimits.recordedAnswer
/** bodies longer than this are masked as text only: parsing them for field names would cost more than the record is worth */
const PARSE_FOR_RECORD_MAX = 1024 * 1024

export function capText(text: string, max: number = RECORD_CHARS): string {
  return clipDescriptive(text, max)
}

export function exchangeRedactor(secrets: readonly string[]): Redactor {
  const redactor = new Redactor()
  for (const s of secrets) redactor.addSecret(s)
  return redactor
}

export function redactUrl(url: string, redactor: Redactor): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return redactor.text(url)
  }
  parsed.username = ''
  parsed.password = ''
  const masked = redactor.value(Object.fromEntries(parsed.searchParams))
  parsed.search = Object.keys(masked).length ? new URLSearchParams(masked).toString() : ''
  return redactor.text(parsed.toString())
}

export function redactBody(text: string, redactor: Redactor, max = RECORD_CHARS): string {
  if (text.length <= PARSE_FOR_RECORD_MAX) {
    const json = parseJson(text)
    if (json !== undefined && typeof json === 'object' && json !== null) return capText(JSON.stringify(redactor.value(json)), max)
  }
  return capText(redactor.text(text), max)
}

/**
 * Bounds on what a device or cloud answer may carry. Answers are untrusted
 * input: a field longer than any real device sends is a malformed answer and
 * is refused like one, never cut down and kept as if it were valid. Only text
 * that is purely descriptive (a service's error message, the copy of an
 * answer kept in a job's record) is cut, with an ellipsis that shows the cut.
 * Pure: main and renderer code both use it.
 */

/** Longest text each kind of field may hold, in UTF-16 units; each is many times what real devices send. */
export const AnswerTextLimits = {
  /** inverter, data-logger and meter serial numbers (Fox ESS's are 15–20 characters) */
  serial: 64,
  /** station IDs (a UUID), variable keys, language codes */
  id: 128,
  /** plant, person, city, country, variable and device-type names */
  name: 256,
  /** a fault's description */
  description: 1024,
  address: 512,
  email: 320,
  phone: 64,
  postcode: 32,
  unit: 32,
  version: 64,
  timeZone: 64,
  /** `2024-01-17 13:47:52.123 GMT+08:00 CST` and the like */
  time: 64,
  /** a number sent as text */
  numeric: 64,
  /** a setting's value or a live value sent as text */
  value: 256,
  /** any string in an answer the app keeps raw (the CT check's bodies) */
  raw: 256,
  /** descriptive: a service's error message, cut beyond this */
  message: 200,
  /** descriptive: the copy of an answer kept in a job's record, cut beyond this */
  recordedAnswer: 20_000,
} as const

/** Deeper than any answer a device sends; JSON.parse is slow on deep nesting and the result cannot be stored. */
export const ANSWER_MAX_DEPTH = 32
/** Values (of every depth) in an answer the app keeps raw. */
export const RAW_ANSWER_MAX_VALUES = 2_000

/** Descriptive text cut to `max` characters, the cut shown by an ellipsis. */
export function clipDescriptive(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

export type AnswerJson = { ok: true; value: unknown } | { ok: false; reason: 'notJson' | 'tooDeep' }

/**
 * An answer body's JSON. Its nesting is measured in one pass before
 * JSON.parse sees it, so a body of brackets is refused in milliseconds.
 */
export function parseAnswerJson(text: string, maxDepth = ANSWER_MAX_DEPTH): AnswerJson {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (inString) {
      if (code === 0x5c) i++
      else if (code === 0x22) inString = false
    } else if (code === 0x22) inString = true
    else if (code === 0x5b || code === 0x7b) {
      if (++depth > maxDepth) return { ok: false, reason: 'tooDeep' }
    } else if (code === 0x5d || code === 0x7d) depth--
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch {
    return { ok: false, reason: 'notJson' }
  }
}

export type RawAnswerProblem = { kind: 'tooLong'; field: string; max: number } | { kind: 'tooMany'; max: number }

/**
 * For an answer kept raw: the first key or string longer than `maxChars`
 * (named by its path, `meterCheckConfigVOS.0.phaseFlag`), or too many values
 * in all; null when it is within bounds. Iterative, so depth cannot overflow.
 */
export function rawAnswerProblem(value: unknown, maxChars: number = AnswerTextLimits.raw, maxValues = RAW_ANSWER_MAX_VALUES): RawAnswerProblem | null {
  const tooLong = (path: string): RawAnswerProblem => ({ kind: 'tooLong', field: clipDescriptive(path || '(body)', AnswerTextLimits.name), max: maxChars })
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }]
  let values = 1
  while (stack.length) {
    const next = stack.pop()!
    if (typeof next.value === 'string') {
      if (next.value.length > maxChars) return tooLong(next.path)
    } else if (next.value && typeof next.value === 'object') {
      for (const key in next.value) {
        if (!Object.hasOwn(next.value, key)) continue
        const path = next.path ? `${next.path}.${key}` : key
        if (key.length > maxChars) return tooLong(path)
        if (++values > maxValues) return { kind: 'tooMany', max: maxValues }
        stack.push({ value: (next.value as Record<string, unknown>)[key], path })
      }
    }
  }
  return null
}

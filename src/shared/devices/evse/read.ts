/**
 * Readers for single fields of an untrusted charger answer: each returns the
 * value or null and notes the field as a problem when it is there but
 * unusable. Lenient where firmware plausibly differs (a number sent as text,
 * a flag sent as 0/1), strict on length: a string longer than any real
 * charger sends is refused, not cut. Pure.
 */
import { AnswerTextLimits } from '../untrusted'

export type Json = Record<string, unknown>

export class FieldReader {
  /** fields present but unusable (wrong type, too long, out of range) */
  readonly problems: string[] = []
  /** fields absent */
  readonly missing: string[] = []

  constructor(readonly body: Json) {}

  /** the first of `keys` present in the body (the document spells some fields two ways) */
  private pick(keys: readonly string[]): { key: string; value: unknown } | null {
    for (const key of keys) if (Object.hasOwn(this.body, key)) return { key, value: this.body[key] }
    return null
  }

  number(...keys: string[]): number | null {
    const found = this.pick(keys)
    if (!found) return this.absent(keys[0]!)
    const n = toNumber(found.value)
    if (n === null) this.problems.push(found.key)
    return n
  }

  boolean(...keys: string[]): boolean | null {
    const found = this.pick(keys)
    if (!found) return this.absent(keys[0]!)
    const b = toBoolean(found.value)
    if (b === null) this.problems.push(found.key)
    return b
  }

  string(max: number, ...keys: string[]): string | null {
    const found = this.pick(keys)
    if (!found) return this.absent(keys[0]!)
    const s = toText(found.value, max)
    if (s === null) this.problems.push(found.key)
    return s
  }

  private absent(key: string): null {
    this.missing.push(key)
    return null
  }
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'string' && value.trim() !== '' && value.length <= AnswerTextLimits.numeric) {
    const n = Number(value)
    return Number.isFinite(n) ? n : null
  }
  return null
}

export function toBoolean(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value
  if (value === 0 || value === 1) return value === 1
  if (value === 'true' || value === 'false') return value === 'true'
  return null
}

export function toText(value: unknown, max: number): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return typeof value === 'string' && value.length <= max ? value : null
}

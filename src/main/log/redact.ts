/** Field names whose values are never written anywhere, whatever they hold. */
const SECRET_FIELD = /^(token|signature|api[-_]?key|apikey|password|secret|authorization|cookie)$/i
const MASK = '[redacted]'

/**
 * Removes secrets from anything headed for a log, a record or an export:
 * known secret values wherever they appear, and any field with a secret's name.
 */
export class Redactor {
  private readonly values = new Set<string>()

  /** Registers a secret value so it is masked wherever it appears. Values shorter than 4 chars are masked by field name only. */
  addSecret(value: string | undefined | null): void {
    if (value && value.length >= 4) this.values.add(value)
  }

  removeSecret(value: string | undefined | null): void {
    if (value) this.values.delete(value)
  }

  text(input: string): string {
    let out = input
    for (const value of this.values) {
      if (out.includes(value)) out = out.split(value).join(MASK)
    }
    return out
  }

  value<T>(input: T, depth = 0): T {
    if (typeof input === 'string') return this.text(input) as T
    if (input === null || typeof input !== 'object' || depth > 8) return input
    if (Array.isArray(input)) return input.map((item) => this.value(item, depth + 1)) as T
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(input as Record<string, unknown>)) {
      out[key] = SECRET_FIELD.test(key) && item !== null && item !== undefined && item !== '' ? MASK : this.value(item, depth + 1)
    }
    return out as T
  }
}

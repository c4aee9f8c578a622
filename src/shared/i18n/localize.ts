/** The parts of an i18next `t` the shared helpers need; both the renderer and the report renderer pass theirs. */
export interface Translate {
  (key: string, options?: Record<string, unknown>): string
  exists(key: string): boolean
}

/**
 * A note on a step is a code: the job's own wording first (`<job>:notes.<code>`),
 * then the shared error text (`errors:<code>`), else the code itself.
 */
export function localizeNote(t: Translate, jobType: string, note: string | null | undefined, params: Record<string, unknown> = {}): string {
  if (!note) return ''
  if (t.exists(`${jobType}:notes.${note}`)) return t(`${jobType}:notes.${note}`, params)
  if (t.exists(`errors:${note}`)) return t(`errors:${note}`, params)
  return note
}

/** Localized label of a step key, falling back to the key. */
export function localizeStep(t: Translate, jobType: string, key: string): string {
  return t.exists(`${jobType}:steps.${key}`) ? t(`${jobType}:steps.${key}`) : key
}

/** Localized label of a measurement key, falling back to the key. */
export function localizeMeasurement(t: Translate, jobType: string, key: string): string {
  return t.exists(`${jobType}:measurements.${key}`) ? t(`${jobType}:measurements.${key}`) : key
}

/** A measurement's pass band as text: `= 16`, `8064 … 11520`, `≥ 8064`, `≤ 45`, or '' without one. */
export function formatBand(m: { min?: number; max?: number }, num: (n: number) => string): string {
  if (m.min !== undefined && m.max !== undefined) return m.min === m.max ? `= ${num(m.min)}` : `${num(m.min)} … ${num(m.max)}`
  if (m.min !== undefined) return `≥ ${num(m.min)}`
  if (m.max !== undefined) return `≤ ${num(m.max)}`
  return ''
}

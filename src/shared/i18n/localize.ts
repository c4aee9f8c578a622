/** The parts of an i18next `t` the shared helpers need; both the renderer and the report renderer pass theirs. */
export interface Translate {
  (key: string, options?: Record<string, unknown>): string
  exists(key: string): boolean
}

/** Jobs whose wording lives in namespaces not named after the job type, searched in order. */
const JOB_NAMESPACES: Record<string, readonly string[]> = {
  ctDetection: ['ct'],
  inverterCommissioning: ['foxess', 'ct'],
}

/** The locale namespaces of a job's steps, notes and measurements: its own name unless mapped. */
export function jobNamespaces(jobType: string): readonly string[] {
  return JOB_NAMESPACES[jobType] ?? [jobType]
}

function firstExisting(t: Translate, jobType: string, part: string, key: string): string | null {
  for (const ns of jobNamespaces(jobType)) if (t.exists(`${ns}:${part}.${key}`)) return `${ns}:${part}.${key}`
  return null
}

/**
 * A note on a step is a code: the job's own wording first (`<job>:notes.<code>`),
 * then the shared error text (`errors:<code>`), else the code itself.
 */
export function localizeNote(t: Translate, jobType: string, note: string | null | undefined, params: Record<string, unknown> = {}): string {
  if (!note) return ''
  const own = firstExisting(t, jobType, 'notes', note)
  if (own) return t(own, params)
  if (t.exists(`errors:${note}`)) return t(`errors:${note}`, params)
  return note
}

/** Localized label of a step key, falling back to the key. */
export function localizeStep(t: Translate, jobType: string, key: string): string {
  const own = firstExisting(t, jobType, 'steps', key)
  return own ? t(own) : key
}

/** Localized label of a measurement key, falling back to the key. */
export function localizeMeasurement(t: Translate, jobType: string, key: string): string {
  const own = firstExisting(t, jobType, 'measurements', key)
  return own ? t(own) : key
}

import { jobNamespaces } from '../contract/records'

/** The parts of an i18next `t` the shared helpers need; both the renderer and the report renderer pass theirs. */
export interface Translate {
  (key: string, options?: Record<string, unknown>): string
  exists(key: string): boolean
}

function firstExisting(t: Translate, jobType: string, part: string, key: string): string | null {
  for (const ns of jobNamespaces(jobType)) if (t.exists(`${ns}:${part}.${key}`)) return `${ns}:${part}.${key}`
  return null
}

/** A note about numbered things: its code and the numbers (`currentOutOfBand:3,6` → channels 3 and 6). */
const LIST_NOTE = /^([a-z][A-Za-z0-9]*):(\d+(?:,\d+)*)$/

/** A note that is an error with its parameters: `evseTimeout?host=192.168.1.20&seconds=5`. */
const PARAMS_NOTE = /^([a-z][A-Za-z0-9]*)\?(.*)$/s

/**
 * An error as a step's note: its code with the parameters its text names
 * (the charger's address, the seconds waited), so the record words it whole
 * wherever it is read, long after the error itself is gone.
 */
export function noteWithParams(code: string, params: Record<string, string | number | boolean> = {}): string {
  const query = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)])).toString()
  return query ? `${code}?${query}` : code
}

/** The code of a note, without the parameters `noteWithParams` put after it. */
export function noteCode(note: string): string {
  return PARAMS_NOTE.exec(note)?.[1] ?? note
}

/**
 * A note on a step is a code: the job's own wording first (`<ns>:notes.<code>`),
 * then the shared error text (`errors:<code>`), else the code itself. A code
 * with numbers (`lockDidNotOpen:2,5`) is worded by its plural text with
 * `{{list}}` and `{{count}}`; one with parameters (`noteWithParams`) fills its
 * text's placeholders from them.
 */
export function localizeNote(t: Translate, jobType: string, note: string | null | undefined, params: Record<string, unknown> = {}): string {
  if (!note) return ''
  const withParams = PARAMS_NOTE.exec(note)
  const code = withParams?.[1]
  // a typed note that happens to look like one ("ok?") stays as written
  if (code && (firstExisting(t, jobType, 'notes', code) || t.exists(`errors:${code}`))) {
    return localizeNote(t, jobType, code, { ...params, ...Object.fromEntries(new URLSearchParams(withParams[2]!)) })
  }
  const listed = LIST_NOTE.exec(note)
  const listKey = listed ? firstExisting(t, jobType, 'notes', `${listed[1]!}_other`) : null
  if (listed && listKey) {
    const items = listed[2]!.split(',')
    return t(listKey.slice(0, -'_other'.length), { ...params, list: items.join(', '), count: items.length })
  }
  const own = firstExisting(t, jobType, 'notes', note)
  if (own) return t(own, params)
  if (t.exists(`errors:${note}`)) return t(`errors:${note}`, params)
  return note
}

/** Localized label of a step key, falling back to the key; a numbered step (`charger3`) takes its stem's text with `{{n}}`, as a measurement does. */
export function localizeStep(t: Translate, jobType: string, key: string): string {
  const own = firstExisting(t, jobType, 'steps', key)
  if (own) return t(own)
  const numbered = /^([A-Za-z]+)(\d+)$/.exec(key)
  const stem = numbered ? firstExisting(t, jobType, 'steps', numbered[1]!) : null
  return stem ? t(stem, { n: Number(numbered![2]) }) : key
}

/**
 * Localized label of a measurement key, falling back to the key. A key that
 * ends in a number (`current3`, `lockOpened8`) without its own text takes the
 * text of its stem with `{{n}}`: one message per quantity, not per channel.
 */
export function localizeMeasurement(t: Translate, jobType: string, key: string): string {
  const own = firstExisting(t, jobType, 'measurements', key)
  if (own) return t(own)
  const numbered = /^([A-Za-z]+)(\d+)$/.exec(key)
  const stem = numbered ? firstExisting(t, jobType, 'measurements', numbered[1]!) : null
  if (stem) return t(stem, { n: Number(numbered![2]) })
  return key
}

/** A text a record keeps as written, with the locale key that words it in the reader's language when there is one. */
export interface LocalizableText {
  key: string
  text: string
}

const isLocalizable = (value: unknown): value is LocalizableText =>
  Boolean(value) && typeof value === 'object' && typeof (value as LocalizableText).key === 'string' && typeof (value as LocalizableText).text === 'string'

/**
 * The record's meta entries a job labels (`<ns>:meta.<key>`), as label and
 * text, in the record's order. A value may be a `LocalizableText`.
 */
export function labelledMeta(t: Translate, jobType: string, meta: Record<string, unknown>): { key: string; label: string; value: string }[] {
  const out: { key: string; label: string; value: string }[] = []
  for (const [key, value] of Object.entries(meta)) {
    const label = value === null ? null : firstExisting(t, jobType, 'meta', key)
    if (!label) continue
    if (isLocalizable(value)) out.push({ key, label: t(label), value: t.exists(value.key) ? t(value.key) : value.text })
    else if (typeof value !== 'object') out.push({ key, label: t(label), value: String(value) })
  }
  return out
}

/** A measurement's pass band as text: `= 16`, `8064 … 11520`, `≥ 8064`, `≤ 45`, or '' without one. */
export function formatBand(m: { min?: number; max?: number }, num: (n: number) => string): string {
  if (m.min !== undefined && m.max !== undefined) return m.min === m.max ? `= ${num(m.min)}` : `${num(m.min)} … ${num(m.max)}`
  if (m.min !== undefined) return `≥ ${num(m.min)}`
  if (m.max !== undefined) return `≤ ${num(m.max)}`
  return ''
}

/** A record's device identifier by what it is (`usbSerial` → "USB serial number"), falling back to the key. */
export function deviceIdLabel(t: Translate, key: string): string {
  return t.exists(`records:deviceIdKinds.${key}`) ? t(`records:deviceIdKinds.${key}`) : key
}

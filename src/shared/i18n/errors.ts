/**
 * Error and status texts whose parameters are the app's own identifiers (who
 * holds a port, which input field was refused): those are worded for the
 * person here, so no identifier reaches the screen or the terminal.
 */
import type { AppError } from '../contract/errors'
import { JobTypes } from '../contract/records'
import type { Translate } from './localize'

/**
 * Who holds a port: a job (`cabinetTest#12`, or `cabinetTest` while its
 * record is being made) by its name and record, a tool of the app by its
 * name, the operating system's "another program", anything else as "another
 * part of Fieldbench" rather than its identifier.
 */
export function portOwnerText(t: Translate, owner: string): string {
  const [kind = '', record] = owner.split('#')
  if ((JobTypes as readonly string[]).includes(kind)) {
    const job = t(`jobs:names.${kind}`)
    return record && /^\d+$/.test(record) ? t('devices:owners.job', { job, id: Number(record) }) : job
  }
  return t.exists(`devices:owners.${kind}`) ? t(`devices:owners.${kind}`) : t('devices:owners.unknown')
}

/**
 * The input a refusal names (`invalidInput`'s `field`, a schema path such as
 * `profile.channels.3.min`): the innermost part of the path the app has a
 * name for, or null when it has none.
 */
export function fieldText(t: Translate, field: string): string | null {
  const parts = field.split('.').filter((part) => !/^\d+$/.test(part))
  for (let i = parts.length - 1; i >= 0; i--) if (t.exists(`common:inputFields.${parts[i]}`)) return t(`common:inputFields.${parts[i]}`)
  return null
}

/** An AppError in words, with identifiers among its parameters worded too. */
export function appErrorText(t: Translate, err: AppError): string {
  const params: Record<string, unknown> = { ...err.params }
  if (typeof params.owner === 'string') params.owner = portOwnerText(t, params.owner)
  if (err.code === 'invalidInput') {
    const field = typeof params.field === 'string' ? fieldText(t, params.field) : null
    return field ? t('errors:invalidInput', { ...params, field }) : t('common:invalidInputAny')
  }
  return t(`errors:${err.code}`, params)
}

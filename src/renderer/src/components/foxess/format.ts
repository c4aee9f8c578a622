import { useTranslation } from 'react-i18next'
import type { FoxDeviceTime } from '@shared/contract'
import { convertValue } from '@shared/devices/foxess/values'
import { asLanguage, formatDateTime, formatTime, formatWallTime, intlLocale } from '@shared/i18n/time'
import { useLoadedNamespaces } from '../../i18n'
import { useApp } from '../../stores/app'

const DEVICE_TABLES = ['foxessVariables', 'foxessFaults', 'foxessStates'] as const

/** Localized names from the device tables: variables, faults (placeholders as "Unknown fault N"), running states. */
export function useFoxNames() {
  const { t, i18n } = useTranslation()
  const ready = useLoadedNamespaces(DEVICE_TABLES)
  return {
    ready,
    variable: (key: string) => (i18n.exists(`foxessVariables:${key}`) ? t(`foxessVariables:${key}`) : key),
    fault: (code: number) => (i18n.exists(`foxessFaults:f${code}`) ? t(`foxessFaults:f${code}`) : t('tables:unknownFault', { code })),
    runningState: (code: number) => t(`foxessStates:runningState.s${code}`),
  }
}

const numberFormats = new Map<string, Intl.NumberFormat>()
/** One formatter per language and precision: building one costs more than formatting a chart's worth of ticks. */
function numberFormat(locale: string, digits: number): Intl.NumberFormat {
  const key = `${locale}/${digits}`
  let format = numberFormats.get(key)
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, { maximumFractionDigits: digits })))
  return format
}

/** Numbers in the person's language and units (kW/W, ℃/℉ from Settings). */
export function useFoxFormat() {
  const { i18n } = useTranslation()
  const settings = useApp((s) => s.settings)
  const prefs = { powerUnit: settings?.powerUnit ?? 'kW', temperatureUnit: settings?.temperatureUnit ?? 'celsius' } as const
  const language = asLanguage(i18n.language)
  const locale = intlLocale(language)
  const number = (v: number, digits = 2) => numberFormat(locale, digits).format(v)
  return {
    prefs,
    number,
    value: (v: number | string, unit: string) => {
      if (typeof v !== 'number') return unit ? `${v} ${unit}` : String(v)
      const c = convertValue(v, unit, prefs)
      return c.unit ? `${number(c.value, c.unit === 'W' ? 0 : 2)} ${c.unit}` : number(c.value)
    },
    convert: (v: number, unit: string) => convertValue(v, unit, prefs),
    time: (ms: number, timeZone?: string) => formatTime(ms, language, { timeZone }),
    dateTime: (ms: number, timeZone?: string) => formatDateTime(ms, language, { timeZone }),
    deviceTime: (t: FoxDeviceTime) => formatWallTime(t, language),
  }
}

/** The locale key of a work mode (`SelfUse` → `selfUse`: locale keys are camelCase). */
export const workModeKey = (mode: string) => `${mode.charAt(0).toLowerCase()}${mode.slice(1)}`

/** The wording of the Fox ESS jobs' steps and notes: the foxess namespace first, then ct, then the shared errors. */
export function useJobWording() {
  const { t, i18n } = useTranslation()
  return {
    step: (key: string) => (i18n.exists(`foxess:steps.${key}`) ? t(`foxess:steps.${key}`) : i18n.exists(`ct:steps.${key}`) ? t(`ct:steps.${key}`) : key),
    note: (code: string) =>
      i18n.exists(`foxess:notes.${code}`) ? t(`foxess:notes.${code}`) : i18n.exists(`ct:notes.${code}`) ? t(`ct:notes.${code}`) : i18n.exists(`errors:${code}`) ? t(`errors:${code}`) : code,
    measurement: (key: string) => (i18n.exists(`foxess:measurements.${key}`) ? t(`foxess:measurements.${key}`) : i18n.exists(`ct:measurements.${key}`) ? t(`ct:measurements.${key}`) : key),
  }
}

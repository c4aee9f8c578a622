/**
 * A recorded measurement as a person reads it, on the record page and in the
 * report alike: vendor codes turned into names in the reader's language, the
 * CT conditions by what they mean, never an API field name.
 */
import { FoxWorkModes } from '../contract/foxess/foxess'
import type { Measurement, RecordStep } from '../contract/records'
import { evaluatePreconditions } from '../devices/foxess/ct'
import { faultKey } from '../devices/foxess/tables'
import { evseSetupValue } from './evse-setup'
import { localizeMeasurement, type Translate } from './localize'

/** raw vendor readings of the CT check: their meaning is in the verdict and the wiring picture */
const RAW_KEYS = new Set(['bits', 'meterStatus', 'phaseFlag'])
export const isRawMeasurement = (key: string) => RAW_KEYS.has(key) || /^meter\d+PhaseFlag$/.test(key)

/** the CT precondition a measurement stands for, with the body field(s) its value was written from (joined by ' / ') */
const CT_CONDITIONS: Record<string, { index: number; fields: string[] }> = {
  deviceStatus: { index: 0, fields: ['deviceStatus'] },
  bmsCommunication: { index: 1, fields: ['faultArmFlag2'] },
  meterConnected: { index: 2, fields: ['meterStatus', 'meterConnected'] },
  notChecking: { index: 3, fields: ['checking'] },
}

/** the Fox ESS work modes as a recorded schedule names them (`00:00–05:59 SelfUse`) */
const WORK_MODE = new RegExp(`\\b(${FoxWorkModes.join('|')})\\b`, 'g')

/** A recorded value in the reader's words: yes or no, a schedule's work modes by name, numbers the reader's way. */
export function valueText(t: Translate, v: number | string | boolean, num: (n: number) => string): string {
  if (typeof v === 'boolean') return t(v ? 'common:yes' : 'common:no')
  if (typeof v === 'number') return num(v)
  return v.replace(WORK_MODE, (mode) => {
    const key = `foxess:workModes.${mode.charAt(0).toLowerCase()}${mode.slice(1)}`
    return t.exists(key) ? t(key) : mode
  })
}

/** the EV charger's jobs that record its configuration fields, whose numbered choices read by name */
const EVSE_CONFIG_JOBS: ReadonlySet<string> = new Set(['evseSetup', 'evseSite', 'evseService'])

/** A recorded setting's value (before or after a change) in the reader's words, the job's own choices by name. */
export function settingValueText(t: Translate, jobType: string, key: string, v: number | string | boolean, num: (n: number) => string): string {
  return (EVSE_CONFIG_JOBS.has(jobType) ? evseSetupValue(t, key, v) : null) ?? valueText(t, v, num)
}

type StepOfMeasurement = Pick<RecordStep, 'key' | 'measurements'>

/** The step's CT conditions read again from the whole answer it recorded: one condition can depend on another (offline). */
function ctConditionReason(step: StepOfMeasurement, m: Measurement): string | null {
  const rule = CT_CONDITIONS[m.key]
  if (step.key !== 'preconditions' || !rule || typeof m.value !== 'string') return null
  const body: Record<string, unknown> = {}
  for (const recorded of step.measurements) {
    const fields = CT_CONDITIONS[recorded.key]?.fields
    if (!fields || typeof recorded.value !== 'string') continue
    const parts = recorded.value.split(' / ')
    fields.forEach((field, i) => (body[field] = parts[i] === '—' ? undefined : parts[i]))
  }
  return evaluatePreconditions(body).conditions[rule.index]!.reason
}

function decodedValue(t: Translate, jobType: string, step: StepOfMeasurement, m: Measurement): string | null {
  const v = m.value
  if (typeof v === 'boolean') return t(v ? 'common:yes' : 'common:no')
  if (m.key === 'system' && typeof v === 'string' && t.exists(`ct:systems.${v}`)) return t(`ct:systems.${v}`)
  if ((m.key === 'outcome' || m.key === 'previousResult') && typeof v === 'string' && t.exists(`ct:outcomes.${v}`)) return t(`ct:outcomes.${v}`)
  if (m.key === 'previousResult' && v === 'none') return t('records:report.none')
  if (jobType === 'inverterCommissioning' && step.key === 'device' && m.key === 'deviceStatus' && t.exists(`foxess:deviceStatus.s${v}`)) return t(`foxess:deviceStatus.s${v}`)
  if (m.key === 'runningState' && t.exists(`foxessStates:runningState.s${v}`)) return t(`foxessStates:runningState.s${v}`)
  if (EVSE_CONFIG_JOBS.has(jobType)) return evseSetupValue(t, m.key, v)
  if (/^fault\d+$/.test(m.key) && typeof v === 'number' && t.exists(`foxessFaults:${faultKey(v)}`)) return `${t(`foxessFaults:${faultKey(v)}`)} (${v})`
  return null
}

export interface MeasurementText {
  label: string
  value: string
  /** the value is words, not the number as measured */
  decoded: boolean
}

/** A measurement's label and value in the reader's language; `num` formats numbers the reader's way. */
export function measurementText(t: Translate, jobType: string, step: StepOfMeasurement, m: Measurement, num: (n: number) => string): MeasurementText {
  const reason = ctConditionReason(step, m)
  if (reason) return { label: t(`ct:conditions.${m.key}`), value: t(`ct:reasons.${reason}`), decoded: true }
  const label = jobType === 'inverterCommissioning' && step.key === 'device' && m.key === 'deviceStatus' ? t('records:report.inverterStatus') : localizeMeasurement(t, jobType, m.key)
  const decoded = decodedValue(t, jobType, step, m)
  if (decoded !== null) return { label, value: decoded, decoded: true }
  return { label, value: valueText(t, m.value, num), decoded: false }
}

/**
 * The first lines of a report: what was checked, where, for whom, by whom,
 * when (in the site's time zone when the record knows it) and the verdict.
 */
import type { Language, RecordDetail } from '@shared/contract'
import { labelledMeta, localizeNote, type Translate } from '@shared/i18n/localize'
import { formatDateTime, formatTime } from '@shared/i18n/time'
import { esc } from './esc'

export interface ReportClock {
  zone: string
  /** true when the record names the site's zone (the plant's, for Fox ESS); false: the app's zone */
  site: boolean
  time: (ms: number | null) => string
  /** a time of day to the millisecond, for the rows of raw exchanges */
  stamp: (ms: number) => string
}

const isZone = (zone: unknown): zone is string => {
  if (typeof zone !== 'string' || !zone) return false
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** Times in the site's zone when the record keeps one (`meta.timezone`, the plant's zone for Fox ESS jobs), else the app's. */
export function reportClock(record: RecordDetail, language: Language, appZone: string): ReportClock {
  const site = isZone(record.meta.timezone)
  const zone = site ? (record.meta.timezone as string) : appZone
  return {
    zone,
    site,
    time: (ms) => (ms ? formatDateTime(ms, language, { timeZone: zone }) : '—'),
    stamp: (ms) => formatTime(ms, language, { timeZone: zone, milliseconds: true }),
  }
}

/** meta the summary shows in its own rows, or the report keeps out of the body */
const OWN_ROWS = new Set(['timezone', 'deviceType', 'productType', 'firmware', 'system'])

const FIRMWARE_KEYS = ['masterVersion', 'slaveVersion', 'managerVersion']

function firmware(record: RecordDetail, t: Translate): string {
  if (typeof record.meta.firmware === 'string' && record.meta.firmware) return record.meta.firmware
  const device = record.steps.find((s) => s.key === 'device')
  if (!device) return ''
  return FIRMWARE_KEYS.flatMap((key) => {
    const m = device.measurements.find((x) => x.key === key)
    return m && m.value !== '—' ? [`${t(`foxess:measurements.${key}`)} ${String(m.value)}`] : []
  }).join(' · ')
}

export function renderSummary(record: RecordDetail, t: Translate, clock: ReportClock, outcome: string): string {
  const jobType = record.jobType
  const type = [record.meta.productType, record.meta.deviceType].filter((v) => typeof v === 'string' && v).join(' · ')
  const fw = firmware(record, t)
  const system = typeof record.meta.system === 'string' && t.exists(`ct:systems.${record.meta.system}`) ? t(`ct:systems.${record.meta.system}`) : ''
  const labelled = labelledMeta(t, jobType, record.meta)
  const extra = labelled.filter((m) => !OWN_ROWS.has(m.key))
  // the job's own label where it has one: a cabinet's firmware is what the operator typed ("as given"), not read from the board
  const firmwareLabel = labelled.find((m) => m.key === 'firmware')?.label ?? t('records:report.firmware')
  const row = (label: string, value: string) => `<dt>${esc(label)}</dt><dd>${esc(value) || '—'}</dd>`
  const failed = record.steps.filter((s) => s.verdict === 'fail')
  const zoneLine = clock.site ? t('records:report.zoneSite', { zone: clock.zone }) : t('records:report.zoneApp', { zone: clock.zone })
  return `<section class="summary-block" id="summary">
<div class="verdict ${esc(record.status === 'completed' ? record.verdict : 'none')}" data-field="verdict">${esc(t('records:report.outcome'))}: ${esc(outcome)}</div>
${failed.length ? `<p class="note fail">${esc(t(record.verdict === 'pass' ? 'records:report.earlierFailed' : 'records:report.failedSteps', { steps: failed.map((s) => s.seq).join(', ') }))}${record.endReason ? ` · ${esc(localizeNote(t, jobType, record.endReason))}` : ''}</p>` : ''}
<div class="summary">
<dl>
${row(t('records:fields.site'), record.site)}
${row(t('records:fields.customer'), record.customer)}
${row(t('records:fields.operator'), record.operator)}
${row(t('records:fields.started'), clock.time(record.startedAt))}
${row(t('records:fields.finished'), clock.time(record.finishedAt))}
</dl>
<dl>
${type ? row(t('records:report.deviceType'), type) : ''}
${row(t('records:fields.deviceSerial'), record.deviceSerial)}
${fw || 'firmware' in record.meta ? row(firmwareLabel, fw) : ''}
${system ? row(t('ct:measurements.system'), system) : ''}
${extra.map((m) => row(m.label, m.value)).join('\n')}
${row(t('records:fields.id'), String(record.id))}
</dl>
</div>
<p class="zone" data-field="zone">${esc(zoneLine)}</p>
</section>`
}

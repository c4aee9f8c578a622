import type { Measurement, RecordDetail, RecordExchange } from '@shared/contract'
import type { Translate } from '@shared/i18n/localize'
import { esc } from './esc'
import type { ReportClock } from './summary'

/** exchanges printed in a report; the JSON export carries every one */
export const REPORT_EXCHANGE_LIMIT = 400

export interface RawStepValues {
  seq: number
  step: string
  values: Measurement[]
}

/**
 * The raw side of a record at the end of the report, folded away on screen:
 * the device identifiers, the vendor readings the body decodes, and the
 * frames or HTTP exchanges behind every verdict.
 */
export function renderAppendix(record: RecordDetail, exchanges: RecordExchange[], raw: RawStepValues[], t: Translate, clock: ReportClock, open: boolean): string {
  const shown = exchanges.slice(0, REPORT_EXCHANGE_LIMIT)
  const ids = Object.entries(record.deviceIds).map(([k, v]) => `<tr><td>${esc(k)}</td><td class="raw">${esc(v)}</td></tr>`)
  const values = raw.flatMap((s) => s.values.map((m) => `<tr><td>${s.seq}. ${esc(s.step)}</td><td>${esc(m.key)}</td><td class="raw">${esc(String(m.value))}</td></tr>`))
  const rows = shown
    .map(
      (x) =>
        `<tr><td>${esc(clock.stamp(x.ts))}</td><td>${esc(t(`records:direction.${x.direction}`))}</td><td>${esc(x.channel)}</td><td class="raw">${esc(x.data.length > 160 ? `${x.data.slice(0, 160)}…` : x.data)}</td></tr>`,
    )
    .join('')
  return `<details class="appendix" id="appendix"${open ? ' open' : ''}><summary>${esc(t('records:report.appendix', { count: record.exchangeCount }))}</summary>
<p class="meta">${esc(t('records:report.appendixHint'))}</p>
${ids.length ? `<h3>${esc(t('records:fields.deviceIds'))}</h3><table>${ids.join('')}</table>` : ''}
${values.length ? `<h3>${esc(t('records:report.rawValues'))}</h3><table>${values.join('')}</table>` : ''}
${shown.length ? `<h3>${esc(t('records:report.exchanges', { count: record.exchangeCount }))}</h3><table><thead><tr><th>${esc(t('records:report.time'))}</th><th>${esc(t('records:report.direction'))}</th><th>${esc(t('records:report.channel'))}</th><th>${esc(t('records:report.data'))}</th></tr></thead><tbody>${rows}</tbody></table>` : ''}
${exchanges.length > shown.length ? `<p class="meta">${esc(t('records:report.exchangesTruncated', { shown: shown.length, count: exchanges.length }))}</p>` : ''}
</details>`
}

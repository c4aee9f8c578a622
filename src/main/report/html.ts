import type { Language, Measurement, RecordDetail, RecordExchange } from '@shared/contract'
import { formatBand, labelledMeta, localizeMeasurement, localizeNote, localizeStep, type Translate } from '@shared/i18n/localize'

const esc = (value: unknown) =>
  String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')

/** exchanges printed in a report; the JSON export carries every one */
export const REPORT_EXCHANGE_LIMIT = 400

export interface ReportContext {
  t: Translate
  language: Language
  appVersion: string
  generatedAt: number
}

/**
 * The printable report of one record: self-contained HTML (inline CSS, no
 * scripts, no external resources), localized, the same file whether it is
 * saved, printed, or turned into a PDF by Electron.
 */
export function renderRecordHtml(record: RecordDetail, exchanges: RecordExchange[], ctx: ReportContext): string {
  const { t, language } = ctx
  const locale = language === 'zh' ? 'zh-CN' : language
  const time = (ms: number | null) => (ms ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(ms) : '—')
  const num = (v: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(v)
  const value = (m: Measurement) => (typeof m.value === 'number' ? num(m.value) : typeof m.value === 'boolean' ? t(m.value ? 'common:yes' : 'common:no') : m.value)
  const band = (m: Measurement) => formatBand(m, num)
  const verdictLabel = (v: string | null) => (v ? t(`records:verdict.${v}`) : '—')
  const jobName = t(`jobs:names.${record.jobType}`)
  const metaRows = labelledMeta(t, record.jobType, record.meta)
    .map((m) => `<dt>${esc(m.label)}</dt><dd>${esc(m.value) || '—'}</dd>`)
    .join('\n')
  const ids = Object.entries(record.deviceIds)
    .map(([k, v]) => `${esc(k)}: ${esc(v)}`)
    .join(' · ')

  const steps = record.steps
    .map((step) => {
      const measurements = step.measurements.length
        ? `<table class="m"><thead><tr><th>${esc(t('records:report.measurement'))}</th><th>${esc(t('records:report.value'))}</th><th>${esc(t('records:report.band'))}</th><th>${esc(t('records:report.verdict'))}</th></tr></thead><tbody>${step.measurements
            .map(
              (m) =>
                `<tr><td>${esc(localizeMeasurement(t, record.jobType, m.key))}</td><td class="n">${esc(value(m))}${m.unit ? ` ${esc(m.unit)}` : ''}</td><td class="n">${esc(band(m))}${m.unit && band(m) ? ` ${esc(m.unit)}` : ''}</td><td class="v ${esc(m.verdict ?? '')}">${esc(verdictLabel(m.verdict ?? null))}</td></tr>`,
            )
            .join('')}</tbody></table>`
        : ''
      const status = step.status === 'done' ? verdictLabel(step.verdict) : t(`records:stepStatus.${step.status}`)
      return `<section class="step"><h3><span>${step.seq}. ${esc(localizeStep(t, record.jobType, step.key))}</span><span class="v ${esc(step.verdict ?? step.status)}">${esc(status)}</span></h3>
<p class="meta">${esc(time(step.startedAt))} → ${esc(time(step.finishedAt))}${step.note ? ` · ${esc(localizeNote(t, record.jobType, step.note))}` : ''}</p>${measurements}</section>`
    })
    .join('\n')

  const shown = exchanges.slice(0, REPORT_EXCHANGE_LIMIT)
  const exchangeRows = shown
    .map(
      (x) =>
        `<tr><td>${esc(new Date(x.ts).toISOString().slice(11, 23))}</td><td>${esc(t(`records:direction.${x.direction}`))}</td><td>${esc(x.channel)}</td><td class="raw">${esc(x.data.length > 160 ? `${x.data.slice(0, 160)}…` : x.data)}</td></tr>`,
    )
    .join('')

  const outcome =
    record.status === 'completed'
      ? verdictLabel(record.verdict)
      : record.status === 'aborted'
        ? `${t('records:status.aborted')}${record.endReason ? ` (${localizeNote(t, record.jobType, record.endReason)})` : ''}`
        : t('records:status.inProgress')

  return `<!doctype html>
<html lang="${esc(locale)}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${esc(t('records:report.title', { job: jobName, id: record.id }))}</title>
<style>
body{font:13px/1.45 system-ui,"Segoe UI","Noto Sans","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#111;margin:24px}
h1{font-size:20px;margin:0 0 4px}h2{font-size:15px;margin:20px 0 6px;border-bottom:1px solid #ccc}
h3{font-size:13px;margin:0;display:flex;justify-content:space-between}
.verdict{font-size:18px;font-weight:700;padding:6px 12px;border-radius:4px;display:inline-block;margin:8px 0}
.pass{color:#0a6b2d}.fail{color:#b00020}.none,.interrupted,.running{color:#8a5a00}.verdict.pass{background:#e3f4e8}.verdict.fail{background:#fde7ea}.verdict.none{background:#fff3d6}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:0}dt{color:#555}dd{margin:0}
.step{border:1px solid #ddd;border-radius:4px;padding:8px 10px;margin:8px 0;break-inside:avoid}.meta{color:#555;margin:2px 0 6px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:2px 6px;border-bottom:1px solid #eee;vertical-align:top}td.n{text-align:right;font-variant-numeric:tabular-nums}
td.raw{font-family:ui-monospace,Consolas,monospace;font-size:11px;word-break:break-all}footer{margin-top:24px;color:#666;font-size:11px}
@media print{body{margin:12mm}a{color:inherit}}
</style></head><body>
<h1>${esc(jobName)}</h1>
<div class="verdict ${esc(record.status === 'completed' ? record.verdict : 'none')}">${esc(t('records:report.outcome'))}: ${esc(outcome)}</div>
<dl>
<dt>${esc(t('records:fields.id'))}</dt><dd>${record.id}</dd>
<dt>${esc(t('records:fields.site'))}</dt><dd>${esc(record.site) || '—'}</dd>
<dt>${esc(t('records:fields.customer'))}</dt><dd>${esc(record.customer) || '—'}</dd>
<dt>${esc(t('records:fields.deviceSerial'))}</dt><dd>${esc(record.deviceSerial) || '—'}</dd>
<dt>${esc(t('records:fields.deviceIds'))}</dt><dd>${ids || '—'}</dd>
<dt>${esc(t('records:fields.operator'))}</dt><dd>${esc(record.operator) || '—'}</dd>
${metaRows}
<dt>${esc(t('records:fields.started'))}</dt><dd>${esc(time(record.startedAt))}</dd>
<dt>${esc(t('records:fields.finished'))}</dt><dd>${esc(time(record.finishedAt))}</dd>
</dl>
<h2>${esc(t('records:report.steps'))}</h2>
${steps || `<p>${esc(t('records:report.noSteps'))}</p>`}
<h2>${esc(t('records:report.exchanges', { count: record.exchangeCount }))}</h2>
${shown.length ? `<table><thead><tr><th>${esc(t('records:report.time'))}</th><th>${esc(t('records:report.direction'))}</th><th>${esc(t('records:report.channel'))}</th><th>${esc(t('records:report.data'))}</th></tr></thead><tbody>${exchangeRows}</tbody></table>` : ''}
${exchanges.length > shown.length ? `<p class="meta">${esc(t('records:report.exchangesTruncated', { shown: shown.length, count: exchanges.length }))}</p>` : ''}
<footer>${esc(t('records:report.footer', { version: ctx.appVersion, time: time(ctx.generatedAt) }))}</footer>
</body></html>
`
}

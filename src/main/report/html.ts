import { type Language, type RecordDetail, type RecordExchange, type RecordStep, retestsOf } from '@shared/contract'
import { chargeChartSvg } from '@shared/devices/evse/charge-chart-svg'
import { wiringFromMeasurements, wiringSvg } from '@shared/devices/foxess/wiring-svg'
import { localizeNote, localizeStep, type Translate } from '@shared/i18n/localize'
import { intlLocale } from '@shared/i18n/time'
import { type RawStepValues, renderAppendix } from './appendix'
import { decodeStep, type Decoder } from './decode'
import { esc } from './esc'
import { REPORT_CSS } from './style'
import { upsTestFigures } from './ups-figures'
import { type ReportClock, reportClock, renderSummary } from './summary'

export { REPORT_EXCHANGE_LIMIT } from './appendix'

export interface ReportContext {
  t: Translate
  language: Language
  appVersion: string
  generatedAt: number
  /** the zone times are shown in when the record names no site zone (the app's own) */
  appTimeZone?: string
  /** print the appendix unfolded (a PDF cannot be clicked open) */
  appendixOpen?: boolean
}

/** A note that is no code any locale words is what the person typed: shown as theirs, in their words. */
function noteHtml(d: Decoder, note: string | null, operator: string): string {
  if (!note) return ''
  const worded = localizeNote(d.t, d.jobType, note)
  if (worded !== note || /^[a-z][A-Za-z0-9]*$/.test(note)) return `<p class="note">${esc(worded)}</p>`
  return `<p class="note typed">${esc(d.t('records:report.typedNote', { operator: operator || '—', text: note }))}</p>`
}

/** the jobs that run the CT flow: each run's result step keeps the wiring it found */
const CT_JOBS: ReadonlySet<string> = new Set(['ctDetection', 'inverterCommissioning'])

interface StepPlace {
  attempt: number | null
  /** the step this one runs again, when it is a retest */
  retestOf: number | null
  /** a picture the record keeps for this step (the EV charger's test charge curve), as SVG */
  figure?: string
}

function renderStep(d: Decoder, step: RecordStep, clock: ReportClock, place: StepPlace, operator: string): { html: string; raw: RawStepValues | null } {
  const { attempt } = place
  const { t } = d
  const verdictLabel = (v: string | null) => (v ? t(`records:verdict.${v}`) : '—')
  const { shown, raw } = decodeStep(d, step)
  const table = shown.length
    ? `<table class="m"><colgroup><col class="label"><col class="num"><col class="num"><col class="unit"><col class="verdict"></colgroup><thead><tr><th>${esc(t('records:report.measurement'))}</th><th>${esc(t('records:report.value'))}</th><th>${esc(t('records:report.band'))}</th><th>${esc(t('records:report.unit'))}</th><th>${esc(t('records:report.verdict'))}</th></tr></thead><tbody>${shown
        .map(
          (m) =>
            `<tr><td>${esc(m.label)}</td><td class="${m.numeric ? 'n' : 't'}">${esc(m.value)}</td><td class="n">${esc(m.band)}</td><td>${esc(m.unit)}</td><td class="v ${esc(m.verdict ?? '')}">${m.verdict ? esc(verdictLabel(m.verdict)) : ''}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : ''
  const wiring =
    step.key === 'result' && CT_JOBS.has(d.jobType)
      ? wiringFromMeasurements(step.measurements)
          .map((meter) => wiringSvg(meter, t))
          .filter(Boolean)
          .map((svg) => `<figure class="wiring" data-attempt="${attempt ?? ''}">${svg}<figcaption>${esc(t('records:report.wiring', { attempt: attempt ?? 1 }))}</figcaption></figure>`)
          .join('')
      : ''
  const status = step.status === 'done' ? verdictLabel(step.verdict) : t(`records:stepStatus.${step.status}`)
  const note = noteHtml(d, step.note, operator)
  const label = localizeStep(t, d.jobType, step.key)
  return {
    html: `<section class="step" data-seq="${step.seq}"><h3><span>${step.seq}. ${esc(label)}${attempt && attempt > 1 ? ` · ${esc(t('records:report.attempt', { attempt }))}` : ''}${place.retestOf ? ` · ${esc(t('records:report.retestOf', { seq: place.retestOf }))}` : ''}</span><span class="v ${esc(step.verdict ?? step.status)}">${esc(status)}</span></h3>
<p class="meta">${esc(clock.time(step.startedAt))} → ${esc(clock.time(step.finishedAt))}</p>${note}${table}${wiring}${place.figure ? `<figure class="chart">${place.figure}</figure>` : ''}</section>`,
    raw: raw.length ? { seq: step.seq, step: label, values: raw } : null,
  }
}

/**
 * The printable report of one record: self-contained HTML (inline CSS, no
 * scripts, no external resources), localized, the same file whether it is
 * saved, printed, or turned into a PDF by Electron. The summary comes first,
 * then the steps with decoded values, and the raw side last in an appendix.
 */
export function renderRecordHtml(record: RecordDetail, exchanges: RecordExchange[], ctx: ReportContext): string {
  const { t, language } = ctx
  const locale = intlLocale(language)
  const num = (v: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(v)
  const clock = reportClock(record, language, ctx.appTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone)
  const d: Decoder = { t, jobType: record.jobType, num }
  const verdictLabel = (v: string | null) => (v ? t(`records:verdict.${v}`) : '—')
  const jobName = t(`jobs:names.${record.jobType}`)

  // a CT check run again starts its steps over: each run is an attempt with its own picture
  const attemptOf = (step: RecordStep) => (typeof step.inputs.attempt === 'number' ? step.inputs.attempt : null)
  const retests = retestsOf(record.steps)
  // the setup job keeps the curve of its latest test charge
  const chargeStep = record.jobType === 'evseSetup' ? record.steps.filter((s) => s.key === 'testCharge' && s.status === 'done').at(-1) : undefined
  const chargeChart = chargeStep ? chargeChartSvg(record.meta.testCharge, t, num) : ''
  const upsFigures = upsTestFigures(record, t, num, clock.time)
  const rendered = record.steps.map((step) => {
    const attempt = attemptOf(step)
    const figure = step === chargeStep ? chargeChart : upsFigures.get(step)
    return renderStep(d, step, clock, { attempt, retestOf: attempt === null ? (retests.get(step.id) ?? null) : null, figure }, record.operator)
  })
  const raw = rendered.flatMap((r) => (r.raw ? [r.raw] : []))

  const outcome =
    record.status === 'completed'
      ? verdictLabel(record.verdict)
      : record.status === 'aborted'
        ? `${t('records:status.aborted')}${record.endReason ? ` (${localizeNote(t, record.jobType, record.endReason)})` : ''}`
        : t('records:status.inProgress')

  return `<!doctype html>
<html lang="${esc(locale)}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(t('records:report.title', { job: jobName, id: record.id }))}</title>
<style>${REPORT_CSS}</style></head><body>
<h1>${esc(jobName)}</h1>
${renderSummary(record, t, clock, outcome)}
<h2>${esc(t('records:report.steps'))}</h2>
${rendered.map((r) => r.html).join('\n') || `<p>${esc(t('records:report.noSteps'))}</p>`}
${renderAppendix(record, exchanges, raw, t, clock, ctx.appendixOpen ?? false)}
<footer>${esc(t('records:report.footer', { version: ctx.appVersion, time: clock.time(ctx.generatedAt) }))}</footer>
</body></html>
`
}

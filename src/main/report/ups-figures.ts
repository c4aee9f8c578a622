/**
 * What the UPS acceptance test's report shows beside its steps' tables: the
 * battery's curve under the discharge step, and the alarms seen from the
 * mains cut on, with their times, under the return to mains.
 */
import type { RecordDetail, RecordStep } from '@shared/contract'
import { alarmsOf, dischargeOf } from '@shared/devices/ups/acceptance-record'
import { dischargeChartSvg } from '@shared/devices/ups/discharge-chart-svg'
import { valueNameKey } from '@shared/devices/ups/names'
import type { Translate } from '@shared/i18n/localize'
import { esc } from './esc'

export function upsTestFigures(record: RecordDetail, t: Translate, num: (n: number) => string, time: (ms: number | null) => string): Map<RecordStep, string> {
  const figures = new Map<RecordStep, string>()
  if (record.jobType !== 'upsTest') return figures
  const latest = (key: string) => record.steps.filter((s) => s.key === key && s.status === 'done').at(-1)
  const discharge = latest('discharge')
  const chart = dischargeChartSvg(dischargeOf(record.meta), t, num)
  if (discharge && chart) figures.set(discharge, chart)
  const back = latest('mainsReturn')
  const alarms = alarmsOf(record.meta)
  if (back) {
    const rows = alarms
      .map((a) => `<tr><td>${esc(a.localized ? t(valueNameKey(a.n)) : a.name)}</td><td>${esc(time(a.raisedAt))}</td><td>${esc(a.clearedAt === null ? t('upsTest:results.stillActive') : time(a.clearedAt))}</td></tr>`)
      .join('')
    figures.set(
      back,
      `<table class="m alarms"><caption>${esc(t('upsTest:results.alarms'))}</caption><thead><tr><th>${esc(t('upsTest:results.alarm'))}</th><th>${esc(t('upsTest:results.raised'))}</th><th>${esc(t('upsTest:results.cleared'))}</th></tr></thead><tbody>${rows || `<tr><td colspan="3">${esc(t('upsTest:results.noAlarms'))}</td></tr>`}</tbody></table>`,
    )
  }
  return figures
}

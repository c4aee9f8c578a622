import { memo, useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import type { SeriesStore } from '@shared/series/store'
import { TimeChart } from '../../components/charts/TimeChart'

/** the chart shows at least this much time, so the first seconds are not stretched across it */
const MIN_SPAN_MS = 60_000
/** a poll missed for longer than this breaks the line rather than drawing across the silence */
const GAP_MS = 5_000

interface EvseChartsProps {
  store: SeriesStore
  revision: number
  /** the session's first sample */
  from: number
  /** its newest sample */
  latest: number
  /** the two series' names in the UI language */
  labels: { power: string; current: string }
  height: number
  /** the charts' test ids are this followed by `-power` and `-current` */
  testId: string
}

/** A charging session's power and current as it runs, on two charts as the units differ; the caller lays them out (and keeps `labels` the same object while their words are). */
export const EvseCharts = memo(function EvseCharts({ store, revision, from, latest, labels, height, testId }: EvseChartsProps) {
  const { i18n } = useTranslation()
  const to = Math.max(latest, from + MIN_SPAN_MS)
  const language = i18n.language
  const formatValue = useCallback((n: number) => n.toLocaleString(language, { maximumFractionDigits: 1 }), [language])
  const chart = (key: 'powerW' | 'currentA', label: string, unit: string, suffix: string) => (
    <TimeChart
      store={store}
      revision={revision}
      series={[{ key, label, unit }]}
      from={from}
      to={to}
      live
      gapMs={GAP_MS}
      height={height}
      formatValue={formatValue}
      testId={`${testId}-${suffix}`}
    />
  )
  return (
    <>
      {chart('powerW', labels.power, 'W', 'power')}
      {chart('currentA', labels.current, 'A', 'current')}
    </>
  )
})

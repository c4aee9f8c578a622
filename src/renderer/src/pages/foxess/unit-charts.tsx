import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { convertValue } from '@shared/devices/foxess/values'
import { seriesCsv } from '@shared/series/csv'
import type { SeriesStore } from '@shared/series/store'
import { TimeChart } from '../../components/charts/TimeChart'
import { useFoxFormat, useFoxNames } from '../../components/foxess/format'

const MAX_CHARTS = 4

/** A Fox variable on a chart: its store key, and its unit as the cloud gives it. */
export interface FoxChartVariable {
  key: string
  variable: string
  unit: string
}

/**
 * One chart per unit (kW with kW, % with %), at most four, in the person's
 * units (kW or W, ℃ or ℉) and language.
 */
export function UnitCharts({ store, revision, vars, from, to, live, timeZone, gapMs, testId }: { store: SeriesStore; revision: number; vars: FoxChartVariable[]; from: number; to: number; live?: boolean; timeZone: string; gapMs?: number; testId: string }) {
  const fmt = useFoxFormat()
  const names = useFoxNames()
  const { powerUnit, temperatureUnit } = fmt.prefs
  const unitsKey = vars.map((v) => `${v.key}=${v.unit}`).join('|')
  // stable while units and preferences stay, so a new sample is the only thing that re-queries
  const convert = useMemo(() => {
    const units = new Map(vars.map((v) => [v.key, v.unit]))
    return (key: string, value: number) => convertValue(value, units.get(key) ?? '', { powerUnit, temperatureUnit }).value
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [unitsKey, powerUnit, temperatureUnit])
  const groups = new Map<string, FoxChartVariable[]>()
  for (const v of vars) if (store.has(v.key)) groups.set(v.unit, [...(groups.get(v.unit) ?? []), v])
  return [...groups.entries()].slice(0, MAX_CHARTS).map(([unit, group]) => (
    <TimeChart
      key={unit}
      store={store}
      revision={revision}
      series={group.map((v) => ({ key: v.key, label: names.variable(v.variable), unit: fmt.convert(1, v.unit).unit }))}
      from={from}
      to={to}
      live={live}
      convert={convert}
      timeZone={timeZone}
      gapMs={gapMs}
      formatValue={(v) => fmt.number(v)}
      testId={testId}
    />
  ))
}

/** The chosen variables over a window as CSV, in the cloud's units: ISO times with the plant's offset, min and max where the store keeps buckets. */
export function useFoxCsv() {
  const { t } = useTranslation()
  const names = useFoxNames()
  return (store: SeriesStore, vars: FoxChartVariable[], from: number, to: number, timeZone: string) =>
    seriesCsv(
      store,
      vars.map((v) => ({ key: v.key, label: v.unit ? `${names.variable(v.variable)} (${v.unit})` : names.variable(v.variable) })),
      { from, to, timeZone, timeLabel: t('common:chart.time'), minLabel: t('common:chart.min'), maxLabel: t('common:chart.max') },
    )
}

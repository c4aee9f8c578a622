import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { convertValue, type DisplayPrefs } from '@shared/devices/foxess/values'
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
  const { i18n } = useTranslation()
  const language = i18n.language
  const varsKey = vars.map((v) => `${v.key}=${v.variable}=${v.unit}`).join('|')
  // stable while the variables, units, preferences and language stay: a live sample re-queries the store and translates nothing
  const { convert, labels } = useMemo(() => {
    // every conversion is a scale and an offset (kW → W, ℃ → ℉): taken once per series, applied per point without allocating
    const maps = new Map(vars.map((v) => [v.key, linearConversion(v.unit, { powerUnit, temperatureUnit })]))
    const labels = new Map(vars.map((v) => [v.key, { label: names.variable(v.variable), unit: convertValue(1, v.unit, { powerUnit, temperatureUnit }).unit }]))
    // in the cloud's own units (the default) the chart draws the stored values as they are
    if ([...maps.values()].every((m) => m.scale === 1 && m.offset === 0)) return { convert: undefined, labels }
    const convert = (key: string, value: number) => {
      const m = maps.get(key)
      return m ? value * m.scale + m.offset : value
    }
    return { convert, labels }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [varsKey, powerUnit, temperatureUnit, language, names.ready])
  // fmt.number is the language's number format
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const formatValue = useMemo(() => (v: number) => fmt.number(v), [language])
  const groups = new Map<string, FoxChartVariable[]>()
  for (const v of vars) if (store.has(v.key)) groups.set(v.unit, [...(groups.get(v.unit) ?? []), v])
  return [...groups.entries()].slice(0, MAX_CHARTS).map(([unit, group]) => (
    <TimeChart
      key={unit}
      store={store}
      revision={revision}
      series={group.map((v) => ({ key: v.key, ...labels.get(v.key)! }))}
      from={from}
      to={to}
      live={live}
      convert={convert}
      timeZone={timeZone}
      gapMs={gapMs}
      formatValue={formatValue}
      testId={testId}
    />
  ))
}

/** A unit's conversion to the person's units as value · scale + offset. */
function linearConversion(unit: string, prefs: DisplayPrefs) {
  const offset = convertValue(0, unit, prefs).value
  return { scale: convertValue(1, unit, prefs).value - offset, offset }
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

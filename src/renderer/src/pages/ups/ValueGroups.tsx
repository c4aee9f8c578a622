import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import type { UpsMonitorLayout, UpsReading, UpsValueInfo } from '@shared/contract'
import { groupName, valueName } from './names'

const shown = (r: UpsReading | undefined, unit: string): string => (r?.value === null || r?.value === undefined ? '—' : `${r.value}${unit ? ` ${unit}` : ''}`)

function ValueRow({ info, reading }: { info: UpsValueInfo; reading: UpsReading | undefined }) {
  const { t } = useTranslation()
  const stale = !reading || reading.stale || reading.value === null
  if (info.indicator) {
    const lit = reading?.raw !== null && reading?.raw !== undefined && reading.raw !== 0
    const state = stale ? 'stale' : lit ? (info.indicator === 'alarm' ? 'alarm' : 'on') : 'off'
    return (
      <li className={`ups-light ${state}`} data-n={info.n} data-state={state} title={t(`upsMonitor:light.${state}`)}>
        <span className="lamp" aria-hidden="true" />
        <span className="ups-name">{valueName(t, info)}</span>
      </li>
    )
  }
  return (
    <li className={stale ? 'ups-value stale' : 'ups-value'} data-n={info.n} data-stale={stale}>
      <span className="ups-name">{valueName(t, info)}</span>
      <span className="ups-number">{shown(reading, info.unit)}</span>
    </li>
  )
}

const sameReading = (a: UpsReading | undefined, b: UpsReading | undefined): boolean =>
  a === b || (a !== undefined && b !== undefined && a.raw === b.raw && a.value === b.value && a.stale === b.stale && a.unit === b.unit)

/** A poll brings a new object for every value; a row draws again only when what it shows changed. */
const Value = memo(ValueRow, (before, after) => before.info === after.info && sameReading(before.reading, after.reading))

/** The file's values as its groups have them: numbers with units, status bits as lights; a stale value greys out. */
export function ValueGroups({ layout, readings }: { layout: UpsMonitorLayout; readings: UpsReading[] }) {
  const { t } = useTranslation()
  const byN = new Map(readings.map((r) => [r.n, r]))
  const info = new Map(layout.values.map((v) => [v.n, v]))
  const unplaced = new Set(layout.notMeasurable)
  const grouped = new Set(layout.groups.flatMap((g) => g.values))
  const loose = layout.values.filter((v) => !grouped.has(v.n) && !unplaced.has(v.n))
  return (
    <div className="ups-groups" data-testid="ups-groups">
      {layout.groups.map((g) => {
        const values = g.values.filter((n) => !unplaced.has(n)).map((n) => info.get(n)!)
        if (!values.length) return null
        return (
          <section key={g.id} className="panel ups-group" data-group={g.id}>
            <h3>{groupName(t, g)}</h3>
            <ul>
              {values.map((v) => (
                <Value key={v.n} info={v} reading={byN.get(v.n)} />
              ))}
            </ul>
          </section>
        )
      })}
      {loose.length > 0 && (
        <section className="panel ups-group">
          <h3>{t('upsMonitor:ungrouped')}</h3>
          <ul>
            {loose.map((v) => (
              <Value key={v.n} info={v} reading={byN.get(v.n)} />
            ))}
          </ul>
        </section>
      )}
      {unplaced.size > 0 && (
        <p className="banner warn" data-testid="ups-unplaced">
          {t('upsMonitor:unplaced', { count: unplaced.size })}
        </p>
      )}
    </div>
  )
}

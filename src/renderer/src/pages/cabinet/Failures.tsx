import { useTranslation } from 'react-i18next'
import type { CabinetFailure } from '@shared/contract'
import { formatBand, localizeMeasurement, localizeStep, type Translate } from '@shared/i18n/localize'
import { useTranslate } from '../../components/translate'

/** A failed measurement as a person reads it: what, the value and the band it missed (`Channel 3 current: 0 A · band 0.35 … 0.7`). */
export function failureText(tt: Translate, language: string, failure: CabinetFailure): string {
  const num = (n: number) => n.toLocaleString(language)
  const shown =
    typeof failure.value === 'number'
      ? `${num(failure.value)}${failure.unit ? ` ${failure.unit}` : ''}`
      : typeof failure.value === 'boolean'
        ? tt(failure.value ? 'common:yes' : 'common:no')
        : failure.value === '—'
          ? tt('cabinet:run.noAnswer')
          : failure.value
  const band = formatBand(failure, num)
  const value = band ? tt('cabinet:run.failureBand', { value: shown, band: failure.unit ? `${band} ${failure.unit}` : band }) : shown
  return `${localizeMeasurement(tt, 'cabinetTest', failure.key)}: ${value}`
}

/**
 * What failed in the latest attempt of each step, each slot or channel with
 * its value against its band; once the run is over, the retest of them all
 * beside it, where the person is looking.
 */
export function Failures({ failures, onRetestAll, passedOnRetest }: { failures: CabinetFailure[]; onRetestAll: (() => void) | null; passedOnRetest: string | null }) {
  const { t, i18n } = useTranslation()
  const tt = useTranslate()
  // once a retest has mended everything, the place the failures were says so
  if (!failures.length)
    return passedOnRetest ? (
      <div className="panel passed-on-retest" data-testid="cabinet-passed-on-retest-panel">
        <p>{passedOnRetest}</p>
      </div>
    ) : null
  return (
    <div className="panel failures" data-testid="cabinet-failures">
      <h2>{t('cabinet:run.failures')}</h2>
      <ul>
        {failures.map((failure) => (
          <li key={`${failure.step}-${failure.key}`} data-key={failure.key} data-slot={failure.slot ?? ''}>
            <span className="muted">{localizeStep(tt, 'cabinetTest', failure.step)} · </span>
            {failureText(tt, i18n.language, failure)}
          </li>
        ))}
      </ul>
      {onRetestAll && (
        <div className="actions">
          <button type="button" onClick={onRetestAll} data-testid="cabinet-retest-all">
            {t('cabinet:run.retestAll')}
          </button>
          <span className="hint">{t('cabinet:run.retestAllHint')}</span>
        </div>
      )}
    </div>
  )
}

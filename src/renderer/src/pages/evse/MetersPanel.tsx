import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import { AppError, type EvseSnapshot } from '@shared/contract'
import { useErrorText } from '../../components/errors'
import { useLiveStatus } from './live-status'

/** Both meters' register maps decoded: description, value with its unit, error counter and freshness; the link's health from Status, re-rendered only when its counters move. */
export const MetersPanel = memo(function MetersPanel({ snapshot }: { snapshot: EvseSnapshot }) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const meters = snapshot.meters
  const status = useLiveStatus(snapshot, ({ status: s }) => ({ meter1Errors: s?.meter1Errors, meter2Errors: s?.meter2Errors }))
  const health = (errors: number | null | undefined) =>
    errors === null || errors === undefined ? '—' : errors > 0 ? t('evse:meterHealth.errors', { count: errors }) : t('evse:meterHealth.ok')
  return (
    <div className="panel evse-meters" data-testid="evse-meters">
      {meters.map((m) => {
        const errors = m.meter === 1 ? status.meter1Errors : status.meter2Errors
        return (
          <div key={m.meter} data-testid={`evse-meter-${m.meter}`}>
            <div className="row">
              <h2>{t('evse:page.meter', { meter: m.meter })}</h2>
              <span className={errors ? 'badge fail' : 'badge'}>{health(errors)}</span>
            </div>
            {m.error && <p className="evse-error">{errorText(AppError.fromPayload(m.error))}</p>}
            {m.reading && !m.reading.registers.length && <p className="muted">{t('evse:cli.noRegisters')}</p>}
            {m.reading && m.reading.registers.length > 0 && (
              <table className="grid compact">
                <thead>
                  <tr>
                    <th>{t('evse:columns.description')}</th>
                    <th>{t('evse:columns.value')}</th>
                    <th>{t('evse:columns.errors')}</th>
                    <th>{t('evse:columns.freshness')}</th>
                  </tr>
                </thead>
                <tbody>
                  {m.reading.registers.map((r) => (
                    <tr key={r.key} title={r.key}>
                      <td>{r.name ?? r.key}</td>
                      <td className="num">
                        {r.value === null ? '—' : String(Number(r.value.toFixed(3)))} {r.unit ?? ''}
                      </td>
                      <td className="num">{r.errors ?? '—'}</td>
                      <td className={r.freshness === 'valid' ? '' : 'evse-bad'}>{t(`evse:freshness.${r.freshness}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        )
      })}
    </div>
  )
})

import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import { AppError, type EvseSnapshot } from '@shared/contract'
import { isEvseErrorState } from '@shared/devices/evse/states'
import { useErrorText } from '../../components/errors'
import { useLiveStatus } from './live-status'

/** Below this signal the charger's Wi-Fi link is likely to drop answers. */
const WEAK_WIFI_PERCENT = 30

/** What the charger is (product, firmware, MAC, Wi-Fi) and its general health: the problems found, or that there are none; a live update re-renders it only when the health or Wi-Fi changed. */
export const ChargerPanel = memo(function ChargerPanel({ snapshot }: { snapshot: EvseSnapshot }) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const info = snapshot.info
  const live = useLiveStatus(snapshot, ({ status: s }) => ({
    fault: s !== null && isEvseErrorState(s.state),
    meter1Errors: s?.meter1Errors,
    meter2Errors: s?.meter2Errors,
    systemVersion: s?.systemVersion ?? null,
    ssid: s?.wifi?.ssid ?? null,
    rssiDbm: s?.wifi?.rssiDbm ?? null,
    percent: s?.wifi?.percent ?? null,
    wifi: Boolean(s?.wifi),
  }))
  const wifi = info?.wifi ?? (live.wifi ? { ssid: live.ssid, rssiDbm: live.rssiDbm, percent: live.percent } : null)
  const problems: string[] = []
  if (live.fault) problems.push(t('evse:health.fault'))
  for (const [meter, errors] of [
    [1, live.meter1Errors],
    [2, live.meter2Errors],
  ] as const) {
    if (errors) problems.push(t('evse:health.meterErrors', { meter, count: errors }))
  }
  if (wifi?.percent !== null && wifi?.percent !== undefined && wifi.percent < WEAK_WIFI_PERCENT) problems.push(t('evse:health.weakWifi', { percent: wifi.percent }))
  const wifiText = wifi ? [wifi.ssid, wifi.rssiDbm === null ? null : t('evse:unit.dbm', { value: wifi.rssiDbm }), wifi.percent === null ? null : `${wifi.percent}%`].filter(Boolean).join(' · ') : '—'

  return (
    <div className="panel" data-testid="evse-charger">
      <h2>{t('evse:page.charger', { host: snapshot.host })}</h2>
      {snapshot.infoError && <p className="evse-error">{errorText(AppError.fromPayload(snapshot.infoError))}</p>}
      <dl className="evse-kv">
        <dt>{t('evse:page.product')}</dt>
        <dd>{info?.productType ?? '—'}</dd>
        <dt>{t('evse:page.firmware')}</dt>
        <dd>{info?.systemVersion ?? live.systemVersion ?? '—'}</dd>
        <dt>{t('evse:page.mac')}</dt>
        <dd>{info?.mac ?? '—'}</dd>
        <dt>{t('evse:page.wifi')}</dt>
        <dd>{wifiText}</dd>
        <dt>{t('evse:page.health')}</dt>
        <dd className={problems.length ? 'evse-bad' : 'evse-good'} data-testid="evse-health">
          {problems.length ? problems.join('; ') : t('evse:health.ok')}
        </dd>
        {info?.generalInfo ? (
          <>
            <dt>{t('evse:page.generalInfo')}</dt>
            <dd>{info.generalInfo}</dd>
          </>
        ) : null}
      </dl>
    </div>
  )
})

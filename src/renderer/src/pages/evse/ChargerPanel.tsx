import { useTranslation } from 'react-i18next'
import type { AppErrorPayload, EvseSnapshot, EvseStatus } from '@shared/contract'
import { isEvseErrorState } from '@shared/devices/evse/states'

/** Below this signal the charger's Wi-Fi link is likely to drop answers. */
const WEAK_WIFI_PERCENT = 30

interface Props {
  snapshot: EvseSnapshot
  status: EvseStatus | null
  errorOf: (payload: AppErrorPayload | null) => string | null
}

/** What the charger is (product, firmware, MAC, Wi-Fi) and its general health: the problems found, or that there are none. */
export function ChargerPanel({ snapshot, status, errorOf }: Props) {
  const { t } = useTranslation()
  const info = snapshot.info
  const wifi = info?.wifi ?? status?.wifi ?? null
  const problems: string[] = []
  if (status && isEvseErrorState(status.state)) problems.push(t('evse:health.fault'))
  for (const [meter, errors] of [
    [1, status?.meter1Errors],
    [2, status?.meter2Errors],
  ] as const) {
    if (errors) problems.push(t('evse:health.meterErrors', { meter, count: errors }))
  }
  if (wifi?.percent !== null && wifi?.percent !== undefined && wifi.percent < WEAK_WIFI_PERCENT) problems.push(t('evse:health.weakWifi', { percent: wifi.percent }))
  const wifiText = wifi ? [wifi.ssid, wifi.rssiDbm === null ? null : t('evse:unit.dbm', { value: wifi.rssiDbm }), wifi.percent === null ? null : `${wifi.percent}%`].filter(Boolean).join(' · ') : '—'

  return (
    <div className="panel" data-testid="evse-charger">
      <h2>{t('evse:page.charger', { host: snapshot.host })}</h2>
      {snapshot.infoError && <p className="evse-error">{errorOf(snapshot.infoError)}</p>}
      <dl className="evse-kv">
        <dt>{t('evse:page.product')}</dt>
        <dd>{info?.productType ?? '—'}</dd>
        <dt>{t('evse:page.firmware')}</dt>
        <dd>{info?.systemVersion ?? status?.systemVersion ?? '—'}</dd>
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
}

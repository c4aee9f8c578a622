import { useTranslation } from 'react-i18next'
import type { ConfigWriteResult, EvseConfigField, EvseSetupView } from '@shared/contract'
import { evseStateKey, evseStateName, isEvseErrorState } from '@shared/devices/evse/states'
import { settingValueText } from '@shared/i18n/measurement-text'
import { useTranslate } from '../../components/translate'

const fieldKey = (key: EvseConfigField) => key[0]!.toLowerCase() + key.slice(1)

/** The charger as the job found it, and whether its configuration is safely in the record. */
export function SetupCharger({ view }: { view: EvseSetupView }) {
  const { t } = useTranslation()
  const id = view.identity
  const name = id ? evseStateName(id.state) : null
  const wifi = id?.wifi ? `${id.wifi.ssid}${id.wifi.percent === null ? '' : ` · ${id.wifi.percent}%`}${id.wifi.rssiDbm === null ? '' : ` · ${t('evse:unit.dbm', { value: id.wifi.rssiDbm })}`}` : '—'
  return (
    <div className="panel evse-setup-facts" data-testid="evse-setup-charger">
      <h2>{t('evse:page.charger', { host: view.host })}</h2>
      {id ? (
        <dl className="evse-setup-dl">
          <dt>{t('evse:page.product')}</dt>
          <dd data-testid="evse-setup-product">{id.productType ?? '—'}</dd>
          <dt>{t('evse:page.firmware')}</dt>
          <dd>{id.firmware ?? '—'}</dd>
          <dt>{t('evse:page.mac')}</dt>
          <dd>{id.mac ?? '—'}</dd>
          <dt>{t('evse:page.wifi')}</dt>
          <dd>{wifi}</dd>
          <dt>{t('evse:page.health')}</dt>
          <dd className={isEvseErrorState(id.state) ? 'evse-bad' : ''}>
            {name ? t(`evse:stateName.${evseStateKey(name)}`) : t('evse:stateUnknown', { code: id.state })}
            {id.generalInfo ? ` · ${id.generalInfo}` : ''}
          </dd>
        </dl>
      ) : (
        <p className="muted">{t('common:working')}</p>
      )}
      <p className={view.backup ? 'evse-good' : 'muted'} data-testid="evse-setup-backup">
        {view.backup ? t('evseSetup:ui.backupTaken', { count: Object.keys(view.backup).length }) : t('evseSetup:ui.noBackup')}
      </p>
    </div>
  )
}

/** A configuration write as the charger took it, field by field; also what "Restore" did. */
export function SetupWriteResult({ result, testId, title }: { result: ConfigWriteResult; testId: string; title?: string }) {
  const { t, i18n } = useTranslation()
  const tt = useTranslate()
  const num = (n: number) => n.toLocaleString(i18n.language)
  const value = (field: EvseConfigField, v: unknown) =>
    typeof v === 'number' || typeof v === 'boolean' || (typeof v === 'string' && v !== '') ? settingValueText(tt, 'evseSetup', fieldKey(field), v, num) : '—'
  return (
    <div className={result.ok ? 'evse-outcome ok' : 'evse-outcome fail'} data-testid={testId} data-ok={String(result.ok)}>
      <p>
        {title && <strong>{title} </strong>}
        {result.sent === null && result.ok
          ? t('evse:write.nothing')
          : result.ok
            ? t('evse:write.allApplied', { count: result.fields.length })
            : t('evse:write.someNotApplied', { count: result.fields.filter((f) => !f.applied).length })}
        {result.restarted && ` ${t('evse:page.restarted')}`}
      </p>
      {result.fields.length > 0 && (
        <ul>
          {result.fields.map((f) => (
            <li key={f.field} data-field={f.field} data-applied={String(f.applied)}>
              {t(`evse:field.${fieldKey(f.field)}`)}: {value(f.field, f.before)} → {value(f.field, f.after)}{' '}
              {f.applied ? (
                <span className="evse-good">{t('evse:write.applied')}</span>
              ) : (
                <span className="evse-bad">{t('evse:write.notApplied', { after: value(f.field, f.after), reason: t(`evse:writeReason.${f.reason ?? 'ignored'}`) })}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

import { useTranslation } from 'react-i18next'
import type { TestChargeView } from '@shared/contract'
import { formatBand } from '@shared/i18n/localize'
import { measurementText } from '@shared/i18n/measurement-text'
import { evseStateKey, evseStateName } from '@shared/devices/evse/states'
import { useTranslate } from '../../components/translate'
import { VerdictBadge } from '../../components/Verdict'
import type { TestChargeSeries } from '../../stores/evse-setup'
import { EvseCharts } from './EvseCharts'

/** The test charge as it runs: what it is doing, the live state and figures, power and current on the shared chart, and each check with its verdict. */
export function SetupTestCharge({ view, series }: { view: TestChargeView; series: TestChargeSeries | undefined }) {
  const { t, i18n } = useTranslation()
  const tt = useTranslate()
  const num = (n: number) => n.toLocaleString(i18n.language, { maximumFractionDigits: 1 })
  const last = view.samples.at(-1)
  const stateName = last ? evseStateName(last.state) : null
  const from = view.samples[0]?.at ?? 0
  return (
    <div className="panel evse-setup-charge" data-testid="evse-setup-charge" data-phase={view.phase}>
      <h2>
        {t('evseSetup:ui.chargeTitle')} · {t(`evseSetup:phase.${view.phase}`)}
      </h2>
      <div className="evse-setup-figures" data-testid="evse-setup-figures">
        <span>{stateName ? t(`evse:stateName.${evseStateKey(stateName)}`) : '—'}</span>
        <span>{t('evse:unit.amps', { value: last?.currentA === null || !last ? '—' : num(last.currentA) })}</span>
        <span>{t('evse:unit.watts', { value: last?.powerW === null || !last ? '—' : num(last.powerW) })}</span>
        <span>{t('evseSetup:ui.energyWh', { value: last?.energyWh === null || !last ? '—' : num(last.energyWh) })}</span>
      </div>
      {series && view.samples.length > 0 && (
        <div className="evse-setup-charts">
          <EvseCharts
            store={series.store}
            revision={series.revision}
            from={from}
            latest={last?.at ?? 0}
            labels={{ power: t('evseSetup:measurements.chargingPower'), current: t('evseSetup:measurements.chargingCurrent') }}
            height={130}
            testId="evse-setup-chart"
          />
        </div>
      )}
      {view.checks.length > 0 && (
        <table className="grid compact" data-testid="evse-setup-checks">
          <tbody>
            {view.checks.map((m, i) => {
              const { label, value } = measurementText(tt, 'evseSetup', { key: 'testCharge', measurements: view.checks }, m, num)
              const band = formatBand(m, num)
              return (
                <tr key={`${m.key}${i}`} data-check={m.key} data-verdict={m.verdict ?? ''}>
                  <td>{label}</td>
                  <td>
                    {value}
                    {m.unit ? ` ${m.unit}` : ''}
                    {band && <span className="muted"> ({band})</span>}
                  </td>
                  <td>{m.verdict && m.verdict !== 'info' ? <VerdictBadge verdict={m.verdict} /> : null}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </div>
  )
}

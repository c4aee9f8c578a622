import { useTranslation } from 'react-i18next'
import { UpsLineFaults, UpsScenarios } from '@shared/contract'
import { ErrorBanner } from '../../components/ErrorBanner'
import { useUpsSim } from './use-ups-sim'

/** Demo mode only: the hands at the simulated UPS — what it lives through, what goes wrong on the line, the cable. */
export function UpsDemoPanel() {
  const { t } = useTranslation()
  const { sim, error, clearError, control } = useUpsSim()

  if (!sim?.running) return null
  return (
    <aside className="panel demo-panel ups-demo" data-testid="ups-demo">
      <h2>{t('upsMonitor:demo.title')}</h2>
      <ErrorBanner message={error} onClose={clearError} />
      <p className="hint" data-testid="ups-demo-state">
        {t('upsMonitor:demo.state', { stage: t(`upsMonitor:stage.${sim.stage}`), capacity: Math.round(sim.capacity), load: sim.load })}
      </p>
      <h3>{t('upsMonitor:demo.scenario')}</h3>
      <div className="door-buttons">
        {UpsScenarios.map((s) => (
          <button key={s} type="button" className={s === sim.scenario ? 'small' : 'secondary small'} aria-pressed={s === sim.scenario} onClick={() => void control({ action: 'scenario', scenario: s })} data-scenario={s}>
            {t(`upsMonitor:scenario.${s}`)}
          </button>
        ))}
      </div>
      <h3>{t('upsMonitor:demo.line')}</h3>
      <div className="door-buttons">
        {UpsLineFaults.map((f) => (
          <button key={f} type="button" className={f === sim.lineFault ? 'small' : 'secondary small'} aria-pressed={f === sim.lineFault} onClick={() => void control({ action: 'lineFault', fault: f })} data-line-fault={f}>
            {t(`upsMonitor:lineFault.${f}`)}
          </button>
        ))}
      </div>
      <div className="actions">
        {sim.plugged ? (
          <button type="button" className="secondary small" onClick={() => void control({ action: 'pullCable' })} data-testid="ups-demo-pull">
            {t('upsMonitor:demo.pull')}
          </button>
        ) : (
          <button type="button" className="small" onClick={() => void control({ action: 'plugCable' })} data-testid="ups-demo-plug">
            {t('upsMonitor:demo.plug')}
          </button>
        )}
      </div>
    </aside>
  )
}

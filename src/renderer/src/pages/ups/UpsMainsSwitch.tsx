import { useTranslation } from 'react-i18next'
import { useUpsSim } from './use-ups-sim'

/** Demo mode only: the simulated UPS's mains breaker, where the acceptance test asks the engineer to switch it. */
export function UpsMainsSwitch() {
  const { t } = useTranslation()
  const { sim, error, control } = useUpsSim()
  if (!sim?.running) return null
  const toggle = () => control({ action: 'mains', on: !sim.mains })
  return (
    <span className="ups-mains-switch">
      <button type="button" className="secondary" onClick={() => void toggle()} data-testid="ups-demo-mains" data-mains={sim.mains ? 'on' : 'off'}>
        {t(sim.mains ? 'upsTest:page.demoCut' : 'upsTest:page.demoRestore')}
      </button>
      {error && <span className="note">{error}</span>}
    </span>
  )
}

import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../api'
import { useErrorText } from '../../components/errors'
import { useUps } from '../../stores/ups'

/** Demo mode only: the simulated UPS's mains breaker, where the acceptance test asks the engineer to switch it. */
export function UpsMainsSwitch() {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const sim = useUps((s) => s.sim)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    api()
      .upsSimState()
      .then((state) => useUps.getState().setSim(state))
      .catch(() => undefined)
  }, [])
  if (!sim?.running) return null
  const toggle = async () => {
    setError(null)
    try {
      useUps.getState().setSim(await api().upsSimControl({ action: 'mains', on: !sim.mains }))
    } catch (err) {
      setError(errorText(err))
    }
  }
  return (
    <span className="ups-mains-switch">
      <button type="button" className="secondary" onClick={() => void toggle()} data-testid="ups-demo-mains" data-mains={sim.mains ? 'on' : 'off'}>
        {t(sim.mains ? 'upsTest:page.demoCut' : 'upsTest:page.demoRestore')}
      </button>
      {error && <span className="note">{error}</span>}
    </span>
  )
}

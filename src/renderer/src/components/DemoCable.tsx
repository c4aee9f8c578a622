import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SimulatorInfo } from '@shared/contract'
import { api } from '../api'
import { useErrorText } from './errors'
import { ErrorBanner } from './ErrorBanner'

const SIM_PREFIX = 'sim:'

/**
 * For a simulated serial device: pull its cable and plug it back, to see
 * what a job does when a real cable comes loose. Renders nothing for real ports.
 */
export function DemoCable({ path }: { path: string }) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const [simulators, setSimulators] = useState<SimulatorInfo[]>([])
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const id = path.startsWith(SIM_PREFIX) ? path.slice(SIM_PREFIX.length) : null

  useEffect(() => {
    if (id) api().listSimulators().then(setSimulators, () => undefined)
  }, [id])

  const sim = simulators.find((s) => s.id === id)
  if (!id || !sim?.running) return null
  const toggle = async () => {
    setError(null)
    setBusy(true)
    try {
      setSimulators(sim.unplugged ? await api().plugSimulator({ id }) : await api().unplugSimulator({ id }))
    } catch (err) {
      setError(errorText(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="demo-cable">
      <span className="badge demo">{t('common:demoBadge')}</span>
      <button type="button" className="secondary small" disabled={busy} onClick={() => void toggle()} data-testid="demo-cable" data-unplugged={sim.unplugged}>
        {sim.unplugged ? t('devices:simulators.plug') : t('devices:simulators.unplug')}
      </button>
      <ErrorBanner message={error} />
    </div>
  )
}

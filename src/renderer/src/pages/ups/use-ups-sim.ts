import { useEffect, useState } from 'react'
import type { UpsSimControl } from '@shared/contract'
import { api } from '../../api'
import { useErrorText } from '../../components/errors'
import { useUps } from '../../stores/ups'

/** The simulated UPS as demo mode's controls see it: its state (read once, then followed), a control that sends one action, and that action's error in words. */
export function useUpsSim() {
  const errorText = useErrorText()
  const sim = useUps((s) => s.sim)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    api()
      .upsSimState()
      .then((state) => useUps.getState().setSim(state))
      .catch(() => undefined)
  }, [])
  const control = async (action: UpsSimControl) => {
    setError(null)
    try {
      useUps.getState().setSim(await api().upsSimControl(action))
    } catch (err) {
      setError(errorText(err))
    }
  }
  return { sim, error, clearError: () => setError(null), control }
}

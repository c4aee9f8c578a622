import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../api'
import { useFoxess } from '../../stores/foxess'
import { useErrorText } from '../errors'
import { useFoxFormat } from './format'

/** What the app has spent of the account's daily call budget, and what the cloud last said is left. */
export function BudgetBadge() {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const fmt = useFoxFormat()
  const status = useFoxess((s) => s.status)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    api().foxessGetStatus().then((s) => useFoxess.getState().setStatus(s), () => undefined)
  }, [])

  const refresh = async () => {
    setBusy(true)
    setError(null)
    try {
      useFoxess.getState().setStatus(await api().foxessRefreshAccessCount())
    } catch (err) {
      setError(errorText(err))
    } finally {
      setBusy(false)
    }
  }

  if (!status) return null
  // main reports a cool-down only while it lasts
  const cooling = status.coolDownUntil !== null
  return (
    <div className="budget" data-testid="foxess-budget" data-calls={status.callsToday}>
      <span className={status.demo ? 'badge demo' : 'badge'}>{status.demo ? t('foxess:budget.demo') : t('foxess:budget.cloud')}</span>
      <span>{t('foxess:budget.calls', { count: status.callsToday })}</span>
      <span
        className="muted"
        data-testid="foxess-budget-left"
        data-left={status.budget.left}
        title={status.accessCount ? t('foxess:budget.checkedAt', { time: fmt.dateTime(status.accessCount.at) }) : t('foxess:budget.notChecked')}
      >
        {t('foxess:budget.remaining', { remaining: status.budget.left, total: status.budget.total })}
      </span>
      {cooling && <span className="badge fail">{t('foxess:budget.coolDown', { time: fmt.time(status.coolDownUntil!) })}</span>}
      {status.budgetExhausted && <span className="badge fail">{t('foxess:budget.exhausted')}</span>}
      <button type="button" className="small secondary" disabled={busy} onClick={() => void refresh()} data-testid="foxess-budget-check">
        {t('foxess:budget.check')}
      </button>
      {error && <span className="badge fail">{error}</span>}
    </div>
  )
}

import { useTranslation } from 'react-i18next'
import type { StepVerdict, Verdict } from '@shared/contract'

export function VerdictBadge({ verdict, large }: { verdict: Verdict | StepVerdict | null; large?: boolean }) {
  const { t } = useTranslation()
  const value = verdict ?? 'none'
  return (
    <span className={`badge verdict-${value}${large ? ' large' : ''}`} data-verdict={value}>
      {t(`records:verdict.${value}`)}
    </span>
  )
}

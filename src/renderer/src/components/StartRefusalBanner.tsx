import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useErrorText } from './errors'
import { type StartRefusal, useJobActions } from './job-actions'

/**
 * A start refused because the device already has a job: says so, and offers
 * that job instead — return to it while it runs, resume or close it when it
 * was suspended.
 */
export function StartRefusalBanner({ refusal, onClose }: { refusal: StartRefusal | null; onClose: () => void }) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const actions = useJobActions()
  const [failure, setFailure] = useState<string | null>(null)
  if (!refusal) return null
  const attempt = (body: () => Promise<void>) => {
    setFailure(null)
    body().then(onClose, (err: unknown) => setFailure(errorText(err)))
  }
  return (
    <div className="banner error refusal" role="alert" data-testid="start-refused" data-code={refusal.code} data-other-record={refusal.recordId}>
      <span>{errorText(refusal.error)}</span>
      {failure && <span>{failure}</span>}
      <span className="actions">
        {refusal.code === 'jobDeviceBusy' ? (
          <button type="button" onClick={() => actions.returnTo(refusal.jobType, refusal.recordId)} data-testid="return-to-job">
            {t('jobs:open.returnTo')}
          </button>
        ) : (
          <>
            <button type="button" onClick={() => attempt(() => actions.resume(refusal.jobType, refusal.recordId))} data-testid="resume-job">
              {t('common:home.resume')}
            </button>
            <button type="button" className="secondary" onClick={() => attempt(() => actions.closeAborted(refusal.recordId))} data-testid="close-job">
              {t('common:home.closeAborted')}
            </button>
          </>
        )}
        <button type="button" className="link" onClick={onClose}>
          {t('common:dismiss')}
        </button>
      </span>
    </div>
  )
}

import { type ReactNode, type RefObject, useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { JobPhase } from '@shared/contract'
import { VerdictBadge } from './Verdict'

/**
 * The bottom line of every job page, kept in view however long the page
 * grows: where the job is (the running step, or its verdict once it has
 * ended), what the person does next, and the buttons for it.
 */
export function JobFooter({
  phase,
  stepLabel,
  next,
  verdictTestId,
  children,
}: {
  phase: JobPhase | undefined
  /** the running step, in words */
  stepLabel: string | null
  /** what the person does next, in words */
  next: string | null
  /** the page's own test id for the verdict */
  verdictTestId?: string
  children?: ReactNode
}) {
  const { t } = useTranslation()
  const state = phase?.phase
  return (
    <footer className={`job-footer ${state ?? ''}`} data-testid="job-footer" data-phase={state ?? ''}>
      <div className="job-footer-state">
        {state === 'finished' && (
          <span data-testid={verdictTestId} data-verdict={phase!.verdict}>
            <VerdictBadge verdict={phase!.verdict} large />
          </span>
        )}
        {state === 'aborted' && <span className="badge large verdict-none">{t('records:status.aborted')}</span>}
        {(state === 'running' || state === 'paused') && (
          <>
            {state === 'running' && <span className="spinner" aria-hidden />}
            <span className="job-footer-step">{stepLabel ?? t('common:working')}</span>
          </>
        )}
      </div>
      <p className="job-footer-next" data-testid="job-next">
        {next}
      </p>
      <div className="actions">{children}</div>
    </footer>
  )
}

/**
 * Brings what the job waits on into view as it moves: the element marked
 * `data-next-action` (a question, a form), else the running step and then
 * the question when it appears. `key` changes whenever the job moves on.
 */
export function useFollowJob<T extends HTMLElement = HTMLElement>(key: string): RefObject<T | null> {
  const container = useRef<T | null>(null)
  useEffect(() => {
    let watch: MutationObserver | null = null
    const frame = requestAnimationFrame(() => {
      const root = container.current
      if (!root) return
      const nextAction = () => root.querySelector<HTMLElement>('[data-next-action]')
      const target = nextAction() ?? root.querySelector<HTMLElement>('ol.steps li.current')
      target?.scrollIntoView({ block: 'nearest' })
      if (target?.hasAttribute('data-next-action')) return
      // a question may be drawn after the job asks it (the live data check waits for its first sample): followed once it is there
      watch = new MutationObserver(() => {
        const question = nextAction()
        if (!question) return
        watch?.disconnect()
        question.scrollIntoView({ block: 'nearest' })
      })
      watch.observe(root, { childList: true, subtree: true })
    })
    return () => {
      cancelAnimationFrame(frame)
      watch?.disconnect()
    }
  }, [key])
  return container
}

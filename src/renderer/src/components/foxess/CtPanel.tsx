import { useTranslation } from 'react-i18next'
import { type CtAnswer, type CtAttemptView, CtSystemKinds, type CtView, ctApplies } from '@shared/contract'
import { useFoxFormat } from './format'
import { WiringDiagram } from './WiringDiagram'

const bitsText = (a: CtAttemptView) => {
  const b = a.outcome?.bits ?? a.lastBits
  if (!b) return '—'
  const v = (x: number | null) => (x === null ? '—' : String(x))
  return `bit0 ${v(b.bit0)} · bit1 ${v(b.bit1)} · bit2 ${v(b.bit2)} · bit3 ${v(b.bit3)} · meterStatus ${v(b.meterStatus)}`
}

/** The CT flow as the installer sees it: the question, the conditions, the running check, the result and its wiring picture. */
export function CtPanel({ view, answer, busy }: { view: CtView; answer: (a: CtAnswer) => void; busy: boolean }) {
  const { t } = useTranslation()
  const fmt = useFoxFormat()
  const attempt = view.attempts[view.attempts.length - 1]
  const earlier = view.attempts.slice(0, -1)

  return (
    <div className="panel ct" data-testid="ct-panel" data-awaiting={view.awaiting ?? ''}>
      <h2>{t('ct:title')}</h2>
      {view.awaiting === 'ctApplicability' && (
        <div data-testid="ct-applicability" data-next-action>
          <p>{t('ct:applicability.question')}</p>
          <p className="hint">{t('ct:applicability.explain')}</p>
          <div className="choice-grid">
            {CtSystemKinds.map((kind) => (
              <button
                type="button"
                key={kind}
                disabled={busy}
                className={`choice${view.suggestedSystem === kind ? ' primary' : ''}`}
                onClick={() => answer({ kind: 'ctApplicability', system: kind })}
                data-testid={`ct-system-${kind}`}
              >
                <strong>{t(`ct:systems.${kind}`)}</strong>
                <span>{ctApplies(kind) ? t('ct:applicability.applies') : t('ct:applicability.notApplies')}</span>
                {view.suggestedSystem === kind && <span>{t('ct:applicability.suggested')}</span>}
              </button>
            ))}
          </div>
        </div>
      )}
      {view.system && !ctApplies(view.system) && <p className="banner warn">{t('ct:notApplicable', { system: t(`ct:systems.${view.system}`) })}</p>}
      {earlier.length > 0 && (
        <ul className="plain attempts">
          {earlier.map((a) => (
            <li key={a.attempt}>{t('ct:attemptSummary', { attempt: a.attempt, outcome: a.outcome ? t(`ct:outcomes.${a.outcome.kind}`) : t('ct:preconditionsFailed') })}</li>
          ))}
        </ul>
      )}
      {attempt && (
        <div className="attempt" data-testid="ct-attempt" data-attempt={attempt.attempt} data-stage={attempt.stage} data-outcome={attempt.outcome?.kind ?? ''}>
          <h3>{t('ct:attempt', { attempt: attempt.attempt })}</h3>
          {attempt.preconditions && (
            <table className="grid compact" data-testid="ct-conditions">
              <thead>
                <tr>
                  <th>{t('ct:condition')}</th>
                  <th>{t('ct:result')}</th>
                  <th>{t('ct:reason')}</th>
                  <th>{t('ct:whatToDo')}</th>
                </tr>
              </thead>
              <tbody>
                {attempt.preconditions.conditions.map((c) => (
                  <tr key={c.key} data-condition={c.key} data-pass={c.pass} data-known={c.known}>
                    <td>{t(`ct:conditions.${c.key}`)}</td>
                    <td>
                      {c.known ? (
                        <span className={`badge ${c.pass ? 'verdict-pass' : 'verdict-fail'}`}>{c.pass ? t('records:verdict.pass') : t('records:verdict.fail')}</span>
                      ) : (
                        <span className="badge verdict-none">{t('ct:unknown')}</span>
                      )}
                    </td>
                    <td>{t(`ct:reasons.${c.reason}`)}</td>
                    <td>{c.action ? t(`ct:actions.${c.action}`) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {attempt.preconditions && (
            // the cloud's own field names, folded away: for the vendor's support, not for reading the check
            <details className="raw-answer" data-testid="ct-raw-answer">
              <summary>{t('ct:rawAnswer')}</summary>
              <code className="mono muted">
                {attempt.preconditions.conditions
                  .flatMap((c) => Object.entries(c.raw))
                  .map(([k, v]) => `${k}=${v === null ? 'null' : String(v)}`)
                  .join(' ')}
              </code>
            </details>
          )}
          {view.awaiting === 'ctAfterPreconditions' && (
            <div className="actions" data-next-action>
              <span>{t('ct:fixAndRecheck')}</span>
              <button type="button" disabled={busy} onClick={() => answer({ kind: 'ctAfterPreconditions', action: 'recheck' })} data-testid="ct-recheck">
                {t('ct:recheck')}
              </button>
              <button type="button" className="secondary" disabled={busy} onClick={() => answer({ kind: 'ctAfterPreconditions', action: 'stop' })} data-testid="ct-stop">
                {t('ct:stop')}
              </button>
            </div>
          )}
          {(attempt.stage === 'starting' || attempt.stage === 'polling') && !attempt.outcome && (
            <div className="ct-progress" data-testid="ct-polling">
              <span className="spinner" aria-label={t('common:working')} />
              <span>{attempt.stage === 'starting' ? t('ct:starting') : attempt.lastMeaning ? t(`ct:meanings.${attempt.lastMeaning}`) : t('ct:waitingFirstPoll')}</span>
              <span className="muted">
                {t('ct:polls', { count: attempt.polls })}
                {attempt.nextPollAt ? ` · ${t('ct:nextPoll', { time: fmt.time(attempt.nextPollAt) })}` : ''}
                {attempt.timeoutAt ? ` · ${t('ct:giveUpAt', { time: fmt.time(attempt.timeoutAt) })}` : ''}
              </span>
              {attempt.stage === 'polling' && (
                <button type="button" className="secondary small" onClick={() => answer({ kind: 'ctStopPolling' })} data-testid="ct-stop-polling">
                  {t('ct:stopWaiting')}
                </button>
              )}
            </div>
          )}
          {attempt.outcome && (
            <div className={`ct-outcome ${attempt.outcome.kind}`} data-testid="ct-outcome" data-kind={attempt.outcome.kind}>
              <p className={`banner ${attempt.outcome.kind === 'normal' ? 'ok' : attempt.outcome.kind === 'cancelled' ? 'warn' : 'error'}`}>
                <strong>{t(`ct:outcomes.${attempt.outcome.kind}`)}</strong>
                <span>{t(`ct:outcomeHelp.${attempt.outcome.kind}`)}</span>
              </p>
              {attempt.outcome.error && <p className="banner error">{t(`errors:${attempt.outcome.error.code}`, { ...attempt.outcome.error.params })}</p>}
              {attempt.outcome.meters.map((m, i) => (
                <WiringDiagram key={i} meter={m} />
              ))}
              {attempt.outcome.detailsMissing && <p className="banner warn">{t('ct:detailsMissing')}</p>}
              <p className="hint mono" data-testid="ct-bits">
                {t('ct:rawStatus', { bits: bitsText(attempt), polls: attempt.outcome.polls, seconds: Math.round(attempt.outcome.elapsedMs / 1000) })}
              </p>
            </div>
          )}
          {view.awaiting === 'ctAfterResult' && (
            <div className="actions" data-next-action>
              <button type="button" disabled={busy} onClick={() => answer({ kind: 'ctAfterResult', action: 'finish' })} data-testid="ct-finish">
                {t('ct:finish')}
              </button>
              <button type="button" className="secondary" disabled={busy} onClick={() => answer({ kind: 'ctAfterResult', action: 'rerun' })} data-testid="ct-rerun">
                {t('ct:rerun')}
              </button>
            </div>
          )}
        </div>
      )}
    </div>
  )
}

import './wiring.css'
import { useTranslation } from 'react-i18next'
import type { CtMeterResult } from '@shared/contract'

const PHASE_LINE: Record<string, string> = { A: 'L1', B: 'L2', C: 'L3' }
const phaseLabel = (p: string | null) => (p ? `${p} (${PHASE_LINE[p] ?? p})` : '?')

/**
 * One meter's CT wiring as an installer draws it: on the left the phase each
 * CT input should sit on (inverterSide), on the right the phase it measures
 * (smartSide); a crossing line is a wrong phase order, a red, flipped arrow
 * a CT whose sensor reads wrong (reversed).
 */
export function WiringDiagram({ meter }: { meter: Pick<CtMeterResult, 'phases' | 'phaseFlag' | 'phaseOrderWrong' | 'sensorFault'> }) {
  const { t } = useTranslation()
  const rows = meter.phases
  if (!rows.length) return null
  const h = 60 + rows.length * 56
  const order = ['A', 'B', 'C']
  const yOf = (phase: string | null, fallback: number) => {
    const i = phase ? order.indexOf(phase) : -1
    return 50 + (i >= 0 ? i : fallback) * 56
  }
  return (
    <figure className="wiring" data-testid="ct-wiring">
      <svg viewBox={`0 0 660 ${h}`} role="img" aria-label={t('ct:wiring.label')}>
        <text x={16} y={24} className="wiring-head">
          {t('ct:wiring.expected')}
        </text>
        <text x={360} y={24} className="wiring-head">
          {t('ct:wiring.measured')}
        </text>
        {rows.map((p, i) => {
          const y1 = 50 + i * 56
          const y2 = yOf(p.measured, i)
          const wrong = p.expected !== null && p.measured !== null && p.expected !== p.measured
          const reversed = p.sensorOk === false
          const bad = wrong || reversed
          return (
            <g key={p.position} data-position={p.position} data-wrong={wrong} data-reversed={reversed}>
              <text x={16} y={y1 + 5} className="wiring-phase">
                {t('ct:wiring.input', { position: p.position, phase: phaseLabel(p.expected) })}
              </text>
              <line x1={190} y1={y1} x2={350} y2={y2} className={bad ? 'wiring-line bad' : 'wiring-line'} />
              {/* the CT sits on the straight part near its input, so crossing lines never hide one CT behind another */}
              <line x1={150} y1={y1} x2={190} y2={y1} className={bad ? 'wiring-line bad' : 'wiring-line'} />
              <circle cx={168} cy={y1} r={13} className={bad ? 'wiring-ct bad' : 'wiring-ct'} />
              <path
                d={reversed ? `M ${176} ${y1} l -14 0 m 0 0 l 5 -5 m -5 5 l 5 5` : `M ${160} ${y1} l 14 0 m 0 0 l -5 -5 m 5 5 l -5 5`}
                className={bad ? 'wiring-arrow bad' : 'wiring-arrow'}
              />
              <text x={360} y={y2 + 5} className={wrong ? 'wiring-phase bad' : 'wiring-phase'}>
                {phaseLabel(p.measured)}
              </text>
              <text x={500} y={y2 + 5} className={bad ? 'wiring-verdict bad' : 'wiring-verdict'}>
                {reversed ? t('ct:wiring.reversed') : wrong ? t('ct:wiring.wrongPhase') : t('ct:wiring.ok')}
              </text>
            </g>
          )
        })}
      </svg>
      <figcaption className="hint">
        {meter.phaseFlag !== null && <span className="mono">{t('ct:wiring.phaseFlag', { flag: meter.phaseFlag })} · </span>}
        {meter.phaseOrderWrong ? t('ct:wiring.phaseOrderHelp') : null} {meter.sensorFault ? t('ct:wiring.reversedHelp') : null}
      </figcaption>
    </figure>
  )
}

import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import type { EvseSnapshot } from '@shared/contract'
import { asLanguage, formatDateTime, formatTime } from '@shared/i18n/time'
import { useLiveStatus } from './live-status'

const num = (v: number | null | undefined, digits = 0) => (v === null || v === undefined ? '—' : v.toFixed(digits))

export function durationText(seconds: number | null): string {
  if (seconds === null) return '—'
  return [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60].map((n) => String(n).padStart(2, '0')).join(':')
}

/** When the status shown was read, or that the latest read failed: the one part of the heading that changes every second. */
export const LiveBadge = memo(function LiveBadge({ snapshot }: { snapshot: EvseSnapshot }) {
  const { t, i18n } = useTranslation()
  const { at, failed } = useLiveStatus(snapshot, (v) => ({ at: v.at, failed: v.error !== null }))
  const language = asLanguage(i18n.language)
  return (
    <span className={failed ? 'badge fail' : 'badge'} title={formatDateTime(at, language)}>
      {failed ? t('evse:page.liveFailed') : t('evse:page.liveAt', { time: formatTime(at, language) })}
    </span>
  )
})

/** The session's figures as they change: current, power, the power available, energy, duration, and how it charges. */
export const LiveFigures = memo(function LiveFigures({ snapshot }: { snapshot: EvseSnapshot }) {
  const { t } = useTranslation()
  const f = useLiveStatus(snapshot, ({ status: s }) => ({
    shown: s !== null,
    currentA: s?.currentA,
    powerW: s?.powerW,
    powerAvailableW: s?.powerAvailableW,
    energyWs: s?.energyWs ?? null,
    durationS: s?.durationS ?? null,
    started: s?.started,
    boosted: s?.boosted,
    threePhase: s?.threePhase ?? null,
  }))
  if (!f.shown) return null
  return (
    <dl className="evse-kv" data-testid="evse-live-figures">
      <dt>{t('evse:page.current')}</dt>
      <dd>{t('evse:unit.amps', { value: num(f.currentA, 1) })}</dd>
      <dt>{t('evse:page.power')}</dt>
      <dd>{t('evse:unit.watts', { value: num(f.powerW) })}</dd>
      <dt>{t('evse:page.powerAvailable')}</dt>
      <dd>{t('evse:unit.watts', { value: num(f.powerAvailableW) })}</dd>
      <dt>{t('evse:page.energy')}</dt>
      <dd>{t('evse:unit.kwh', { value: f.energyWs === null ? '—' : (f.energyWs / 3_600_000).toFixed(3) })}</dd>
      <dt>{t('evse:page.session')}</dt>
      <dd>{durationText(f.durationS)}</dd>
      <dt>{t('evse:page.charging')}</dt>
      <dd>
        {t(f.started ? 'evse:page.started' : 'evse:page.stopped')}
        {f.boosted ? ` · ${t('evse:page.boosted')}` : ''}
        {f.threePhase === null ? '' : ` · ${t(f.threePhase ? 'evse:page.threePhase' : 'evse:page.onePhase')}`}
      </dd>
    </dl>
  )
})

import { useTranslation } from 'react-i18next'
import { UPS_COMM_LOST, type UpsAlarm, type UpsMonitorLayout } from '@shared/contract'
import { formatTime } from '@shared/i18n/time'
import { useApp } from '../../stores/app'
import { valueName } from './names'

/** Active alarms first, newest first, then the ones that cleared, each with its raise and clear time. */
export function AlarmList({ layout, alarms }: { layout: UpsMonitorLayout; alarms: { active: UpsAlarm[]; history: UpsAlarm[] } }) {
  const { t } = useTranslation()
  const language = useApp((s) => s.language)
  const info = new Map(layout.values.map((v) => [v.n, v]))
  const name = (a: UpsAlarm) => (a.key === UPS_COMM_LOST ? t('upsMonitor:commLost') : a.n !== undefined && info.get(a.n) ? valueName(t, info.get(a.n)!) : a.key)
  const time = (ms: number) => formatTime(ms, language)
  const active = [...alarms.active].sort((a, b) => b.raisedAt - a.raisedAt)
  const cleared = [...alarms.history].reverse().slice(0, 50)
  return (
    <section className="panel ups-alarms" data-testid="ups-alarms" data-active={active.length}>
      <h2>{t('upsMonitor:alarms.title', { count: active.length })}</h2>
      {!active.length && <p className="hint">{t('upsMonitor:alarms.none')}</p>}
      <ul>
        {active.map((a) => (
          <li key={a.key} className="ups-alarm active" data-key={a.key}>
            <span className="ups-name">{name(a)}</span>
            <span className="muted">{t('upsMonitor:alarms.raised', { time: time(a.raisedAt) })}</span>
          </li>
        ))}
        {cleared.map((a) => (
          <li key={`${a.key}-${a.raisedAt}`} className="ups-alarm cleared" data-key={a.key}>
            <span className="ups-name">{name(a)}</span>
            <span className="muted">{t('upsMonitor:alarms.span', { raised: time(a.raisedAt), cleared: time(a.clearedAt!) })}</span>
          </li>
        ))}
      </ul>
    </section>
  )
}

import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import { UPS_COMM_LOST, type UpsAlarm, type UpsMonitorLayout } from '@shared/contract'
import { formatTime } from '@shared/i18n/time'
import { useApp } from '../../stores/app'
import { valueName } from './names'

/** Active alarms first, newest first, then the ones that cleared, each with its raise and clear time. */
function AlarmListView({ layout, alarms }: { layout: UpsMonitorLayout; alarms: { active: UpsAlarm[]; history: UpsAlarm[] } }) {
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

const sameAlarm = (a: UpsAlarm | undefined, b: UpsAlarm | undefined): boolean => a === b || (a !== undefined && b !== undefined && a.key === b.key && a.raisedAt === b.raisedAt && a.clearedAt === b.clearedAt)

type Alarms = { active: UpsAlarm[]; history: UpsAlarm[] }
/** main keeps its history in order and capped, so the same length and the same newest entry are the same list */
const sameAlarms = (a: Alarms, b: Alarms): boolean =>
  a === b || (a.active.length === b.active.length && a.active.every((x, i) => sameAlarm(x, b.active[i])) && a.history.length === b.history.length && sameAlarm(a.history.at(-1), b.history.at(-1)) && sameAlarm(a.history[0], b.history[0]))

/** Each poll brings the alarms anew; the list draws again only when one rose or cleared. */
export const AlarmList = memo(AlarmListView, (before, after) => before.layout === after.layout && sameAlarms(before.alarms, after.alarms))

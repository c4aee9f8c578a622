import { useTranslation } from 'react-i18next'
import type { FoxSchedulerGroup, FoxWorkMode } from '@shared/contract'
import { analyzeSchedule, minuteLabel } from '@shared/devices/foxess/scheduler'
import { workModeKey } from './format'

const MODE_CLASS: Record<FoxWorkMode, string> = {
  SelfUse: 'mode-selfuse',
  Feedin: 'mode-feedin',
  Backup: 'mode-backup',
  ForceCharge: 'mode-forcecharge',
  ForceDischarge: 'mode-forcedischarge',
}

/** The day from 00:00 to 24:00 with every enabled group, overlaps in red and unscheduled time in grey. */
export function ScheduleStrip({ groups }: { groups: readonly FoxSchedulerGroup[] }) {
  const { t } = useTranslation()
  const a = analyzeSchedule(groups)
  return (
    <div className="strip" data-testid="schedule-strip" data-overlaps={a.overlaps.length} data-gaps={a.gaps.length}>
      <svg viewBox="0 0 1440 44" preserveAspectRatio="none" role="img" aria-label={t('foxess:strip.label')}>
        {a.segments.map((s) => (
          <rect key={s.from} x={s.from} y={0} width={s.to - s.from + 1} height={28} className={s.kind === 'gap' ? 'strip-gap' : s.kind === 'overlap' ? 'strip-overlap' : MODE_CLASS[s.mode!]}>
            <title>{`${minuteLabel(s.from)}–${minuteLabel(s.to)} ${s.kind === 'gap' ? t('foxess:strip.gap') : s.kind === 'overlap' ? t('foxess:strip.overlap', { groups: s.groups.map((g) => g + 1).join(', ') }) : t(`foxess:workModes.${workModeKey(s.mode!)}`)}`}</title>
          </rect>
        ))}
        {Array.from({ length: 9 }, (_, i) => i * 180).map((m) => (
          <g key={m}>
            <line x1={m} x2={m} y1={28} y2={33} className="strip-tick" />
            <text x={Math.min(1410, Math.max(2, m))} y={43} className="strip-label">
              {String(m / 60).padStart(2, '0')}
            </text>
          </g>
        ))}
      </svg>
      <div className="strip-legend">
        {(Object.keys(MODE_CLASS) as FoxWorkMode[])
          .filter((mode) => groups.some((g) => g.enable === 1 && g.workMode === mode))
          .map((mode) => (
            <span key={mode}>
              <i className={MODE_CLASS[mode]} /> {t(`foxess:workModes.${workModeKey(mode)}`)}
            </span>
          ))}
        {a.overlaps.length > 0 && (
          <span className="bad" data-testid="strip-overlaps">
            <i className="strip-overlap" /> {t('foxess:strip.overlaps', { count: a.overlaps.length })}
          </span>
        )}
        <span>
          <i className="strip-gap" /> {a.gaps.length ? t('foxess:strip.gaps', { count: a.gaps.length, minutes: 1440 - a.coveredMinutes }) : t('foxess:strip.noGaps')}
        </span>
      </div>
    </div>
  )
}

import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CabinetShift, CabinetShiftSummary, Language } from '@shared/contract'
import { shiftRange, todayShift } from '@shared/devices/cabinet/shift'
import { shiftSummaryParts } from '@shared/i18n/cabinet'
import { api } from '../../api'
import { useErrorText } from '../../components/errors'
import { saveFile } from '../../components/save-file'
import { DateField } from '../../components/TimeFields'
import { useTranslate } from '../../components/translate'
import { useJobs } from '../../stores/jobs'

/** A shift's figures, refetched whenever a record changes (a test ends, a retest is recorded). */
function useShiftSummary(shift: CabinetShift | null): CabinetShiftSummary | null {
  const tick = useJobs((s) => s.recordsTick)
  const [summary, setSummary] = useState<CabinetShiftSummary | null>(null)
  const key = shift ? `${shift.day} ${shift.start} ${shift.end}` : ''
  useEffect(() => {
    if (!shift) return setSummary(null)
    let current = true
    api()
      .cabinetShiftSummary(shift)
      .then((next) => current && setSummary(next))
      .catch(() => current && setSummary(null))
    return () => {
      current = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the shift is compared by its text
  }, [key, tick])
  return summary
}

/**
 * Today at the bench in one line (how many cabinets, the pass rate, the
 * channel that failed most), and a shift's cabinets exported as one CSV.
 */
export function ShiftBar() {
  const { t, i18n } = useTranslation()
  const tt = useTranslate()
  const errorText = useErrorText()
  const [today, setToday] = useState(() => todayShift(Date.now()))
  const tick = useJobs((s) => s.recordsTick)
  // a page left open past midnight moves on to the new day with the first test recorded in it
  useEffect(() => {
    const now = todayShift(Date.now())
    if (now.day !== today.day) setToday(now)
  }, [tick, today.day])
  const todaySummary = useShiftSummary(today)
  const [open, setOpen] = useState(false)
  const [shift, setShift] = useState<CabinetShift>(() => todayShift(Date.now()))
  const [error, setError] = useState<string | null>(null)
  const range = shiftRange(shift)
  const problem = 'problem' in range ? range.problem : null
  const chosen = useShiftSummary(open && !problem ? shift : null)

  const exportCsv = async () => {
    setError(null)
    try {
      saveFile(await api().cabinetExportShift({ shift, language: i18n.language as Language }))
    } catch (err) {
      setError(errorText(err))
    }
  }

  const timeField = (part: 'start' | 'end') => (
    <label className="field">
      <span>{t(`cabinet:shift.${part}`)}</span>
      <input
        className="mono"
        value={shift[part]}
        maxLength={5}
        inputMode="numeric"
        placeholder={t('cabinet:shift.timePlaceholder')}
        aria-invalid={problem === part}
        onChange={(e) => setShift({ ...shift, [part]: e.target.value.trim() })}
        data-testid={`cabinet-shift-${part}`}
      />
    </label>
  )

  return (
    <div className="shift-bar" data-testid="cabinet-shift">
      <div className="row">
        <span data-testid="cabinet-shift-today" data-tested={todaySummary?.tested ?? ''}>
          <strong>{t('cabinet:shift.today')}:</strong> {todaySummary ? shiftSummaryParts(tt, todaySummary).join(' · ') : '…'}
        </span>
        <button type="button" className="secondary small" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="cabinet-shift-open">
          {t('cabinet:shift.export')}
        </button>
      </div>
      {open && (
        <form
          className="panel shift-export"
          onSubmit={(e) => {
            e.preventDefault()
            if (!problem) void exportCsv()
          }}
        >
          <h2>{t('cabinet:shift.exportTitle')}</h2>
          <div className="shift-fields">
            <label className="field">
              <span>{t('cabinet:shift.day')}</span>
              <DateField value={shift.day} onChange={(day) => setShift({ ...shift, day: day ?? '' })} label={t('cabinet:shift.day')} testId="cabinet-shift-day" />
            </label>
            {timeField('start')}
            {timeField('end')}
            <button type="submit" disabled={Boolean(problem)} data-testid="cabinet-shift-export">
              {t('cabinet:shift.download')}
            </button>
            <button type="button" className="secondary" onClick={() => setOpen(false)}>
              {t('common:cancel')}
            </button>
          </div>
          {problem ? (
            <p className="hint error-text" data-testid="cabinet-shift-problem">
              {t(`cabinet:shift.${problem}Invalid`)}
            </p>
          ) : (
            <p className="hint" data-testid="cabinet-shift-count">
              {chosen ? t('cabinet:shift.inShift', { count: chosen.tested + chosen.unfinished }) : '…'}
            </p>
          )}
          <p className="hint">{t('cabinet:shift.rangeHint')}</p>
          {error && <p className="banner error">{error}</p>}
        </form>
      )}
    </div>
  )
}

import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { asLanguage, CLOCK_PATTERNS, DAY_PATTERNS, formatClock, formatDay, parseClock, parseDay } from '@shared/i18n/time'

export interface ClockValue {
  hour: number
  minute: number
}

/**
 * A time of day typed as the UI language writes it (24-hour in Chinese and
 * Polish), where `<input type="time">` would follow the browser's locale
 * instead. What cannot be read as a time says so and changes nothing.
 */
export function TimeField({ value, onChange, label, testId }: { value: ClockValue; onChange: (value: ClockValue) => void; label: string; testId?: string }) {
  const { t, i18n } = useTranslation()
  const language = asLanguage(i18n.language)
  const [draft, setDraft] = useState<string | null>(null)
  const invalid = draft !== null && parseClock(draft, language) === null
  return (
    <span className="time-field">
      <input
        className="time-input"
        value={draft ?? formatClock(value.hour, value.minute, language)}
        placeholder={CLOCK_PATTERNS[language]}
        aria-label={label}
        aria-invalid={invalid}
        onChange={(e) => {
          setDraft(e.target.value)
          const parsed = parseClock(e.target.value, language)
          if (parsed) onChange(parsed)
        }}
        // once read, the field shows the time the language's way; an unreadable one stays for the person to fix
        onBlur={() => !invalid && setDraft(null)}
        data-testid={testId}
        data-invalid={invalid || undefined}
      />
      {invalid && (
        <span className="issue error field-error" role="alert">
          {t('common:time.invalid', { pattern: CLOCK_PATTERNS[language] })}
        </span>
      )}
    </span>
  )
}

/**
 * A calendar day typed as the UI language writes it, where `<input type="date">`
 * would follow the browser's locale. Empty means no day; what cannot be read
 * says so and changes nothing.
 */
export function DateField({ value, onChange, label, testId }: { value: string | undefined; onChange: (day: string | undefined) => void; label: string; testId?: string }) {
  const { t, i18n } = useTranslation()
  const language = asLanguage(i18n.language)
  const [draft, setDraft] = useState<string | null>(null)
  const invalid = draft !== null && draft.trim() !== '' && parseDay(draft, language) === null
  return (
    <>
      <input
        value={draft ?? (value ? formatDay(value, language) : '')}
        placeholder={DAY_PATTERNS[language]}
        aria-label={label}
        aria-invalid={invalid}
        onChange={(e) => {
          setDraft(e.target.value)
          if (!e.target.value.trim()) onChange(undefined)
          const day = parseDay(e.target.value, language)
          if (day) onChange(day)
        }}
        onBlur={() => !invalid && setDraft(null)}
        data-testid={testId}
        data-invalid={invalid || undefined}
      />
      {invalid && (
        <span className="issue error field-error" role="alert">
          {t('common:time.invalidDay', { pattern: DAY_PATTERNS[language] })}
        </span>
      )}
    </>
  )
}

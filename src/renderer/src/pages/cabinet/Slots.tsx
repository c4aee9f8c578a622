import { useTranslation } from 'react-i18next'
import type { CabinetFailure, SlotState } from '@shared/contract'
import { useTranslate } from '../../components/translate'
import { failureText } from './Failures'

/** The cabinet's eight slots, lit as their locks open and their doors' closes are reported; red where anything of the slot failed. */
export function Slots({ slots, failures }: { slots: SlotState[]; failures: CabinetFailure[] }) {
  const { t, i18n } = useTranslation()
  const tt = useTranslate()
  return (
    <div className="panel">
      <h2>{t('cabinet:run.slots')}</h2>
      <div className="slots" data-testid="cabinet-slots">
        {slots.map((state, i) => {
          const own = failures.filter((failure) => failure.slot === i + 1)
          const shown = own.length ? 'failed' : state
          return (
            <div
              key={i}
              className={`slot slot-${shown}`}
              data-slot={i + 1}
              data-state={shown}
              title={own.map((failure) => failureText(tt, i18n.language, failure)).join('\n') || undefined}
            >
              <span className="slot-number">{i + 1}</span>
              <span className="slot-state">{t(`cabinet:slotStates.${shown}`)}</span>
            </div>
          )
        })}
      </div>
    </div>
  )
}

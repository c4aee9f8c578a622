import { useTranslation } from 'react-i18next'
import type { SlotState } from '@shared/contract'

/** The cabinet's eight slots, lit as their locks open and their doors' closes are reported. */
export function Slots({ slots }: { slots: SlotState[] }) {
  const { t } = useTranslation()
  return (
    <div className="panel">
      <h2>{t('cabinet:run.slots')}</h2>
      <div className="slots" data-testid="cabinet-slots">
        {slots.map((state, i) => (
          <div key={i} className={`slot slot-${state}`} data-slot={i + 1} data-state={state}>
            <span className="slot-number">{i + 1}</span>
            <span className="slot-state">{t(`cabinet:slotStates.${state}`)}</span>
          </div>
        ))}
      </div>
    </div>
  )
}

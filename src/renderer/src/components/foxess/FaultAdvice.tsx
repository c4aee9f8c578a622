import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { FaultClass, FaultMeta, FoxessTablesMeta } from '@shared/devices/foxess/tables'
import { useFoxNames } from './format'

let tablesMeta: Promise<FoxessTablesMeta> | null = null
/** The generated table's metadata (classes, the vendor's names), fetched once for every view that shows a fault. */
export const loadTablesMeta = () => (tablesMeta ??= import('@locales/foxess-tables.json').then((m) => m.default as unknown as FoxessTablesMeta))

function useFaultMeta(): Map<number, FaultMeta> | null {
  const [meta, setMeta] = useState<FoxessTablesMeta | null>(null)
  useEffect(() => {
    let mounted = true
    void loadTablesMeta().then((m) => mounted && setMeta(m))
    return () => {
      mounted = false
    }
  }, [])
  return useMemo(() => (meta ? new Map(meta.faults.map((f) => [f.code, f])) : null), [meta])
}

/** The likely cause and what to check for a class; a code the vendor never described gets the unknown text. */
export function FaultClassAdvice({ faultClass }: { faultClass: FaultClass | null }) {
  const { t } = useTranslation()
  return (
    <p className="fault-advice" data-testid="fault-advice" data-class={faultClass ?? 'unknown'}>
      {faultClass && <strong>{t(`tables:faultClass.${faultClass}`)}: </strong>}
      {faultClass ? t(`tables:faultAdvice.${faultClass}`) : t('tables:faultAdviceUnknown')}
    </p>
  )
}

/** Faults an inverter reports: each by code, name and the vendor's name, then what to check once per class among them. */
export function FaultList({ codes, testId }: { codes: readonly number[]; testId?: string }) {
  const { t } = useTranslation()
  const names = useFoxNames()
  const meta = useFaultMeta()
  if (!codes.length) return null
  const classes = [...new Set(codes.map((code) => meta?.get(code)?.class ?? null))]
  return (
    <div className="fault-list" data-testid={testId}>
      <ul className="faults">
        {codes.map((code) => {
          const fault = meta?.get(code)
          return (
            <li key={code} className="banner error" data-code={code} data-class={fault?.class ?? 'unknown'}>
              <span className="mono">{code}</span>
              <strong>{names.fault(code)}</strong>
              {fault?.vendorEn && (
                <span className="vendor-name" title={t('tables:vendorName')}>
                  {fault.vendorEn}
                </span>
              )}
              {fault?.class && <span className="tag">{t(`tables:faultClass.${fault.class}`)}</span>}
            </li>
          )
        })}
      </ul>
      {meta && (
        <div className="fault-advice-box">
          <h4>{t('tables:adviceTitle')}</h4>
          {classes.map((faultClass) => (
            <FaultClassAdvice key={faultClass ?? 'unknown'} faultClass={faultClass} />
          ))}
        </div>
      )}
    </div>
  )
}

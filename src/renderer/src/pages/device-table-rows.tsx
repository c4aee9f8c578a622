import { memo } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { Language } from '@shared/contract'
import type { FaultRow, VariableRow } from '@shared/devices/foxess/tables'

export const ROW = 34

/** The tag on a Chinese or Polish name that is ours, and its hint (the vendor's text it replaces). */
interface Ours {
  label: string
  hint: string
}

/**
 * A table row's text in the language shown, worked out once when the tables
 * load or the language changes, so a keystroke only filters and lays out the
 * rows in view. `haystack` is the row's search text in every language.
 */
interface Line {
  haystack: string
  name: string
  vendor: string
  others: string
  othersTitle: string
  ours: Ours | null
}

export interface FaultLine extends Line {
  row: FaultRow
  classText: string
}

export interface VariableLine extends Line {
  row: VariableRow
  types: string
}

/** The vendor's English as its document has it (often a firmware identifier); a placeholder has none. */
const vendorName = (row: FaultRow | VariableRow) => row.vendorEn ?? ('placeholder' in row && row.placeholder ? '' : row.names.en)

function line(row: FaultRow | VariableRow, language: Language, t: TFunction): Line {
  const other = (['en', 'zh', 'pl'] as const).filter((l) => l !== language).map((l) => row.names[l])
  const vendor = language === 'zh' ? row.vendorZh : language === 'pl' ? row.vendorPl : undefined
  const ours = language === 'zh' ? Boolean(row.vendorZh) : language === 'pl' && row.plSource === 'fieldbench'
  return {
    haystack: row.haystack,
    name: row.names[language],
    vendor: vendorName(row),
    others: other.join(' · '),
    othersTitle: other.join('\n'),
    ours: ours ? { label: t('tables:ours'), hint: vendor ? t('tables:oursReplaced', { vendor }) : t('tables:oursHint') } : null,
  }
}

export const faultLines = (rows: FaultRow[], language: Language, t: TFunction): FaultLine[] =>
  rows.map((row) => ({ ...line(row, language, t), row, classText: row.class ? t(`tables:faultClass.${row.class}`) : '' }))

export const variableLines = (rows: VariableRow[], language: Language, t: TFunction): VariableLine[] =>
  rows.map((row) => ({ ...line(row, language, t), row, types: [row.gridTied && t('tables:inverter.gridTiedShort'), row.storage && t('tables:inverter.storageShort')].filter(Boolean).join(', ') }))

/** Marks a Chinese or Polish name that is ours (English shows the vendor's name in its own column). */
function OursTag({ ours }: { ours: Ours | null }) {
  return ours && <span className="tag" title={ours.hint}>{ours.label}</span>
}

/** One fault row; drawn again only when its language or whether it is picked changes. */
export const FaultLineRow = memo(function FaultLineRow({ line: l, picked, notAFault, onPick }: { line: FaultLine; picked: boolean; notAFault: string; onPick: (code: number) => void }) {
  const f = l.row
  return (
    <div className={`vrow faults${f.placeholder ? ' placeholder' : ''}${picked ? ' picked' : ''}`} data-code={f.code} data-class={f.class ?? 'unknown'} style={{ height: ROW }} onClick={() => onPick(f.code)}>
      <span className="mono">{f.code}</span>
      <span className="name-cell">
        <span title={l.name}>{l.name}</span>
        {f.notAFault && <span className="tag">{notAFault}</span>}
        <OursTag ours={l.ours} />
      </span>
      <span className="vendor-name" title={l.vendor}>
        {l.vendor}
      </span>
      <span>{l.classText}</span>
      <span className="muted" title={l.othersTitle}>
        {l.others}
      </span>
    </div>
  )
})

export const VariableLineRow = memo(function VariableLineRow({ line: l }: { line: VariableLine }) {
  const v = l.row
  return (
    <div className="vrow variables" data-key={v.key} style={{ height: ROW }}>
      <span className="mono">{v.key}</span>
      <span className="name-cell">
        <span title={l.name}>{l.name}</span>
        <OursTag ours={l.ours} />
      </span>
      <span className="vendor-name" title={l.vendor}>
        {l.vendor}
      </span>
      <span className="mono">{v.unit || '—'}</span>
      <span>{l.types}</span>
      <span className="muted">{l.others}</span>
    </div>
  )
})

export const FaultsHead = memo(function FaultsHead() {
  const { t } = useTranslation()
  return (
    <div className="vrow head faults">
      <span>{t('tables:code')}</span>
      <span>{t('tables:name')}</span>
      <span>{t('tables:vendorName')}</span>
      <span>{t('tables:class')}</span>
      <span>{t('tables:otherLanguages')}</span>
    </div>
  )
})

export const VariablesHead = memo(function VariablesHead() {
  const { t } = useTranslation()
  return (
    <div className="vrow head variables">
      <span>{t('tables:key')}</span>
      <span>{t('tables:name')}</span>
      <span>{t('tables:vendorName')}</span>
      <span>{t('tables:unit')}</span>
      <span>{t('tables:types')}</span>
      <span>{t('tables:otherLanguages')}</span>
    </div>
  )
})

import { useDeferredValue, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { VariableMeta } from '@shared/devices/foxess/tables'
import { useFoxNames } from '../../components/foxess/format'

/** The variables to watch, searchable by name in any language, key or unit; the chosen ones first. */
export function VariablePicker({ variables, selected, onChange }: { variables: VariableMeta[]; selected: string[]; onChange: (next: string[]) => void }) {
  const { t, i18n } = useTranslation()
  const names = useFoxNames()
  const [query, setQuery] = useState('')
  const deferred = useDeferredValue(query)
  const shown = useMemo(() => {
    const terms = deferred.toLowerCase().split(/\s+/).filter(Boolean)
    const matching = variables.filter((v) => {
      const hay = `${v.key} ${names.variable(v.key)} ${v.unit}`.toLowerCase()
      return terms.every((term) => hay.includes(term))
    })
    return [...matching.filter((v) => selected.includes(v.key)), ...matching.filter((v) => !selected.includes(v.key))]
    // names change with the language
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [variables, deferred, i18n.language, selected])
  return (
    <div className="panel variables-picker" data-testid="variable-picker">
      <h2>{t('foxess:livePage.variables', { count: selected.length })}</h2>
      <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('foxess:livePage.searchVariables')} aria-label={t('foxess:livePage.searchVariables')} data-testid="variable-search" />
      <div className="variable-list">
        {shown.map((v) => (
          <label key={v.key} className="check" data-key={v.key}>
            <input type="checkbox" checked={selected.includes(v.key)} onChange={(e) => onChange(e.target.checked ? [...selected, v.key] : selected.filter((k) => k !== v.key))} />
            <span>{names.variable(v.key)}</span>
            <span className="muted mono">{v.unit ? `${v.key} · ${v.unit}` : v.key}</span>
          </label>
        ))}
      </div>
    </div>
  )
}

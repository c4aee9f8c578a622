import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type Language, Languages } from '@shared/contract'
import { type FaultClass, FaultClasses, type FaultRow, faultRows, filterRows, type Names, type VariableRow, variableRows } from '@shared/devices/foxess/tables'
import { i18next, loadLanguage } from '../i18n'
import { FaultClassAdvice, loadTablesMeta } from '../components/foxess/FaultAdvice'
import { VirtualRows } from '../components/VirtualRows'

const TABLE_NAMESPACES = ['foxessVariables', 'foxessFaults', 'foxessStates', 'tables']
const ROW = 34

type Tab = 'variables' | 'faults' | 'states'

interface Loaded {
  variables: VariableRow[]
  faults: FaultRow[]
}

/** Loads all three languages' tables: a search matches a name in any of them. */
async function loadTables(): Promise<Loaded> {
  const [meta] = await Promise.all([
    loadTablesMeta(),
    ...Languages.map((lang) => loadLanguage(lang, TABLE_NAMESPACES)),
  ])
  const bundle = (lang: Language, ns: string) => (i18next.getResourceBundle(lang, ns) ?? {}) as Record<string, string>
  const variableNames: Names = { en: bundle('en', 'foxessVariables'), zh: bundle('zh', 'foxessVariables'), pl: bundle('pl', 'foxessVariables') }
  const faultNames: Names = { en: bundle('en', 'foxessFaults'), zh: bundle('zh', 'foxessFaults'), pl: bundle('pl', 'foxessFaults') }
  const unknown = (lang: Language, code: number) => i18next.getFixedT(lang)('tables:unknownFault', { code })
  return { variables: variableRows(meta, variableNames), faults: faultRows(meta, faultNames, unknown) }
}

/** The vendor's English as its document has it (often a firmware identifier); a placeholder has none. */
const vendorName = (row: FaultRow | VariableRow) => row.vendorEn ?? ('placeholder' in row && row.placeholder ? '' : row.names.en)

/** Marks a Chinese or Polish name that is ours, with the vendor's text it replaces (English shows the vendor's name in its own column). */
function OursTag({ row, language }: { row: FaultRow | VariableRow; language: Language }) {
  const { t } = useTranslation()
  const vendor = language === 'zh' ? row.vendorZh : language === 'pl' ? row.vendorPl : undefined
  const ours = language === 'zh' ? Boolean(row.vendorZh) : language === 'pl' && row.plSource === 'fieldbench'
  if (!ours) return null
  return (
    <span className="tag" title={vendor ? t('tables:oursReplaced', { vendor }) : t('tables:oursHint')}>
      {t('tables:ours')}
    </span>
  )
}

export function DeviceTablesPage() {
  const { t, i18n } = useTranslation()
  const language = i18n.language as Language
  const [tab, setTab] = useState<Tab>('faults')
  const [data, setData] = useState<Loaded | null>(null)
  // each table keeps its own search
  const [queries, setQueries] = useState<Record<Tab, string>>({ faults: '', variables: '', states: '' })
  const query = queries[tab]
  const setQuery = (value: string) => setQueries((q) => ({ ...q, [tab]: value }))
  const [inverter, setInverter] = useState<'all' | 'gridTied' | 'storage'>('all')
  const [hidePlaceholders, setHidePlaceholders] = useState(false)
  const [faultClass, setFaultClass] = useState<FaultClass | 'all'>('all')
  const [picked, setPicked] = useState<number | null>(null)

  useEffect(() => {
    void loadTables().then(setData)
  }, [])

  const variables = useMemo(() => {
    if (!data) return []
    const rows = inverter === 'all' ? data.variables : data.variables.filter((v) => v[inverter])
    return filterRows(rows, queries.variables)
  }, [data, queries.variables, inverter])
  const faults = useMemo(() => {
    if (!data) return []
    const rows = data.faults.filter((f) => (!hidePlaceholders || !f.placeholder) && (faultClass === 'all' || f.class === faultClass))
    return filterRows(rows, queries.faults)
  }, [data, queries.faults, hidePlaceholders, faultClass])
  // the row the person chose, or the only one the search leaves
  const shownFault = faults.find((f) => f.code === picked) ?? (faults.length === 1 ? faults[0] : undefined)
  const states = useMemo(() => data?.variables.filter((v) => v.enum) ?? [], [data])
  const other = Languages.filter((l) => l !== language)

  return (
    <section data-testid="device-tables" data-ready={Boolean(data)}>
      <h1>{t('tables:title')}</h1>
      <p className="lead">{t('tables:intro')}</p>
      <div className="tabs" role="tablist">
        {(['faults', 'variables', 'states'] as const).map((id) => (
          <button type="button" key={id} role="tab" aria-selected={tab === id} className={tab === id ? 'tab active' : 'tab'} data-tab={id} onClick={() => setTab(id)}>
            {t(`tables:tabs.${id}`)}
          </button>
        ))}
      </div>
      {tab !== 'states' && (
        <div className="toolbar">
          <input
            className="grow"
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder={t(tab === 'faults' ? 'tables:searchFaults' : 'tables:searchVariables')}
            aria-label={t('tables:search')}
            data-testid="tables-search"
          />
          {tab === 'variables' && (
            <select value={inverter} onChange={(e) => setInverter(e.target.value as typeof inverter)} data-testid="tables-inverter">
              <option value="all">{t('tables:inverter.all')}</option>
              <option value="gridTied">{t('tables:inverter.gridTied')}</option>
              <option value="storage">{t('tables:inverter.storage')}</option>
            </select>
          )}
          {tab === 'faults' && (
            <select value={faultClass} onChange={(e) => setFaultClass(e.target.value as typeof faultClass)} aria-label={t('tables:class')} data-testid="tables-class">
              <option value="all">{t('tables:allClasses')}</option>
              {FaultClasses.map((c) => (
                <option key={c} value={c}>
                  {t(`tables:faultClass.${c}`)}
                </option>
              ))}
            </select>
          )}
          {tab === 'faults' && (
            <label className="check">
              <input type="checkbox" checked={hidePlaceholders} onChange={(e) => setHidePlaceholders(e.target.checked)} />
              {t('tables:hidePlaceholders')}
            </label>
          )}
          <span className="muted" data-testid="tables-count">
            {t('tables:count', { count: tab === 'faults' ? faults.length : variables.length })}
          </span>
        </div>
      )}
      {!data && <p className="muted">{t('common:loading')}</p>}
      {data && tab === 'faults' && (
        <>
          <div className="fault-detail" data-testid="fault-detail" data-code={shownFault?.code ?? ''}>
            {shownFault ? (
              <>
                <h3>
                  <span>
                    <span className="mono">{shownFault.code}</span> {shownFault.names[language]}
                  </span>
                </h3>
                <FaultClassAdvice faultClass={shownFault.class ?? null} />
              </>
            ) : (
              <p className="muted">{t('tables:pickFault')}</p>
            )}
          </div>
          <div className="vrow head faults">
            <span>{t('tables:code')}</span>
            <span>{t('tables:name')}</span>
            <span>{t('tables:vendorName')}</span>
            <span>{t('tables:class')}</span>
            <span>{t('tables:otherLanguages')}</span>
          </div>
          <VirtualRows
            rows={faults}
            rowHeight={ROW}
            height={520}
            testId="faults-list"
            render={(f) => (
              <div
                key={f.code}
                className={`vrow faults${f.placeholder ? ' placeholder' : ''}${f.code === shownFault?.code ? ' picked' : ''}`}
                data-code={f.code}
                data-class={f.class ?? 'unknown'}
                style={{ height: ROW }}
                onClick={() => setPicked(f.code)}
              >
                <span className="mono">{f.code}</span>
                <span className="name-cell">
                  <span title={f.names[language]}>{f.names[language]}</span>
                  {f.notAFault && <span className="tag">{t('tables:notAFault')}</span>}
                  <OursTag row={f} language={language} />
                </span>
                <span className="vendor-name" title={vendorName(f)}>
                  {vendorName(f)}
                </span>
                <span>{f.class ? t(`tables:faultClass.${f.class}`) : ''}</span>
                <span className="muted" title={other.map((l) => f.names[l]).join('\n')}>
                  {other.map((l) => f.names[l]).join(' · ')}
                </span>
              </div>
            )}
          />
        </>
      )}
      {data && tab === 'variables' && (
        <>
          <div className="vrow head variables">
            <span>{t('tables:key')}</span>
            <span>{t('tables:name')}</span>
            <span>{t('tables:vendorName')}</span>
            <span>{t('tables:unit')}</span>
            <span>{t('tables:types')}</span>
            <span>{t('tables:otherLanguages')}</span>
          </div>
          <VirtualRows
            rows={variables}
            rowHeight={ROW}
            height={520}
            testId="variables-list"
            render={(v) => (
              <div key={v.key} className="vrow variables" data-key={v.key} style={{ height: ROW }}>
                <span className="mono">{v.key}</span>
                <span className="name-cell">
                  <span title={v.names[language]}>{v.names[language]}</span>
                  <OursTag row={v} language={language} />
                </span>
                <span className="vendor-name" title={vendorName(v)}>
                  {vendorName(v)}
                </span>
                <span className="mono">{v.unit || '—'}</span>
                <span>{[v.gridTied && t('tables:inverter.gridTiedShort'), v.storage && t('tables:inverter.storageShort')].filter(Boolean).join(', ')}</span>
                <span className="muted">{other.map((l) => v.names[l]).join(' · ')}</span>
              </div>
            )}
          />
        </>
      )}
      {data && tab === 'states' && (
        <div data-testid="states-list">
          {states.map((v) => (
            <div key={v.key} className="panel">
              <h2>{v.names[language]}</h2>
              <table className="grid">
                <tbody>
                  {v.enum!.map((code) => (
                    <tr key={code}>
                      <td className="mono">{code}</td>
                      <td>{t(`foxessStates:${v.key}.s${code}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </div>
      )}
      <p className="hint">{t('tables:sourceNote')}</p>
    </section>
  )
}

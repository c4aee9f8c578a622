import { memo, useDeferredValue, useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type Language, Languages } from '@shared/contract'
import { type FaultClass, FaultClasses, type FaultRow, faultRows, filterRows, type Names, type VariableRow, variableRows } from '@shared/devices/foxess/tables'
import { i18next, loadLanguage } from '../i18n'
import { FaultClassAdvice, loadTablesMeta } from '../components/foxess/FaultAdvice'
import { VirtualRows } from '../components/VirtualRows'
import { FaultLineRow, faultLines, FaultsHead, ROW, VariableLineRow, VariablesHead, variableLines } from './device-table-rows'

const TABLE_NAMESPACES = ['foxessVariables', 'foxessFaults', 'foxessStates', 'tables']

type Tab = 'variables' | 'faults' | 'states'
type Inverter = 'all' | 'gridTied' | 'storage'

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

export function DeviceTablesPage() {
  const { t, i18n } = useTranslation()
  const language = i18n.language as Language
  const [tab, setTab] = useState<Tab>('faults')
  const [data, setData] = useState<Loaded | null>(null)
  // each table keeps its own search
  const [queries, setQueries] = useState<Record<Tab, string>>({ faults: '', variables: '', states: '' })
  const query = queries[tab]
  const setQuery = (value: string) => setQueries((q) => ({ ...q, [tab]: value }))
  const [inverter, setInverter] = useState<Inverter>('all')
  const [hidePlaceholders, setHidePlaceholders] = useState(false)
  const [faultClass, setFaultClass] = useState<FaultClass | 'all'>('all')
  const [picked, setPicked] = useState<number | null>(null)

  useEffect(() => {
    void loadTables().then(setData)
  }, [])

  // each row's text in this language, once: a keystroke filters these and lays out the rows in view
  const allVariables = useMemo(() => (data ? variableLines(data.variables, language, t) : []), [data, language, t])
  const allFaults = useMemo(() => (data ? faultLines(data.faults, language, t) : []), [data, language, t])
  const variables = useMemo(() => {
    const rows = inverter === 'all' ? allVariables : allVariables.filter((v) => v.row[inverter])
    return filterRows(rows, queries.variables)
  }, [allVariables, queries.variables, inverter])
  const faults = useMemo(() => {
    const rows = allFaults.filter(({ row: f }) => (!hidePlaceholders || !f.placeholder) && (faultClass === 'all' || f.class === faultClass))
    return filterRows(rows, queries.faults)
  }, [allFaults, queries.faults, hidePlaceholders, faultClass])
  // the row the person chose, or the only one the search leaves
  const shownFault = (faults.find((f) => f.row.code === picked) ?? (faults.length === 1 ? faults[0] : undefined))?.row
  // the advice follows once the rows are laid out, not in the keystroke's own frame
  const detailFault = useDeferredValue(shownFault)
  const states = useMemo(() => data?.variables.filter((v) => v.enum) ?? [], [data])
  const notAFault = t('tables:notAFault')

  return (
    <section data-testid="device-tables" data-ready={Boolean(data)}>
      <TablesIntro tab={tab} onTab={setTab} />
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
          {tab === 'variables' && <InverterFilter value={inverter} onChange={setInverter} />}
          {tab === 'faults' && <FaultFilters faultClass={faultClass} onClass={setFaultClass} hidePlaceholders={hidePlaceholders} onHidePlaceholders={setHidePlaceholders} />}
          <span className="muted" data-testid="tables-count">
            {t('tables:count', { count: tab === 'faults' ? faults.length : variables.length })}
          </span>
        </div>
      )}
      {!data && <p className="muted">{t('common:loading')}</p>}
      {data && tab === 'faults' && (
        <>
          <FaultDetail fault={detailFault} language={language} />
          <FaultsHead />
          <VirtualRows
            rows={faults}
            rowHeight={ROW}
            height={520}
            className="virtual table-rows"
            overscan={2}
            testId="faults-list"
            render={(f) => <FaultLineRow key={f.row.code} line={f} picked={f.row.code === shownFault?.code} notAFault={notAFault} onPick={setPicked} />}
          />
        </>
      )}
      {data && tab === 'variables' && (
        <>
          <VariablesHead />
          <VirtualRows
            rows={variables}
            rowHeight={ROW}
            height={520}
            className="virtual table-rows"
            overscan={2}
            testId="variables-list"
            render={(v) => <VariableLineRow key={v.row.key} line={v} />}
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

/*
 * The parts of the page a keystroke leaves as they are, each memoized, so
 * typing renders only the search field, the count and the rows in view.
 */

const TablesIntro = memo(function TablesIntro({ tab, onTab }: { tab: Tab; onTab: (tab: Tab) => void }) {
  const { t } = useTranslation()
  return (
    <>
      <h1>{t('tables:title')}</h1>
      <p className="lead">{t('tables:intro')}</p>
      <div className="tabs" role="tablist">
        {(['faults', 'variables', 'states'] as const).map((id) => (
          <button type="button" key={id} role="tab" aria-selected={tab === id} className={tab === id ? 'tab active' : 'tab'} data-tab={id} onClick={() => onTab(id)}>
            {t(`tables:tabs.${id}`)}
          </button>
        ))}
      </div>
    </>
  )
})

const InverterFilter = memo(function InverterFilter({ value, onChange }: { value: Inverter; onChange: (value: Inverter) => void }) {
  const { t } = useTranslation()
  return (
    <select value={value} onChange={(e) => onChange(e.target.value as Inverter)} data-testid="tables-inverter">
      <option value="all">{t('tables:inverter.all')}</option>
      <option value="gridTied">{t('tables:inverter.gridTied')}</option>
      <option value="storage">{t('tables:inverter.storage')}</option>
    </select>
  )
})

const FaultFilters = memo(function FaultFilters(props: { faultClass: FaultClass | 'all'; onClass: (c: FaultClass | 'all') => void; hidePlaceholders: boolean; onHidePlaceholders: (hide: boolean) => void }) {
  const { t } = useTranslation()
  return (
    <>
      <select value={props.faultClass} onChange={(e) => props.onClass(e.target.value as FaultClass | 'all')} aria-label={t('tables:class')} data-testid="tables-class">
        <option value="all">{t('tables:allClasses')}</option>
        {FaultClasses.map((c) => (
          <option key={c} value={c}>
            {t(`tables:faultClass.${c}`)}
          </option>
        ))}
      </select>
      <label className="check">
        <input type="checkbox" checked={props.hidePlaceholders} onChange={(e) => props.onHidePlaceholders(e.target.checked)} />
        {t('tables:hidePlaceholders')}
      </label>
    </>
  )
})

/** The chosen fault (or the only one left) and what to check for its class. */
const FaultDetail = memo(function FaultDetail({ fault, language }: { fault: FaultRow | undefined; language: Language }) {
  const { t } = useTranslation()
  return (
    <div className="fault-detail" data-testid="fault-detail" data-code={fault?.code ?? ''}>
      {fault ? (
        <>
          <h3>
            <span>
              <span className="mono">{fault.code}</span> {fault.names[language]}
            </span>
          </h3>
          <FaultClassAdvice faultClass={fault.class ?? null} />
        </>
      ) : (
        <p className="muted">{t('tables:pickFault')}</p>
      )}
    </div>
  )
})

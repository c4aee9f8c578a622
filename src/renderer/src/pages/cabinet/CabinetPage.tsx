import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../api'
import { useApp } from '../../stores/app'
import { useCabinet } from '../../stores/cabinet'
import { runningJobOf, useJobs } from '../../stores/jobs'
import { useNav } from '../../stores/nav'
import { CabinetTerminal } from './CabinetTerminal'
import { DemoPanel } from './DemoPanel'
import { Identify } from './Identify'
import { RunView } from './RunView'
import { ShiftBar } from './ShiftBar'

type Tab = 'test' | 'terminal'

/** The battery-swap cabinet: the guided factory test, and a terminal that speaks its protocol. */
export function CabinetPage({ recordId }: { recordId?: number }) {
  const { t } = useTranslation()
  const [tab, setTab] = useState<Tab>('test')
  const active = useCabinet((s) => s.active)
  const setActive = useCabinet((s) => s.setActive)
  const demo = useApp((s) => s.settings?.demoMode ?? false)

  const route = useNav((s) => s.route)

  // a record named by the route (resumed, or "return to the job") opens on its run; else a test still running
  useEffect(() => {
    if (recordId) setActive(recordId)
    else if (!useCabinet.getState().active) {
      const running = runningJobOf(useJobs.getState().open, ['cabinetTest'])
      if (running) setActive(running.recordId)
    }
  }, [route, recordId, setActive])

  // after a reload: the run's live state and progress, when it is still running
  useEffect(() => {
    if (!active) return
    api()
      .cabinetGetRun({ recordId: active })
      .then((run) => run && useCabinet.getState().setRun(run))
      .catch(() => undefined)
    api()
      .listJobs()
      .then((jobs) => jobs.forEach((job) => useJobs.getState().update(job)))
      .catch(() => undefined)
  }, [active])

  return (
    <section data-testid="cabinet">
      <h1>{t('jobs:names.cabinetTest')}</h1>
      <p className="lead">{t('jobs:summaries.cabinetTest')}</p>
      <ShiftBar />
      <div className="tabs" role="tablist">
        {(['test', 'terminal'] as const).map((id) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} className={tab === id ? 'tab active' : 'tab'} data-testid={`cabinet-tab-${id}`} onClick={() => setTab(id)}>
            {t(`cabinet:tabs.${id}`)}
          </button>
        ))}
      </div>
      <div className={demo ? 'cabinet-layout with-demo' : 'cabinet-layout'}>
        <div className="cabinet-main">{tab === 'test' ? active ? <RunView recordId={active} /> : <Identify /> : <CabinetTerminal />}</div>
        {demo && <DemoPanel />}
      </div>
    </section>
  )
}

import { type FormEvent, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { AppError, type AppErrorPayload, EVSE_HOST_MAX, EVSE_HOST_PATTERN, EVSE_LIVE_INTERVAL_MS, EVSE_SIM_ID, type EvseSnapshot } from '@shared/contract'
import { api } from '../../api'
import { useErrorText } from '../../components/errors'
import { ErrorBanner } from '../../components/ErrorBanner'
import { useEvse } from '../../stores/evse'
import { useApp } from '../../stores/app'
import { useNav } from '../../stores/nav'
import { ChargerPanel } from './ChargerPanel'
import { ConfigPanel } from './ConfigPanel'
import { EvseDemoPanel } from './EvseDemoPanel'
import { MetersPanel } from './MetersPanel'
import { ScanPanel } from './ScanPanel'
import { SetupSection } from './SetupSection'
import { SitePanel } from './SitePanel'
import { ServicePanel } from './ServicePanel'
import { StatusPanel } from './StatusPanel'
import './evse.css'

/** renewed well inside main's 30 s lease, so a page left open keeps its charger live */
const RENEW_MS = 10_000

/** The charger page: one charger by its address, read whole on connect, its Status live while the page is open; the site's chargers; and the setup job (its own route, so a job's record opens on it). */
export function EvsePage({ tab = 'charger', recordId }: { tab?: 'charger' | 'setup'; recordId?: number }) {
  const { t } = useTranslation()
  const go = useNav((s) => s.go)
  const errorText = useErrorText()
  const remembered = useEvse((s) => s.host)
  const setHost = useEvse((s) => s.setHost)
  const [address, setAddress] = useState(remembered)
  const [snapshot, setSnapshot] = useState<EvseSnapshot | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  // one charger by its address, or the site: finding chargers, templates, demo mode's hands
  const [view, setView] = useState<'charger' | 'site'>('charger')
  const demo = useApp((s) => Boolean(s.settings?.demoMode))
  const shown = tab === 'setup' ? 'setup' : view

  // in demo mode the simulated charger's address is offered when nothing was typed yet
  useEffect(() => {
    if (remembered) return
    api()
      .listSimulators()
      .then((sims) => {
        const sim = sims.find((s) => s.id === EVSE_SIM_ID && s.running && s.endpoint)
        if (sim?.endpoint) setAddress((typed) => typed || new URL(sim.endpoint!).host)
      })
      .catch(() => undefined)
  }, [remembered])

  const connect = async (host: string) => {
    if (host.length > EVSE_HOST_MAX || !EVSE_HOST_PATTERN.test(host)) {
      setError(t('evse:page.badAddress', { host }))
      return
    }
    setBusy(true)
    setError(null)
    try {
      setSnapshot(await api().evseConnect({ host }))
      setHost(host)
    } catch (err) {
      setError(errorText(err))
    } finally {
      setBusy(false)
    }
  }

  const host = snapshot?.host ?? null
  useEffect(() => {
    if (!host) return
    let leaseId: string | null = null
    let gone = false
    const take = () =>
      api()
        .evseLiveStart({ host, intervalMs: EVSE_LIVE_INTERVAL_MS.default, leaseId: leaseId ?? undefined })
        .then((lease) => {
          if (gone) void api().evseLiveStop({ leaseId: lease.leaseId })
          else leaseId = lease.leaseId
        })
        .catch((err: unknown) => setError(errorText(err)))
    void take()
    const renew = setInterval(() => void take(), RENEW_MS)
    return () => {
      gone = true
      clearInterval(renew)
      if (leaseId) void api().evseLiveStop({ leaseId }).catch(() => undefined)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [host])

  const submit = (e: FormEvent) => {
    e.preventDefault()
    void connect(address.trim())
  }
  const use = (picked: string) => {
    setAddress(picked)
    setView('charger')
    void connect(picked)
  }
  const errorOf = (payload: AppErrorPayload | null) => (payload ? errorText(AppError.fromPayload(payload)) : null)

  return (
    <section className="evse-page" data-testid="evse-page">
      <div className="evse-head">
        <h1>{t('evse:page.title')}</h1>
        {shown !== 'setup' && (
          <form className="inline-form" onSubmit={submit}>
            <label className="field inline">
              <span>{t('evse:page.address')}</span>
              <input value={address} onChange={(e) => setAddress(e.target.value)} placeholder={t('evse:page.addressHint')} maxLength={EVSE_HOST_MAX} data-testid="evse-address" />
            </label>
            <button type="submit" disabled={busy || !address.trim()} data-testid="evse-connect">
              {busy ? t('common:working') : snapshot ? t('evse:page.readAgain') : t('evse:page.connect')}
            </button>
          </form>
        )}
        <div className="evse-views" role="tablist">
          {(['charger', 'site'] as const).map((v) => (
            <button
              key={v}
              type="button"
              role="tab"
              aria-selected={shown === v}
              className={shown === v ? 'small' : 'secondary small'}
              onClick={() => {
                setView(v)
                if (tab === 'setup') go({ page: 'evse' })
              }}
              data-testid={`evse-view-${v}`}
            >
              {t(`evseSite:views.${v}`)}
            </button>
          ))}
          <button type="button" role="tab" aria-selected={shown === 'setup'} className={shown === 'setup' ? 'small' : 'secondary small'} onClick={() => go({ page: 'evseSetup' })} data-testid="evse-view-setup">
            {t('evseSetup:ui.tabSetup')}
          </button>
        </div>
      </div>
      {shown === 'setup' && <SetupSection recordId={recordId} />}
      {shown !== 'setup' && <ErrorBanner message={error} onClose={() => setError(null)} />}
      {shown === 'site' && (
        <div className="evse-site-grid">
          <ScanPanel onUse={use} />
          <SitePanel config={snapshot?.config?.config ?? null} host={snapshot?.host ?? null} />
          {demo && <EvseDemoPanel />}
        </div>
      )}
      {shown === 'charger' && !snapshot && !busy && <p className="lead">{t('evse:page.intro')}</p>}
      {shown === 'charger' && snapshot && (
        <div className="evse-grid">
          <div className="evse-col">
            <StatusPanel snapshot={snapshot} />
            <ChargerPanel snapshot={snapshot} />
            <ServicePanel host={snapshot.host} info={snapshot.info} />
          </div>
          <ConfigPanel key={snapshot.at} host={snapshot.host} answer={snapshot.config} error={errorOf(snapshot.configError)} />
          <MetersPanel snapshot={snapshot} />
        </div>
      )}
    </section>
  )
}

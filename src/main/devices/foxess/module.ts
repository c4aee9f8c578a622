/**
 * The Fox ESS module: the open API and CT clients (pointed at the cloud, or
 * at the in-process simulator in demo mode), the call count and budget, live
 * data, and the two jobs (CT check, inverter commissioning) with their
 * resumers. Its own settings live in `foxess.json` under the data dir.
 */
import {
  AppError,
  type CommissioningView,
  type CtView,
  type FoxAccessCount,
  type FoxCallStats,
  type FoxConnectionView,
  type foxessInvokeMethods,
  inverterKey,
} from '@shared/contract'
import { budgetLeft, msUntilLocalMidnight, refreshCost } from '@shared/devices/foxess/budget'
import type { DeviceModule, ModuleContext } from '../../core/module'
import { CommissioningJob, type CommissioningDeps } from './inverter-commissioning'
import { CtDetectionJob, type CtJobDeps } from './ct-detection'
import type { FoxServices } from './ct-flow'
import { FoxCtApi } from './ct-api'
import { LiveMonitor } from './live'
import { FoxOpenApi } from './open-api'
import { CallPacer } from './pacer'
import type { FoxCloudSimulator } from './simulator'
import { FoxessStore, localDay } from './store'

interface Side {
  api: FoxOpenApi
  ct: FoxCtApi
  calls: { day: string; total: number; ct: number; byPath: Record<string, number> }
  accessCount: (FoxAccessCount & { at: number; callsAtReading: number }) | null
}

export interface FoxessModule extends DeviceModule<typeof foxessInvokeMethods> {
  services: FoxServices
  store: FoxessStore
  status(): FoxCallStats
  /** live views being polled */
  liveViews(): number
}

export function foxessModule(ctx: ModuleContext): FoxessModule {
  const clock = ctx.clock
  const store = new FoxessStore(ctx.platform.dataDir, () => clock.now())
  const log = ctx.log.child('foxess')
  const userAgent = `Fieldbench/${ctx.platform.version} (${process.platform}; ${process.arch})`
  const lang = () => {
    const language = ctx.settings.get().language
    return language === 'zh' ? 'zh_CN' : (language ?? 'en')
  }
  const demoMode = () => ctx.settings.get().demoMode || Boolean(ctx.platform.demo)
  const simulator = () => {
    const sim = ctx.simulators.instance<FoxCloudSimulator>('foxess')
    if (!sim) throw new AppError('simulatorUnknown', { id: 'foxess' })
    return sim
  }

  /** A key or token not set is said in the cloud's terms, with where to set it. */
  const cloudSecret = async (name: 'foxessApiKey' | 'foxessCtToken', missing: 'foxessApiKeyMissing' | 'ctTokenMissing') => {
    try {
      return await ctx.secrets.require(name)
    } catch (err) {
      if (err instanceof AppError && err.code === 'secretUnavailable' && err.params.reason === undefined) throw new AppError(missing)
      throw err
    }
  }

  const emitStatus = () => ctx.bus.emit('foxess:statusChanged', status())

  function side(demo: boolean): Side {
    const pacer = new CallPacer(clock)
    const s: Side = {
      calls: { day: localDay(clock.now()), total: 0, ct: 0, byPath: {} },
      accessCount: null,
      api: null as unknown as FoxOpenApi,
      ct: null as unknown as FoxCtApi,
    }
    const count = (path: string, api: 'open' | 'ct') => {
      if (demo) {
        const today = localDay(clock.now())
        if (s.calls.day !== today) s.calls = { day: today, total: 0, ct: 0, byPath: {} }
        s.calls.total++
        if (api === 'ct') s.calls.ct++
        s.calls.byPath[path] = (s.calls.byPath[path] ?? 0) + 1
      } else store.recordCall(path, api)
      emitStatus()
    }
    s.api = new FoxOpenApi({
      clock,
      pacer,
      userAgent,
      lang,
      log,
      onCall: (path) => count(path, 'open'),
      onState: () => emitStatus(),
      credentials: async () => {
        if (demo) {
          const sim = simulator()
          return { baseUrl: sim.url, apiKey: sim.apiKey }
        }
        return { baseUrl: store.config().openApiBaseUrl, apiKey: await cloudSecret('foxessApiKey', 'foxessApiKeyMissing') }
      },
    })
    s.ct = new FoxCtApi({
      clock,
      pacer,
      userAgent,
      onCall: (path) => count(path, 'ct'),
      credentials: async () => {
        if (demo) {
          const sim = simulator()
          return { baseUrl: sim.url, token: sim.ctToken }
        }
        const baseUrl = store.config().ctBaseUrl
        if (!baseUrl) throw new AppError('ctNotConfigured')
        return { baseUrl, token: await cloudSecret('foxessCtToken', 'ctTokenMissing') }
      },
    })
    return s
  }

  const cloud = side(false)
  const demo = side(true)
  const current = () => (demoMode() ? demo : cloud)

  const services: FoxServices = {
    api: () => current().api,
    ct: () => current().ct,
    clock,
    config: () => store.config(),
  }

  function status(): FoxCallStats {
    const s = current()
    const calls = demoMode() ? s.calls : store.callsToday()
    const today = localDay(clock.now())
    const state = s.api.state()
    const callsToday = calls.day === today ? calls.total : 0
    const reading = demoMode() ? s.accessCount : store.accessCount()
    const accessCount = reading ? { total: reading.total, remaining: reading.remaining, at: reading.at } : null
    return {
      day: today,
      callsToday,
      byPath: calls.day === today ? { ...calls.byPath } : {},
      ctCallsToday: calls.day === today ? calls.ct : 0,
      accessCount,
      budget: budgetLeft(callsToday, today, reading && { ...reading, day: localDay(reading.at) }, state.budgetExhausted),
      coolDownUntil: state.coolDownUntil,
      budgetExhausted: state.budgetExhausted,
      demo: demoMode(),
    }
  }

  async function connection(): Promise<FoxConnectionView> {
    const config = store.config()
    const secrets = await ctx.secrets.list()
    const isSet = (name: string) => secrets.some((s) => s.name === name && s.isSet)
    const sim = demoMode() ? ctx.simulators.instance<FoxCloudSimulator>('foxess') : undefined
    return {
      ...config,
      demo: demoMode(),
      effectiveOpenApiBaseUrl: sim ? sim.url : config.openApiBaseUrl,
      effectiveCtBaseUrl: sim ? sim.url : config.ctBaseUrl,
      // the person's own key and token; demo mode uses the simulator's instead
      apiKeySet: isSet('foxessApiKey'),
      ctTokenSet: isSet('foxessCtToken'),
    }
  }

  /**
   * Both jobs need the open API key and the CT service (commissioning runs the
   * CT check as one of its steps): without them a job is refused before its
   * record exists, so a missing setting never reads as a device that failed.
   */
  async function requireCloudSetup(): Promise<void> {
    if (demoMode()) return
    const view = await connection()
    if (!view.apiKeySet) throw new AppError('foxessApiKeyMissing')
    if (!view.ctBaseUrl) throw new AppError('ctNotConfigured')
    if (!view.ctTokenSet) throw new AppError('ctTokenMissing')
  }

  const live = new LiveMonitor(services.api, clock, (update) => ctx.bus.emit('foxess:live', update), log)
  // a view started on simulated inverters never goes on polling the cloud, nor the other way round
  let liveDemo = demoMode()
  const detachSettings = ctx.bus.attach((channel) => {
    if (channel !== 'settings:changed' || demoMode() === liveDemo) return
    liveDemo = demoMode()
    live.stopAll()
    emitStatus()
  })

  const jobDeps: CommissioningDeps & CtJobDeps = {
    ...ctx.jobDeps,
    services,
    publishCommissioning: (view: CommissioningView) => ctx.bus.emit('foxess:commissioningChanged', view),
    publishCt: (view: CtView) => ctx.bus.emit('foxess:ctChanged', view),
  }
  ctx.jobs.registerResumer('ctDetection', (recordId) => CtDetectionJob.resume(jobDeps, recordId))
  ctx.jobs.registerResumer('inverterCommissioning', (recordId) => CommissioningJob.resume(jobDeps, recordId))

  const activeJob = <T>(recordId: number, type: new (...args: never[]) => T): T => {
    const job = ctx.jobs.get(recordId)
    if (!(job instanceof type)) throw new AppError('jobNotRunning', { id: recordId })
    return job
  }
  const operator = (given: string | undefined) => given || ctx.settings.get().operatorName

  return {
    id: 'foxess',
    services,
    store,
    status,
    liveViews: () => live.count,
    handlers: {
      foxessGetConnection: () => connection(),
      foxessSetConfig: (patch) => {
        store.update(patch)
        return connection()
      },
      foxessGetStatus: () => status(),
      foxessRefreshAccessCount: async () => {
        const s = current()
        // checking the budget by hand is the one call allowed while it is spent
        s.api.clearBudgetBlock()
        const count = await s.api.accessCount()
        if (demoMode()) s.accessCount = { ...count, at: clock.now(), callsAtReading: s.calls.total }
        else store.setAccessCount(count)
        emitStatus()
        return status()
      },
      foxessListPlants: () => services.api().listAllPlants(),
      foxessListDevices: () => services.api().listAllDevices(),
      foxessDeviceDetail: ({ sn }) => services.api().deviceDetail(sn),
      foxessRealTime: ({ sns, variables }) => services.api().realTime(sns, variables),
      foxessHistory: ({ sn, variables, begin, end }) => services.api().history(sn, variables, begin, end),
      foxessReport: (q) => services.api().report(q),
      foxessLiveStart: ({ spendBudget, ...input }) => {
        const intervalSeconds = input.intervalSeconds ?? store.config().livePollSeconds
        const cost = refreshCost(new Set(input.sns).size, intervalSeconds, status().budget, msUntilLocalMidnight(clock.now()))
        if (cost.level === 'exhausts' && !spendBudget) throw new AppError('foxessLiveOverBudget', { seconds: intervalSeconds, perDay: cost.perDay, left: status().budget.left })
        return live.start({ ...input, intervalSeconds })
      },
      foxessLiveStop: ({ subscriptionId }) => live.stop(subscriptionId),
      foxessCommissioningStart: async (input) => {
        await requireCloudSetup()
        return ctx.jobs.launch(inverterKey(input.sn), () => CommissioningJob.create(jobDeps, { ...input, operator: operator(input.operator) }))
      },
      foxessCommissioningAnswer: ({ recordId, answer }) => activeJob(recordId, CommissioningJob).answer(answer),
      foxessCommissioningView: ({ recordId }) => activeJob(recordId, CommissioningJob).view(),
      foxessCtStart: async (input) => {
        await requireCloudSetup()
        return ctx.jobs.launch(inverterKey(input.sn), () => CtDetectionJob.create(jobDeps, { ...input, operator: operator(input.operator) }))
      },
      foxessCtAnswer: ({ recordId, answer }) => activeJob(recordId, CtDetectionJob).answer(answer),
      foxessCtView: ({ recordId }) => activeJob(recordId, CtDetectionJob).view(),
    },
    async dispose() {
      detachSettings()
      live.stopAll()
    },
  }
}

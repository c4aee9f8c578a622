/**
 * Several chargers at one site: the scan (one at a time; a new one cancels
 * the one under way), site templates, the template job, and demo mode's
 * hands at the simulated chargers. Demo mode scans loopback addresses only.
 */
import { AppError, chargersKey, type evseSiteInvokeMethods, type EvseScanProgress } from '@shared/contract'
import { parseScanRange, SCAN_MAX_ADDRESSES, type ScanRangeProblem, ScanRangeErrors } from '@shared/devices/evse/range'
import type { DeviceModule, ModuleContext } from '../../core/module'
import { demoChargers, demoControl, demoView } from './demo-controls'
import { refuseOffLoopbackInDemo } from './demo-loopback'
import { scanChargers } from './scan'
import { EvseSiteJob } from './site-job'
import { EvseTemplateStore } from './site-templates'

/** A range the scan cannot take, in the installer's terms: the part at fault, or the count against the bound. */
export function scanRangeError(problem: ScanRangeProblem): AppError {
  const params: Record<string, string | number> = { max: SCAN_MAX_ADDRESSES }
  if ('part' in problem) params.part = problem.part
  if ('count' in problem) params.count = problem.count
  return new AppError(ScanRangeErrors[problem.reason], params)
}

export function evseSiteModule(ctx: ModuleContext): DeviceModule<typeof evseSiteInvokeMethods> {
  const { bus, clock, jobs, settings, simulators } = ctx
  const templates = new EvseTemplateStore(ctx.platform.dataDir, () => clock.now())
  const deps = ctx.jobDeps
  jobs.registerResumer('evseSite', (recordId) => {
    // a job begun on LAN chargers is not taken up again in demo mode
    refuseOffLoopbackInDemo(ctx, String(ctx.records.get(recordId, 0).deviceIds.chargers ?? '').split(','))
    return EvseSiteJob.resume(deps, recordId)
  })
  let scanId = 0
  let scanning: AbortController | null = null

  const requireDemo = () => {
    if (!settings.get().demoMode) throw new AppError('evseDemoOnly')
  }
  const simulatorAt = (host: string) => {
    const sim = demoChargers(simulators).find((s) => new URL(s.url).host === host)
    if (!sim) throw new AppError('evseNotSimulated', { host })
    return sim
  }
  const demoList = () => demoChargers(simulators).map(demoView)

  return {
    id: 'evseSite',
    handlers: {
      evseScan: async ({ range, port }): Promise<EvseScanProgress> => {
        const parsed = parseScanRange(range)
        if (!parsed.ok) throw scanRangeError(parsed)
        refuseOffLoopbackInDemo(ctx, parsed.addresses)
        scanning?.abort()
        const controller = new AbortController()
        scanning = controller
        const id = ++scanId
        try {
          const result = await scanChargers({ addresses: parsed.addresses, port, clock, signal: controller.signal, onProgress: (p) => bus.emit('evse:scanProgress', { scanId: id, ...p }) })
          return { scanId: id, ...result }
        } finally {
          if (scanning === controller) scanning = null
        }
      },
      evseScanCancel: () => {
        scanning?.abort()
      },
      evseTemplates: () => templates.list(),
      evseTemplateSave: ({ name, config }) => templates.save(name, config),
      evseTemplateDelete: ({ name }) => templates.delete(name),
      evseSiteApply: (input) => {
        refuseOffLoopbackInDemo(ctx, input.hosts)
        const template = templates.get(input.template)
        const operator = input.operator || settings.get().operatorName
        if (settings.get().demoMode) for (const host of input.hosts) simulatorAt(host)
        return jobs.launch(chargersKey(input.hosts), () => EvseSiteJob.create(deps, { ...input, operator }, template.config))
      },
      evseDemoChargers: () => (settings.get().demoMode ? demoList() : []),
      evseDemoControl: (input) => {
        requireDemo()
        demoControl(simulatorAt(input.host), input)
        return demoList()
      },
    },
    async dispose() {
      scanning?.abort()
    },
  }
}

import { AppError, DEFAULT_UPS_BANDS, serialPortKey, UPS_DISCHARGE_DEFAULT_S, type upsTestInvokeMethods } from '@shared/contract'
import type { DeviceModule, ModuleContext } from '../../core/module'
import { UpsAcceptanceJob, type UpsTestDeps } from './acceptance-job'

/** The UPS acceptance test: started, answered and followed from its page or `fieldbench ups test`. */
export function upsTestModule(context: ModuleContext): DeviceModule<typeof upsTestInvokeMethods> {
  const { bus, jobs } = context
  const deps: UpsTestDeps = { ...context.jobDeps, testRun: (run) => bus.emit('ups:testRun', run) }
  jobs.registerResumer('upsTest', (recordId) => UpsAcceptanceJob.resume(deps, recordId))
  const running = (recordId: number): UpsAcceptanceJob => {
    const job = jobs.get(recordId)
    if (!(job instanceof UpsAcceptanceJob)) throw new AppError('jobNotRunning', { id: recordId })
    return job
  }
  return {
    id: 'upsTest',
    handlers: {
      upsTestDefaults: () => ({ bands: DEFAULT_UPS_BANDS, dischargeS: UPS_DISCHARGE_DEFAULT_S }),
      upsTestStart: async (input) => {
        const operator = input.operator || context.settings.get().operatorName
        return jobs.launch(serialPortKey(input.path), () => UpsAcceptanceJob.create(deps, { ...input, operator }))
      },
      upsTestAnswer: ({ recordId, answer }) => running(recordId).answer(answer),
      upsTestGetRun: ({ recordId }) => {
        const job = jobs.get(recordId)
        return job instanceof UpsAcceptanceJob ? job.runState() : null
      },
    },
  }
}

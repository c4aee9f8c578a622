/**
 * The setup job's handlers in the charger's module: start, answers, the
 * wizard's view, and "Restore" of the backup a record holds (written, read
 * back and verified, during the job or after it).
 */
import { AppError, chargerKey, type evseSetupInvokeMethods } from '@shared/contract'
import type { HandlersFor, ModuleContext } from '../../core/module'
import type { EvseClient } from './client'
import { writeConfig } from './config-write'
import { refuseOffLoopbackInDemo } from './demo-loopback'
import { type EvseSetupDeps, EvseSetupJob } from './setup-job'

export function evseSetupHandlers(ctx: ModuleContext, clientFor: (host: string) => EvseClient): HandlersFor<typeof evseSetupInvokeMethods> {
  const deps: EvseSetupDeps = { ...ctx.jobDeps, publishSetup: (view) => ctx.bus.emit('evse:setup', view) }
  ctx.jobs.registerResumer('evseSetup', (recordId) => {
    // a job begun on a LAN charger is not taken up again in demo mode
    refuseOffLoopbackInDemo(ctx, [String(ctx.records.get(recordId, 0).deviceIds.charger ?? '')])
    return EvseSetupJob.resume(deps, recordId)
  })
  const running = (recordId: number): EvseSetupJob => {
    const job = ctx.jobs.get(recordId)
    if (!(job instanceof EvseSetupJob)) throw new AppError('jobNotRunning', { id: recordId })
    return job
  }
  return {
    evseSetupStart: (input) => {
      const operator = input.operator || ctx.settings.get().operatorName
      refuseOffLoopbackInDemo(ctx, [input.host])
      return ctx.jobs.launch(chargerKey(input.host), () => EvseSetupJob.create(deps, { ...input, operator }))
    },
    evseSetupAnswer: ({ recordId, answer }) => running(recordId).answer(answer),
    evseSetupView: ({ recordId }) => {
      const job = ctx.jobs.get(recordId)
      return job instanceof EvseSetupJob ? job.view() : null
    },
    evseSetupRestore: async ({ recordId }) => {
      const job = ctx.jobs.get(recordId)
      // while the job runs, only a job waiting for the installer leaves the charger to a restore
      if (job instanceof EvseSetupJob && ctx.jobs.isActive(recordId) && !job.view().awaiting) throw new AppError('jobAlreadyRunning', { id: recordId })
      const { host, backup } = EvseSetupJob.backupOf(ctx, recordId)
      refuseOffLoopbackInDemo(ctx, [host])
      return writeConfig(clientFor(host), backup)
    },
  }
}

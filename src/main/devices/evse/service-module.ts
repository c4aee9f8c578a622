/**
 * The service actions in the charger module: each starts a recorded job on
 * the charger's shared client (so its restart is the one every user sees),
 * refused while another job holds the charger. A restore takes the backup
 * from the service record named.
 */
import { AppError, chargerKey, type EvseConfig, type JobUpdate } from '@shared/contract'
import type { EvseServiceStart } from '@shared/contract/evse/evse-service.schemas'
import { EvseConfigFields } from '@shared/devices/evse/config'
import type { ModuleContext } from '../../core/module'
import type { EvseClient } from './client'
import { EvseServiceJob } from './service-job'

/** The backup a service record holds, only the fields of the right type. */
export function backupOf(meta: Record<string, unknown>): Partial<EvseConfig> | null {
  const backup = meta.backup
  if (typeof backup !== 'object' || backup === null) return null
  const config: Record<string, unknown> = {}
  for (const { key, kind } of EvseConfigFields) {
    const value = (backup as Record<string, unknown>)[key]
    if (typeof value === kind) config[key] = value
  }
  return Object.keys(config).length ? (config as Partial<EvseConfig>) : null
}

export function startService(ctx: ModuleContext, clientFor: (host: string) => EvseClient, input: EvseServiceStart): Promise<JobUpdate> {
  let restoreConfig: Partial<EvseConfig> | undefined
  if (input.action === 'restore') {
    const record = ctx.records.get(input.fromRecord!, 0)
    const backup = record.jobType === 'evseService' ? backupOf(record.meta) : null
    if (!backup) throw new AppError('evseNoBackup', { id: input.fromRecord! })
    restoreConfig = backup
  }
  const { host, action, fromRecord, site, operator } = input
  return ctx.jobs.launch(chargerKey(host), () =>
    EvseServiceJob.create(ctx.jobDeps, { host, action, fromRecord, restoreConfig, site, operator }, clientFor(host), (view) => ctx.bus.emit('evse:serviceView', view)),
  )
}

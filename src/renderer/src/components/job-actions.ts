import { AppError, type JobType, JobTypes, parseDeviceKey } from '@shared/contract'
import type { TFunction } from 'i18next'
import { api } from '../api'
import { useJobs } from '../stores/jobs'
import { jobRoute, useNav } from '../stores/nav'

/** A start refused because the device already has a job: the other job's record and type, to offer it instead. */
export interface StartRefusal {
  code: 'jobDeviceBusy' | 'jobDeviceSuspended'
  recordId: number
  jobType: JobType
  error: AppError
}

export function startRefusal(err: unknown): StartRefusal | null {
  if (!(err instanceof AppError) || (err.code !== 'jobDeviceBusy' && err.code !== 'jobDeviceSuspended')) return null
  const { id, jobType } = err.params
  if (typeof id !== 'number' || !(JobTypes as readonly unknown[]).includes(jobType)) return null
  return { code: err.code, recordId: id, jobType: jobType as JobType, error: err }
}

/** How a job's device reads in the shell: "Port COM3", "Inverter 60H31…". */
export function deviceLabel(t: TFunction, deviceKey: string | null): string {
  const device = deviceKey ? parseDeviceKey(deviceKey) : null
  return device ? t(`jobs:open.${device.kind}`, { id: device.id }) : ''
}

/** Return to a running job, resume a suspended one, or close it as aborted. */
export function useJobActions() {
  const go = useNav((s) => s.go)
  return {
    returnTo: (jobType: JobType, recordId: number) => go(jobRoute(jobType, recordId)),
    resume: async (jobType: JobType, recordId: number) => {
      useJobs.getState().update(await api().resumeJob({ recordId }))
      go(jobRoute(jobType, recordId))
    },
    closeAborted: async (recordId: number) => {
      await api().abortRecord({ id: recordId })
    },
  }
}

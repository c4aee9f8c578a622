import type { CoreModule, ModuleContext } from '../module'

export type JobsMethod = 'listJobs' | 'listOpenJobs' | 'resumeJob' | 'cancelJob'

/** Every device's running and suspended jobs, in one list the shell shows on every page. */
export function jobsModule({ jobs, records }: ModuleContext): CoreModule<JobsMethod> {
  return {
    id: 'jobs',
    handlers: {
      listJobs: () => jobs.list(),
      listOpenJobs: () => jobs.open(),
      resumeJob: ({ recordId }) => jobs.resume(recordId, records.summary(recordId).jobType),
      cancelJob: ({ recordId }) => jobs.cancel(recordId),
    },
  }
}

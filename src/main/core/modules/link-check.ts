import { serialPortKey } from '@shared/contract'
import { LinkCheckJob } from './link-check-job'
import type { CoreModule, ModuleContext } from '../module'

/** The serial link check: starts one on a port and resumes one left by a quit. */
export function linkCheckModule({ ports, settings, jobs, jobDeps }: ModuleContext): CoreModule<'startLinkCheck'> {
  jobs.registerResumer('linkCheck', (recordId) => LinkCheckJob.resume(jobDeps, recordId))
  return {
    id: 'linkCheck',
    handlers: {
      startLinkCheck: (input) => {
        // refused before a record exists, as the cabinet test refuses it: a wrong path is not a failed check
        ports.assertSerialPort(input.path)
        const operator = input.operator || settings.get().operatorName
        return jobs.launch(serialPortKey(input.path), () => LinkCheckJob.create(jobDeps, { ...input, operator }))
      },
    },
  }
}

import { type ReactNode, useState } from 'react'
import type { JobUpdate } from '@shared/contract'
import { useJobs } from '../stores/jobs'
import { type StartRefusal, startRefusal } from './job-actions'
import { type JobContext, JobContextFields } from './JobContextFields'
import { PortSelect } from './PortSelect'

/**
 * Starts a job on a serial port: the job is followed on its port once main
 * has it; a port whose device already has a job is no error, the refusal
 * offers that job instead (`StartRefusalBanner`).
 */
export function useSerialJobStart(onStarted: (recordId: number) => void) {
  const [refusal, setRefusal] = useState<StartRefusal | null>(null)
  const start = async (path: string, call: () => Promise<JobUpdate>) => {
    setRefusal(null)
    try {
      const update = await call()
      useJobs.getState().update(update)
      useJobs.getState().setPath(update.recordId, path)
      onStarted(update.recordId)
    } catch (err) {
      const refused = startRefusal(err)
      if (refused) setRefusal(refused)
      else throw err
    }
  }
  return { refusal, clearRefusal: () => setRefusal(null), start }
}

/** A serial job's start form: the port first, the job's own fields, where and by whom, a hint, and the start button. */
export function SerialJobStart({
  portLabel,
  path,
  onPath,
  portTestId,
  context,
  onContext,
  siteTestId,
  hint,
  startLabel,
  startTestId,
  canStart,
  onStart,
  children,
}: {
  portLabel: string
  path: string
  onPath: (path: string) => void
  portTestId: string
  context: JobContext
  onContext: (context: JobContext) => void
  siteTestId?: string
  hint: string
  startLabel: string
  startTestId: string
  /** besides a port being chosen */
  canStart: boolean
  onStart: () => void
  children?: ReactNode
}) {
  return (
    <form
      className="form-grid"
      onSubmit={(e) => {
        e.preventDefault()
        onStart()
      }}
    >
      <label className="field">
        <span>{portLabel}</span>
        <PortSelect value={path} onChange={onPath} testId={portTestId} />
      </label>
      {children}
      <JobContextFields value={context} onChange={onContext} siteTestId={siteTestId} />
      <p className="hint">{hint}</p>
      <div className="actions">
        <button type="submit" disabled={!path || !canStart} data-testid={startTestId}>
          {startLabel}
        </button>
      </div>
    </form>
  )
}

import type { JobType, StepVerdict, Verdict } from './records'

export const LinkCheckSteps = ['open', 'echo', 'throughput', 'close'] as const
export type LinkCheckStep = (typeof LinkCheckSteps)[number]

/** Job progress as a discriminated union: one phase at a time, never a bag of booleans. */
export type JobPhase =
  | { phase: 'running'; step: string }
  | { phase: 'paused'; step: string; reason: string }
  | { phase: 'finished'; verdict: Verdict }
  | { phase: 'aborted'; reason: string }

export interface JobStepState {
  key: string
  verdict: StepVerdict | null
  /** error code or note, localized by the renderer */
  note: string | null
}

export interface JobUpdate {
  recordId: number
  jobType: JobType
  phase: JobPhase
  steps: JobStepState[]
}

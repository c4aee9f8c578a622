import type { JsonValue } from '@shared/contract'
import type { FoxExchange } from './open-api'
import type { CtFlowHost, FoxServices } from './ct-flow'
import { type JobDeps, RecordedJob, type StepOutcome } from '../../flows/recorded-job'

export interface FoxJobDeps extends JobDeps {
  services: FoxServices
}

/** What the Fox ESS jobs share: cloud exchanges into the record, and the host the CT flow runs in. */
export abstract class FoxJob extends RecordedJob {
  constructor(
    protected override readonly deps: FoxJobDeps,
    recordId: number,
  ) {
    super(deps, recordId)
  }

  /** Records each request and its answer (never headers, so never the key). */
  tap(stepId: number | null): (exchange: FoxExchange) => void {
    return (x) => {
      const channel = `http:${x.method} ${x.path}`
      const request = JSON.stringify(x.query ? { query: x.query, ...(x.body ? { body: x.body } : {}) } : (x.body ?? {}))
      this.exchange(stepId, { direction: 'request', channel, data: request, summary: null, ts: x.startedAt })
      const summary = [x.status === null ? null : `HTTP ${x.status}`, x.errno === null ? null : `errno ${x.errno}`, x.error, `${x.durationMs} ms`].filter(Boolean).join(' · ')
      this.exchange(stepId, { direction: 'response', channel, data: x.answer || x.error || '', summary, ts: x.startedAt + x.durationMs })
    }
  }

  /** The CT flow's view of this job. */
  protected ctHost(ask: CtFlowHost['ask'], changed: () => void, started: CtFlowHost['started']): CtFlowHost {
    return {
      signal: this.signal,
      services: this.deps.services,
      step: (key, inputs, body) => this.step(key, inputs as Record<string, JsonValue>, body),
      tap: (stepId) => this.tap(stepId),
      ask,
      changed,
      started,
    }
  }

  protected override emit(): void {
    super.emit()
    this.publish()
  }

  /** Pushes the wizard's own view (not just the step list) to the renderer. */
  protected abstract publish(): void
}

export type { StepOutcome }

import type { JobUpdate } from '@shared/contract'
import { localizeNote, localizeStep } from '@shared/i18n/localize'
import type { Core } from '../../core/core'
import { cliCore, endedSteps, type Follower, followJob, invoke, reportEnd, stepLine } from '../context'
import type { Out } from '../output'

export interface LinkCheckOptions {
  port: string
  baud?: number
  label?: string
  site?: string
  customer?: string
  operator?: string
  dataDir?: string
}

/** The serial link check without a window, for bench scripts: exit 0 on PASS, 1 on FAIL, 3 when it could not finish. */
export async function linkCheckCommand(out: Out, options: LinkCheckOptions): Promise<number> {
  const core = await cliCore(options.dataDir)
  try {
    const follower = linkCheckFollower(out, core)
    const started = await invoke(core, 'startLinkCheck', {
      path: options.port,
      baudRate: options.baud ?? 115200,
      adapterLabel: options.label ?? '',
      site: options.site ?? '',
      customer: options.customer ?? '',
      operator: options.operator ?? '',
    })
    follower.track(started.recordId)
    return await follower.follow()
  } finally {
    await core.dispose()
  }
}

/** Prints a link check's steps as they end and its verdict; shared by the command and `records resume`. */
export function linkCheckFollower(out: Out, core: Core): Follower {
  const job = followJob()
  let previous: JobUpdate | null = null
  core.bus.attach((channel, payload) => {
    if (channel !== 'job:update') return
    const update = payload as JobUpdate
    if (!job.ours(update.recordId)) return
    for (const step of endedSteps(update, previous)) out.event({ event: 'step', recordId: update.recordId, ...step }, () => stepLine(out, 'linkCheck', step))
    const phase = update.phase
    const before = previous?.phase
    if (phase.phase === 'running' && (before?.phase !== 'running' || before.step !== phase.step)) {
      out.event({ event: 'running', recordId: update.recordId, step: phase.step }, () => `${localizeStep(out.t, 'linkCheck', phase.step)}…`)
    }
    previous = update
    if (phase.phase === 'paused') out.event({ event: 'paused', reason: phase.reason }, () => localizeNote(out.t, 'linkCheck', phase.reason))
    job.settle(update)
  })
  return {
    track: job.track,
    async follow() {
      const recordId = job.recordId
      const final = await job.end(core)
      return reportEnd(out, recordId, final)
    },
  }
}

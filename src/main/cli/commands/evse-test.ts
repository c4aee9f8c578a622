/**
 * `fieldbench evse test --host H [--port N]`: the charger's test charge
 * without a window, as the setup job runs it with the configuration kept as
 * it is and the vehicle taken as plugged in. Recorded like any job: Ctrl-C
 * suspends it (the charge stopped, the limit lifted), `records resume` picks
 * it up. Exit 0 on PASS, 1 on FAIL, 3 when it could not finish.
 */
import { EVSE_HOST_PATTERN, type EvseSetupView, type JobUpdate, type Measurement } from '@shared/contract'
import { formatBand, localizeMeasurement, localizeStep } from '@shared/i18n/localize'
import { measurementText } from '@shared/i18n/measurement-text'
import type { Core, CoreOptions } from '../../core/core'
import { cliCore, endedSteps, type Follower, followJob, invoke, reportEnd, stepLine } from '../context'
import { type Out, UsageError } from '../output'

export interface EvseTestOptions {
  host?: string
  port?: number
  site?: string
  customer?: string
  operator?: string
  dataDir?: string
}

const JOB = 'evseSetup'

/** The address the job is started with: `--port` joins `--host` unless the host already names one. */
export function chargerAddress(out: Out, options: EvseTestOptions): string {
  if (!options.host) throw new UsageError(out.t('evse:cli.needHost'))
  const host = options.port === undefined || /:\d+$/.test(options.host) ? options.host : `${options.host}:${options.port}`
  if (!EVSE_HOST_PATTERN.test(host)) throw new UsageError(out.t('evse:cli.badHost', { host }))
  return host
}

export async function evseTestCommand(out: Out, options: EvseTestOptions, coreOptions: CoreOptions = {}): Promise<number> {
  const host = chargerAddress(out, options)
  const core = await cliCore(options.dataDir, false, { core: coreOptions })
  try {
    const follower = evseSetupFollower(out, core)
    const started = await invoke(core, 'evseSetupStart', { host, site: options.site ?? '', customer: options.customer ?? '', operator: options.operator ?? '' })
    follower.track(started.recordId)
    return await follower.follow()
  } finally {
    await core.dispose()
  }
}

function measurementLine(out: Out, stepKey: string, m: Measurement): string {
  const num = (n: number) => String(n)
  const { label, value } = measurementText(out.t, JOB, { key: stepKey, measurements: [m] }, m, num)
  const band = formatBand(m, num)
  const verdict = m.verdict && m.verdict !== 'info' ? ` [${out.t(`records:verdict.${m.verdict}`)}]` : ''
  return `  ${label || localizeMeasurement(out.t, JOB, m.key)}: ${value}${m.unit ? ` ${m.unit}` : ''}${band ? ` (${band})` : ''}${verdict}`
}

/**
 * Follows a setup job on the terminal: the configuration kept and the vehicle
 * taken as ready when the job asks, each step and the test charge's checks as
 * they come, the verdict. Shared by `evse test` and `records resume`.
 */
export function evseSetupFollower(out: Out, core: Core): Follower {
  const job = followJob()
  let previous: JobUpdate | null = null
  let printedChecks = 0
  /** the step last announced: a step paused for an answer and running again is not announced twice */
  let announced = ''
  const onView = (view: EvseSetupView) => {
    const checks = view.testCharge?.checks ?? []
    if (checks.length < printedChecks) printedChecks = 0
    for (const m of checks.slice(printedChecks)) out.event({ event: 'check', recordId: view.recordId, ...m }, () => measurementLine(out, 'testCharge', m))
    printedChecks = checks.length
    if (!view.awaiting) return
    const answer = view.awaiting === 'configTarget' ? ({ kind: 'config', target: null } as const) : ({ kind: 'plugIn', ready: true } as const)
    invoke(core, 'evseSetupAnswer', { recordId: view.recordId, answer }).catch(() => undefined)
  }
  core.bus.attach((channel, payload) => {
    if (channel === 'evse:setup') {
      const view = payload as EvseSetupView
      if (job.ours(view.recordId)) onView(view)
      return
    }
    if (channel !== 'job:update') return
    const update = payload as JobUpdate
    if (!job.ours(update.recordId)) return
    for (const step of endedSteps(update, previous)) out.event({ event: 'step', recordId: update.recordId, ...step }, () => stepLine(out, JOB, step))
    const phase = update.phase
    if (phase.phase === 'running' && phase.step !== announced) {
      announced = phase.step
      out.event({ event: 'running', recordId: update.recordId, step: phase.step }, () => `${localizeStep(out.t, JOB, phase.step)}…`)
    }
    previous = update
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

import type { JobUpdate } from '@shared/contract'
import { localizeNote, localizeStep } from '@shared/i18n/localize'
import { awaitJob, cliCore } from '../context'
import { EXIT, type Out, UsageError } from '../output'

/** The serial link check without a window, for bench scripts: exit 0 on PASS, 1 on FAIL. */
export async function linkCheckCommand(
  out: Out,
  options: { port?: string; baud: number; label?: string; site?: string; customer?: string; operator?: string; dataDir?: string },
): Promise<number> {
  if (!options.port) throw new UsageError(out.t('cli:needPort'))
  const core = await cliCore(options.dataDir)
  try {
    let previous: JobUpdate | null = null
    const finished = new Promise<JobUpdate>((resolve) => {
      core.bus.attach((channel, payload) => {
        if (channel !== 'job:update') return
        const update = payload as JobUpdate
        for (const step of update.steps) {
          const before = previous?.steps.find((s) => s.key === step.key)
          if (step.verdict && before?.verdict !== step.verdict) {
            out.event({ event: 'step', recordId: update.recordId, ...step }, () => {
              const note = step.note ? ` — ${localizeNote(out.t, 'linkCheck', step.note)}` : ''
              return `${localizeStep(out.t, 'linkCheck', step.key)}: ${out.t(`records:verdict.${step.verdict}`)}${note}`
            })
          }
        }
        const phase = update.phase
        const before = previous?.phase
        if (phase.phase === 'running' && (before?.phase !== 'running' || before.step !== phase.step)) {
          out.event({ event: 'running', recordId: update.recordId, step: phase.step }, () => `${localizeStep(out.t, 'linkCheck', phase.step)}…`)
        }
        previous = update
        if (phase.phase === 'paused') out.event({ event: 'paused', reason: phase.reason }, () => localizeNote(out.t, 'linkCheck', phase.reason))
        if (phase.phase === 'finished' || phase.phase === 'aborted') resolve(update)
      })
    })
    const started = await core.handlers.startLinkCheck({
      path: options.port,
      baudRate: options.baud,
      adapterLabel: options.label ?? '',
      site: options.site ?? '',
      customer: options.customer ?? '',
      operator: options.operator ?? '',
    })
    const final = await awaitJob(core, started.recordId, finished)
    const verdict = final.phase.phase === 'finished' ? final.phase.verdict : 'none'
    out.event({ event: 'result', recordId: final.recordId, verdict }, () => `${out.t('records:fields.verdict')}: ${out.t(`records:verdict.${verdict}`)} · ${out.t('records:fields.id')} ${final.recordId}`)
    return verdict === 'pass' ? EXIT.ok : EXIT.fail
  } finally {
    await core.dispose()
  }
}

import { writeFileSync } from 'node:fs'
import { createInterface } from 'node:readline/promises'
import type { CabinetRun, JobUpdate } from '@shared/contract'
import { localizeNote } from '@shared/i18n/localize'
import type { Core } from '../../core/core'
import { endedSteps, type Follower, followJob, invoke, measurementLines, reportEnd, stepLine } from '../context'
import { type Out, UsageError } from '../output'

/** The operator's answers given as flags; without them the test asks at the terminal. */
export interface CabinetAnswers {
  confirmSafety?: boolean
  airflow?: 'ok' | 'fail'
  /** where the record goes as JSON when the test ends */
  report?: string
}

export const interactive = () => Boolean(process.stdin.isTTY && process.stdout.isTTY)

/** A yes in any of the shipped languages. */
const YES = /^(y|yes|t|tak|是|是的|好)$/i

async function ask(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout })
  try {
    return YES.test((await rl.question(`${question} `)).trim())
  } finally {
    rl.close()
  }
}

/** Refuses to start (or resume) a test nobody could confirm: no terminal and no flags. */
export function requireAnswers(out: Out, answers: CabinetAnswers): void {
  if (!answers.confirmSafety && !interactive()) throw new UsageError(out.t('cabinet:cli.needSafety'))
  if (answers.airflow === undefined && !interactive()) throw new UsageError(out.t('cabinet:cli.needAirflow'))
}

/**
 * Follows a cabinet test on the terminal: the safety warning and the airflow
 * asked (or answered from the flags), the doors to close, each step and its
 * measurements, the verdict. Shared by `cabinet test` and `records resume`.
 */
export function cabinetFollower(out: Out, core: Core, answers: CabinetAnswers): Follower {
  const job = followJob()
  let previous: JobUpdate | null = null
  let lastDoors = ''
  const answered = new Set<string>()
  const onRun = async (run: CabinetRun) => {
    const awaiting = run.awaiting
    if (!awaiting) return
    if (awaiting.what === 'doors') {
      const slots = awaiting.slots.join(', ')
      if (slots && slots !== lastDoors) out.event({ event: 'doors', slots: awaiting.slots }, () => out.t('cabinet:cli.closeDoors', { slots }))
      lastDoors = slots
      return
    }
    if (answered.has(awaiting.what)) return
    answered.add(awaiting.what)
    let ok: boolean
    if (awaiting.what === 'safety') {
      out.event({ event: 'safety' }, () => `${out.t('cabinet:safety.title')}\n${out.t('cabinet:safety.warning')}`)
      ok = answers.confirmSafety || (await ask(out.t('cabinet:cli.askSafety')))
    } else {
      ok = answers.airflow !== undefined ? answers.airflow === 'ok' : await ask(out.t('cabinet:cli.askAirflow'))
    }
    try {
      await invoke(core, 'cabinetConfirm', { recordId: run.recordId, what: awaiting.what, ok })
    } catch (err) {
      out.error(err)
    }
  }
  core.bus.attach((channel, payload) => {
    if (channel === 'cabinet:run') {
      const run = payload as CabinetRun
      if (job.ours(run.recordId)) void onRun(run)
    }
    if (channel !== 'job:update') return
    const update = payload as JobUpdate
    if (!job.ours(update.recordId)) return
    printSteps(out, core, update, previous)
    previous = update
    const phase = update.phase
    if (phase.phase === 'paused') {
      const text = phase.reason === 'portDifferentDevice' ? localizeNote(out.t, 'cabinetTest', phase.reason) : out.t('cabinet:cli.paused')
      out.event({ event: 'paused', reason: phase.reason }, () => text)
    }
    job.settle(update)
  })
  return {
    track: job.track,
    async follow() {
      const recordId = job.recordId
      // the first state may have gone out before the id was known
      const first = await invoke(core, 'cabinetGetRun', { recordId })
      if (first) void onRun(first)
      const final = await job.end(core)
      if (answers.report) {
        const file = await invoke(core, 'exportRecord', { id: recordId, format: 'json', language: out.language })
        writeFileSync(answers.report, file.content)
      }
      return reportEnd(out, recordId, final, {
        lines: [final.phase.phase === 'aborted' ? localizeNote(out.t, 'cabinetTest', final.phase.reason) : '', answers.report ? out.t('cli:records.written', { file: answers.report }) : ''],
        fields: { report: answers.report ?? null },
      })
    },
  }
}

function printSteps(out: Out, core: Core, update: JobUpdate, previous: JobUpdate | null): void {
  for (const step of endedSteps(update, previous)) {
    const measurements = core.records.get(update.recordId, 0).steps.filter((s) => s.key === step.key).at(-1)?.measurements ?? []
    out.event({ event: 'step', recordId: update.recordId, ...step, measurements }, () => [stepLine(out, 'cabinetTest', step), ...measurementLines(out, 'cabinetTest', measurements)].join('\n'))
  }
}

import { createInterface } from 'node:readline/promises'
import type { JobUpdate, UpsTestRun } from '@shared/contract'
import { localizeNote } from '@shared/i18n/localize'
import type { Core, CoreOptions } from '../../core/core'
import { cliCore, endedSteps, type Follower, followJob, invoke, measurementLines, reportEnd, stepLine } from '../context'
import { type Out, UsageError } from '../output'
import { interactive } from './cabinet-follow'

export interface UpsTestOptions {
  port?: string
  ini?: string
  durationS?: number
  serial?: string
  operator?: string
  site?: string
  dataDir?: string
}

/**
 * `fieldbench ups test`: the acceptance test without a window. At a terminal
 * it asks the engineer to cut and restore mains and waits for Enter; without
 * one it says what to do and waits for the UPS's own change up to each
 * timeout. Exit 0 on PASS, 1 on FAIL, 3 when it could not finish; Ctrl-C
 * suspends it, to resume with `fieldbench records resume`.
 */
export async function upsTestCommand(out: Out, options: UpsTestOptions, coreOptions: CoreOptions = {}): Promise<number> {
  if (options.port === undefined) throw new UsageError(out.t('upsMonitor:cli.needPort'))
  const core = await cliCore(options.dataDir, false, { core: coreOptions })
  try {
    const follower = upsTestFollower(out, core)
    const started = await invoke(core, 'upsTestStart', {
      path: options.port,
      ...(options.ini !== undefined ? { ini: options.ini } : {}),
      ...(options.durationS !== undefined ? { dischargeS: options.durationS } : {}),
      serial: options.serial ?? '',
      operator: options.operator ?? '',
      site: options.site ?? '',
      attended: interactive(),
    })
    follower.track(started.recordId)
    return await follower.follow()
  } finally {
    await core.dispose()
  }
}

async function waitForEnter(question: string, signal: AbortSignal): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout })
  try {
    await rl.question(`${question} `, { signal })
    return true
  } catch {
    return false
  } finally {
    rl.close()
  }
}

/** Prints the test's steps with their measurements as they end, its questions, and its verdict; shared by the command and `records resume`. */
export function upsTestFollower(out: Out, core: Core): Follower {
  const job = followJob()
  let previous: JobUpdate | null = null
  let asking: { prompt: string; stop: AbortController } | null = null
  const onRun = (run: UpsTestRun) => {
    if (asking && asking.prompt !== run.prompt) {
      // the UPS changed before the engineer pressed Enter: the question no longer stands
      asking.stop.abort()
      asking = null
    }
    if (!run.prompt || asking) return
    const prompt = run.prompt
    const stop = new AbortController()
    asking = { prompt, stop }
    out.event({ event: 'prompt', prompt }, () => out.t(`upsTest:cli.${prompt}`))
    if (!interactive()) return
    void waitForEnter(out.t('upsTest:cli.pressEnter'), stop.signal).then(async (entered) => {
      if (!entered) return
      try {
        await invoke(core, 'upsTestAnswer', { recordId: run.recordId, answer: { kind: prompt === 'cutMains' ? 'mainsCut' : 'mainsRestored' } })
      } catch (err) {
        out.error(err)
      }
    })
  }
  core.bus.attach((channel, payload) => {
    if (channel === 'ups:testRun') {
      const run = payload as UpsTestRun
      if (job.ours(run.recordId)) onRun(run)
    }
    if (channel !== 'job:update') return
    const update = payload as JobUpdate
    if (!job.ours(update.recordId)) return
    printSteps(out, core, update, previous)
    previous = update
    job.settle(update)
  })
  return {
    track: job.track,
    async follow() {
      const recordId = job.recordId
      const first = await invoke(core, 'upsTestGetRun', { recordId })
      if (first) onRun(first)
      const final = await job.end(core)
      asking?.stop.abort()
      return reportEnd(out, recordId, final, { lines: [final.phase.phase === 'aborted' ? localizeNote(out.t, 'upsTest', final.phase.reason) : ''] })
    },
  }
}

function printSteps(out: Out, core: Core, update: JobUpdate, previous: JobUpdate | null): void {
  for (const step of endedSteps(update, previous)) {
    const measurements = core.records.get(update.recordId, 0).steps.filter((s) => s.key === step.key).at(-1)?.measurements ?? []
    out.event({ event: 'step', recordId: update.recordId, ...step, measurements }, () => [stepLine(out, 'upsTest', step), ...measurementLines(out, 'upsTest', measurements)].join('\n'))
  }
}

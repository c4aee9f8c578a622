import { readFileSync, writeFileSync } from 'node:fs'
import { createInterface } from 'node:readline/promises'
import {
  AppError,
  type CabinetFrameEntry,
  type CabinetFrames,
  type CabinetProfile,
  type CabinetRun,
  type CabinetTerminalAnswer,
  type JobUpdate,
} from '@shared/contract'
import { frameMeaningText, frameRoleText } from '@shared/i18n/cabinet'
import { localizeMeasurement, localizeNote, localizeStep } from '@shared/i18n/localize'
import type { Core } from '../../core/core'
import { commandFromWords } from '../../devices/cabinet/command-words'
import { defaultProfile, parseProfile } from '../../devices/cabinet/profile'
import { awaitJob, cliCore } from '../context'
import { EXIT, type Out, UsageError } from '../output'

export interface CabinetTestOptions {
  port?: string
  profile?: string
  serial?: string
  operator?: string
  site?: string
  firmware?: string
  confirmSafety: boolean
  airflow?: string
  report?: string
  dataDir?: string
}

const interactive = () => Boolean(process.stdin.isTTY && process.stdout.isTTY)

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

function loadProfile(out: Out, file: string | undefined): CabinetProfile {
  if (!file) return defaultProfile
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    throw new UsageError(out.t('cabinet:cli.profileUnreadable', { file }))
  }
  return parseProfile(text)
}

/**
 * `fieldbench cabinet test`: the factory test without a window. The
 * operator's confirmations come from flags (`--confirm-safety`, `--airflow
 * ok|fail`) or, at a terminal, from questions; the doors are waited for by
 * their reports. Exit 0 on PASS, 1 on FAIL, 3 when it could not finish.
 */
export async function cabinetTestCommand(out: Out, options: CabinetTestOptions): Promise<number> {
  if (!options.port) throw new UsageError(out.t('cli:needPort'))
  if (options.airflow !== undefined && options.airflow !== 'ok' && options.airflow !== 'fail') throw new UsageError(out.t('cli:badOption', { option: 'airflow' }))
  if (!options.confirmSafety && !interactive()) throw new UsageError(out.t('cabinet:cli.needSafety'))
  if (options.airflow === undefined && !interactive()) throw new UsageError(out.t('cabinet:cli.needAirflow'))
  const profile = loadProfile(out, options.profile)
  const core = await cliCore(options.dataDir)
  try {
    let recordId = 0
    let previous: JobUpdate | null = null
    let lastDoors = ''
    const answered = new Set<string>()
    const finished = new Promise<JobUpdate>((resolve) => {
      core.bus.attach((channel, payload) => {
        if (channel === 'cabinet:run') {
          const run = payload as CabinetRun
          if (run.recordId === recordId) void onRun(run)
        }
        if (channel !== 'job:update') return
        const update = payload as JobUpdate
        if (update.recordId !== recordId) return
        printSteps(out, core, update, previous)
        previous = update
        const phase = update.phase
        if (phase.phase === 'paused') {
          const text = phase.reason === 'portDifferentDevice' ? localizeNote(out.t, 'cabinetTest', phase.reason) : out.t('cabinet:cli.paused')
          out.event({ event: 'paused', reason: phase.reason }, () => text)
        }
        if (phase.phase === 'finished' || phase.phase === 'aborted') resolve(update)
      })
    })
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
        ok = options.confirmSafety || (await ask(out.t('cabinet:cli.askSafety')))
      } else {
        ok = options.airflow !== undefined ? options.airflow === 'ok' : await ask(out.t('cabinet:cli.askAirflow'))
      }
      try {
        await core.handlers.cabinetConfirm({ recordId: run.recordId, what: awaiting.what, ok })
      } catch (err) {
        out.error(err)
      }
    }
    const started = await core.handlers.cabinetStartTest({
      path: options.port,
      serial: options.serial ?? '',
      operator: options.operator ?? '',
      site: options.site ?? '',
      customer: '',
      firmware: options.firmware ?? '',
      profile,
    })
    recordId = started.recordId
    // the first state may have gone out before the id was known
    const first = await core.handlers.cabinetGetRun({ recordId })
    if (first) void onRun(first)
    const final = await awaitJob(core, recordId, finished)
    if (options.report) {
      const file = await core.handlers.exportRecord({ id: recordId, format: 'json', language: out.language })
      writeFileSync(options.report, file.content)
    }
    const verdict = final.phase.phase === 'finished' ? final.phase.verdict : 'none'
    out.event({ event: 'result', recordId, verdict, report: options.report ?? null }, () =>
      [
        `${out.t('records:fields.verdict')}: ${out.t(`records:verdict.${verdict}`)} · ${out.t('records:fields.id')} ${recordId}`,
        final.phase.phase === 'aborted' ? localizeNote(out.t, 'cabinetTest', final.phase.reason) : '',
        options.report ? out.t('cli:records.written', { file: options.report }) : '',
      ]
        .filter(Boolean)
        .join('\n'),
    )
    return verdict === 'pass' ? EXIT.ok : verdict === 'fail' ? EXIT.fail : EXIT.error
  } finally {
    await core.dispose()
  }
}

function printSteps(out: Out, core: Core, update: JobUpdate, previous: JobUpdate | null): void {
  for (const step of update.steps) {
    const before = previous?.steps.find((s) => s.key === step.key)
    if (!step.verdict || (before?.verdict === step.verdict && before.note === step.note)) continue
    const detail = core.records.get(update.recordId, 0).steps.filter((s) => s.key === step.key).at(-1)
    out.event({ event: 'step', recordId: update.recordId, ...step, measurements: detail?.measurements ?? [] }, () => {
      const note = step.note ? ` — ${localizeNote(out.t, 'cabinetTest', step.note)}` : ''
      const lines = [`${localizeStep(out.t, 'cabinetTest', step.key)}: ${out.t(`records:verdict.${step.verdict}`)}${note}`]
      for (const m of detail?.measurements ?? []) {
        const band = m.min !== undefined || m.max !== undefined ? `  [${m.min ?? ''} … ${m.max ?? ''}]` : ''
        const verdict = m.verdict ? `  ${out.t(`records:verdict.${m.verdict}`)}` : ''
        const value = typeof m.value === 'boolean' ? out.t(m.value ? 'common:yes' : 'common:no') : String(m.value)
        lines.push(`  ${localizeMeasurement(out.t, 'cabinetTest', m.key)}: ${value}${m.unit ? ` ${m.unit}` : ''}${band}${verdict}`)
      }
      return lines.join('\n')
    })
  }
}

export function frameLine(out: Out, entry: CabinetFrameEntry): string {
  const time = new Date(entry.ts).toISOString().slice(11, 23)
  const dir = entry.dir === 'tx' ? '→' : '←'
  const rtt = entry.roundTripMs !== undefined ? `  (${entry.roundTripMs} ms)` : ''
  return `${time} ${dir} ${entry.text.padEnd(24)}  ${frameRoleText(out.t, entry)}: ${frameMeaningText(out.t, entry.meaning)}${rtt}`
}

/** `fieldbench cabinet send <command words | raw frame>`: one exchange, both frames decoded. */
export async function cabinetSendCommand(out: Out, options: { port?: string; words: string[]; type?: string; dataDir?: string }): Promise<number> {
  if (!options.port) throw new UsageError(out.t('cli:needPort'))
  if (!options.words.length) throw new UsageError(out.t('cabinet:cli.needCommand'))
  if (options.type !== undefined && options.type !== 'comm' && options.type !== 'sync') throw new UsageError(out.t('cli:badOption', { option: 'type' }))
  const command = commandFromWords(options.words)
  const core = await cliCore(options.dataDir)
  try {
    await core.handlers.cabinetTerminalOpen({ path: options.port })
    const answer: CabinetTerminalAnswer = command
      ? await core.handlers.cabinetTerminalSend({ path: options.port, command, type: (options.type as 'comm' | 'sync' | undefined) ?? 'comm' })
      : await core.handlers.cabinetTerminalSend({ path: options.port, raw: options.words.join('') })
    out.print(answer, () => [frameLine(out, answer.tx), answer.rx ? frameLine(out, answer.rx) : out.t('cabinet:cli.noAnswer')].join('\n'))
    return answer.rx ? EXIT.ok : EXIT.error
  } catch (err) {
    if (err instanceof AppError && (err.code === 'cabinetFrameInvalid' || err.code === 'cabinetFrameCrc') && !command) {
      throw new UsageError(`${out.t(`errors:${err.code}`, { ...err.params })}\n${out.t('cabinet:cli.commands')}`)
    }
    throw err
  } finally {
    await core.dispose()
  }
}

/** `fieldbench cabinet watch`: every frame on the line, decoded; with `--poll MS` the measurements are read that often. */
export async function cabinetWatchCommand(out: Out, options: { port?: string; poll?: string; dataDir?: string }): Promise<number> {
  if (!options.port) throw new UsageError(out.t('cli:needPort'))
  const pollMs = options.poll === undefined ? 0 : Number(options.poll)
  if (!Number.isInteger(pollMs) || pollMs < 0 || (pollMs > 0 && pollMs < 100)) throw new UsageError(out.t('cli:badOption', { option: 'poll' }))
  const path = options.port
  const core = await cliCore(options.dataDir)
  try {
    core.bus.attach((channel, payload) => {
      if (channel !== 'cabinet:frames') return
      const frames = payload as CabinetFrames
      if (frames.path !== path) return
      for (const entry of frames.entries) out.event(entry, () => frameLine(out, entry))
    })
    await core.handlers.cabinetTerminalOpen({ path })
    out.event({ event: 'watching', port: path }, () => out.t('cabinet:cli.watching', { port: path }))
    let stopped = false
    const stop = new Promise<void>((resolve) => {
      const end = () => {
        stopped = true
        resolve()
      }
      process.once('SIGINT', end)
      process.once('SIGTERM', end)
    })
    const reads = [
      ...Array.from({ length: 9 }, (_, i) => ({ kind: 'readCurrent', channel: i + 1 }) as const),
      { kind: 'readVoltage' } as const,
      { kind: 'readActivePower' } as const,
      { kind: 'readEnergy' } as const,
      { kind: 'readInternalTemperature' } as const,
      { kind: 'readExternalTemperature' } as const,
    ]
    while (pollMs && !stopped) {
      for (const command of reads) {
        if (stopped) break
        try {
          await core.handlers.cabinetTerminalSend({ path, command, type: 'comm' })
        } catch (err) {
          out.error(err)
        }
      }
      await Promise.race([stop, new Promise((r) => setTimeout(r, pollMs))])
    }
    await stop
    return EXIT.ok
  } finally {
    await core.dispose()
  }
}

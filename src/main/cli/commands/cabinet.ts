import { readFileSync } from 'node:fs'
import { AppError, type CabinetFrameEntry, type CabinetFrames, type CabinetProfile, type CabinetTerminalAnswer } from '@shared/contract'
import { frameMeaningText, frameRoleText } from '@shared/i18n/cabinet'
import type { CoreOptions } from '../../core/core'
import { commandFromWords } from '../../devices/cabinet/command-words'
import { defaultProfile, parseProfile } from '../../devices/cabinet/profile'
import { typedFrame } from '../../devices/cabinet/terminal'
import { cliCore, invoke } from '../context'
import { EXIT, type Out, UsageError } from '../output'
import { type CabinetAnswers, cabinetFollower, requireAnswers } from './cabinet-follow'

export interface CabinetTestOptions extends CabinetAnswers {
  port: string
  profile?: string
  serial?: string
  operator?: string
  site?: string
  firmware?: string
  dataDir?: string
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
export async function cabinetTestCommand(out: Out, options: CabinetTestOptions, coreOptions: CoreOptions = {}): Promise<number> {
  requireAnswers(out, options)
  const profile = loadProfile(out, options.profile)
  const core = await cliCore(options.dataDir, false, { core: coreOptions })
  try {
    const follower = cabinetFollower(out, core, options)
    const started = await invoke(core, 'cabinetStartTest', {
      path: options.port,
      serial: options.serial ?? '',
      operator: options.operator ?? '',
      site: options.site ?? '',
      customer: '',
      firmware: options.firmware ?? '',
      profile,
    })
    follower.track(started.recordId)
    return await follower.follow()
  } finally {
    await core.dispose()
  }
}

export function frameLine(out: Out, entry: CabinetFrameEntry): string {
  const time = new Date(entry.ts).toISOString().slice(11, 23)
  const dir = entry.dir === 'tx' ? '→' : '←'
  const rtt = entry.roundTripMs !== undefined ? `  (${entry.roundTripMs} ms)` : ''
  return `${time} ${dir} ${entry.text.padEnd(24)}  ${frameRoleText(out.t, entry)}: ${frameMeaningText(out.t, entry.meaning)}${rtt}`
}

/** `fieldbench cabinet send <command words | raw frame>`: one exchange, both frames decoded. */
export async function cabinetSendCommand(out: Out, options: { port: string; words: string[]; type?: 'comm' | 'sync'; dataDir?: string }): Promise<number> {
  if (!options.words.length) throw new UsageError(out.t('cabinet:cli.needCommand'))
  const command = commandFromWords(options.words)
  const raw = options.words.join('')
  // a frame that would be refused is refused before the data folder or the port is touched
  if (!command) checkTypedFrame(out, raw)
  const core = await cliCore(options.dataDir)
  try {
    await invoke(core, 'cabinetTerminalOpen', { path: options.port })
    const answer: CabinetTerminalAnswer = command
      ? await invoke(core, 'cabinetTerminalSend', { path: options.port, command, type: options.type ?? 'comm' })
      : await invoke(core, 'cabinetTerminalSend', { path: options.port, raw })
    out.print(answer, () => [frameLine(out, answer.tx), answer.rx ? frameLine(out, answer.rx) : out.t('cabinet:cli.noAnswer')].join('\n'))
    return answer.rx ? EXIT.ok : EXIT.error
  } finally {
    await core.dispose()
  }
}

function checkTypedFrame(out: Out, raw: string): void {
  try {
    typedFrame(raw)
  } catch (err) {
    if (!(err instanceof AppError)) throw err
    throw new UsageError(`${out.t(`errors:${err.code}`, { ...err.params })}\n${out.t('cabinet:cli.commands')}`)
  }
}

/** `fieldbench cabinet watch`: every frame on the line, decoded; with `--poll MS` the measurements are read that often. */
export async function cabinetWatchCommand(out: Out, options: { port: string; poll?: number; dataDir?: string }, coreOptions?: CoreOptions): Promise<number> {
  const pollMs = options.poll ?? 0
  const path = options.port
  const core = await cliCore(options.dataDir, false, { core: coreOptions })
  try {
    core.bus.attach((channel, payload) => {
      if (channel !== 'cabinet:frames') return
      const frames = payload as CabinetFrames
      if (frames.path !== path) return
      for (const entry of frames.entries) out.event(entry, () => frameLine(out, entry))
    })
    await invoke(core, 'cabinetTerminalOpen', { path })
    out.event({ event: 'watching', port: path }, () => out.t('cabinet:cli.watching', { port: path }))
    let stopped = false
    const stopping = new AbortController()
    const stop = new Promise<void>((resolve) => {
      const end = () => {
        stopped = true
        stopping.abort()
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
          await invoke(core, 'cabinetTerminalSend', { path, command, type: 'comm' })
        } catch (err) {
          out.error(err)
        }
      }
      await core.clock.sleep(pollMs, stopping.signal).catch(() => undefined)
    }
    await stop
    return EXIT.ok
  } finally {
    await core.dispose()
  }
}

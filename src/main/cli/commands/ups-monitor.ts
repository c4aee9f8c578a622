/**
 * `fieldbench ups read` and `fieldbench ups log`: the monitor without a
 * window. `read` polls every command of the file once and prints the values
 * by group; `log` polls until `--hours` have passed (or Ctrl-C) and writes
 * every poll to CSV, alarms and the session summary beside it.
 */
import { resolve } from 'node:path'
import { AppError, serialPortKey, type UpsReading } from '@shared/contract'
import type { FramingProfile } from '@shared/devices/ups/framing'
import { valueNameKey } from '@shared/devices/ups/names'
import type { UpsProtocol } from '@shared/devices/ups/protocol'
import { pollCommands } from '@shared/devices/ups/readings'
import { readProtocolFile } from '../../devices/ups/files'
import { lineOf } from '../../devices/ups/module'
import { DEFAULT_POLL_MS, type UpsPoll, UpsMonitor } from '../../devices/ups/monitor'
import { UpsPollLog } from '../../devices/ups/poll-log'
import zhNames from '../../../../locales/zh/upsNames.json'
import type { Core } from '../../core/core'
import { UpsLogJob } from '../../devices/ups/log-job'
import { monitorSource } from '../../devices/ups/monitor-source'
import { cliCore } from '../context'
import { EXIT, type Out, UsageError } from '../output'

interface Source {
  protocol: UpsProtocol
  framing: FramingProfile
}

async function source(out: Out, ini: string | undefined): Promise<Source> {
  if (ini === undefined) throw new UsageError(out.t('ups:cli.needIni'))
  const file = await readProtocolFile(ini)
  if (!pollCommands(file.protocol).length) throw new AppError('upsNothingToRead')
  return { protocol: file.protocol, framing: file.framing }
}

/** The reader's name for a value: ours by N where the file names it as the maker did, else the file's own. */
export function valueName(out: Out, n: number, fileName: string): string {
  return (zhNames.values as Record<string, string>)[`c${n}`] === fileName ? out.t(valueNameKey(n)) : fileName
}

async function withMonitor<T>(port: string, src: Source, intervalMs: number, use: (monitor: UpsMonitor, core: Core) => Promise<T>, dataDir?: string): Promise<T> {
  const core = await cliCore(dataDir)
  try {
    const session = await core.ports.open(port, lineOf(src.framing), 'cli')
    const monitor = new UpsMonitor({ session, ...src, clock: core.clock, intervalMs })
    try {
      return await use(monitor, core)
    } finally {
      await monitor.stop()
    }
  } finally {
    await core.dispose()
  }
}

const shown = (r: UpsReading) => (r.value === null ? '' : `${r.value}${r.unit ? ` ${r.unit}` : ''}`)

export async function upsReadCommand(out: Out, options: { port?: string; ini?: string }): Promise<number> {
  if (options.port === undefined) throw new UsageError(out.t('upsMonitor:cli.needPort'))
  const src = await source(out, options.ini)
  const port = options.port
  return withMonitor(port, src, DEFAULT_POLL_MS, async (monitor) => {
    const first = new Promise<UpsPoll>((resolve) => monitor.onPoll(resolve))
    monitor.start()
    const poll = await first
    const readings = monitor.readings()
    if (!monitor.stats.answers) throw new AppError('upsNoAnswer', { path: port, problem: monitor.link.problem ?? 'timeout' })
    const byN = new Map(readings.map((r) => [r.n, r]))
    const values = src.protocol.values
      .filter((v) => byN.has(v.n))
      .map((v) => ({ ...byN.get(v.n)!, name: valueName(out, v.n, v.name), group: v.group }))
    const missed = [...poll.raw.values()].filter((v) => v === null).length
    out.print({ port, link: poll.link, values, alarms: monitor.alarms().active, missed }, () => {
      const lines: string[] = []
      for (const group of src.protocol.groups) {
        lines.push(`[${group.name}]`)
        for (const v of values.filter((x) => x.group === group.id)) lines.push(`  ${v.name}: ${v.stale ? out.t('upsMonitor:cli.missed') : shown(v)}`)
      }
      const loose = values.filter((v) => v.group === undefined)
      for (const v of loose) lines.push(`${v.name}: ${v.stale ? out.t('upsMonitor:cli.missed') : shown(v)}`)
      const active = monitor.alarms().active
      lines.push(active.length ? out.t('upsMonitor:cli.alarms', { list: active.map((a) => (a.n ? valueName(out, a.n, src.protocol.values.find((v) => v.n === a.n)!.name) : a.key)).join(', ') }) : out.t('upsMonitor:cli.noAlarms'))
      if (missed) lines.push(out.t('upsMonitor:cli.someMissed', { count: missed }))
      return lines.join('\n')
    })
    return missed ? EXIT.fail : EXIT.ok
  })
}

export async function upsLogCommand(out: Out, options: { port?: string; ini?: string; out?: string; hours?: number; interval?: number; dataDir?: string }): Promise<number> {
  if (options.port === undefined) throw new UsageError(out.t('upsMonitor:cli.needPort'))
  if (options.out === undefined) throw new UsageError(out.t('upsMonitor:cli.needOut'))
  if (options.ini === undefined) throw new UsageError(out.t('ups:cli.needIni'))
  const { protocol, framing, inUse } = await monitorSource({ kind: 'path', path: resolve(options.ini) }, '')
  const src = { protocol, framing }
  const port = options.port
  const path = options.out
  const intervalMs = Math.round((options.interval ?? 1) * 1000)
  return withMonitor(
    port,
    src,
    intervalMs,
    async (monitor, core) => {
      const now = () => core.clock.now()
      const startedAt = now()
      const log = new UpsPollLog({ path, ...src, name: (n, fileName) => valueName(out, n, fileName) })
      const names = new Map(protocol.values.map((v) => [v.n, v.name]))
      let job: UpsLogJob | null = null
      await core.jobs.launch(serialPortKey(port), () => (job = UpsLogJob.create(core.jobDeps, { port, file: inUse, intervalMs, monitor, log, valueName: (n) => names.get(n) })))
      const session = job! as UpsLogJob
      monitor.onAlarm((alarm) => {
        out.event({ event: alarm.clearedAt === undefined ? 'alarmRaised' : 'alarmCleared', ...alarm }, () =>
          out.t(alarm.clearedAt === undefined ? 'upsMonitor:cli.raised' : 'upsMonitor:cli.cleared', {
            alarm: alarm.n ? valueName(out, alarm.n, src.protocol.values.find((v) => v.n === alarm.n)!.name) : out.t('upsMonitor:commLost'),
          }),
        )
      })
      const stop = () => session.stop()
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
      if (options.hours !== undefined) monitor.onPoll((poll) => poll.at - startedAt >= options.hours! * 3_600_000 && stop())
      out.event({ event: 'logging', port, file: path, recordId: session.recordId }, () => out.t('upsMonitor:cli.logging', { port, file: path }))
      monitor.start()
      try {
        await core.jobs.whenStopped(session.recordId)
      } finally {
        process.off('SIGINT', stop)
        process.off('SIGTERM', stop)
      }
      const summary = { files: [...log.files], rows: log.rows, bytes: log.bytes, recordId: session.recordId }
      out.event({ event: 'done', ...summary }, () => out.t('upsMonitor:cli.logged', { rows: summary.rows, files: summary.files.join(', '), id: session.recordId }))
      return EXIT.ok
    },
    options.dataDir,
  )
}

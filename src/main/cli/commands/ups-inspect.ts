/**
 * `fieldbench ups inspect --port P --ini F [--command C] [--again] [--json]`:
 * the answer inspector without a window. Each of the file's commands is sent
 * once and its reply printed as a hex dump with the file's fields over it:
 * which values read which bytes, where they overlap, which bytes no value
 * reads, and which values the file cannot place. With `--again` it captures
 * a second time once the person has changed something at the UPS (Enter at
 * a terminal, else after `--after` seconds) and lists the bytes that moved.
 */
import { createInterface } from 'node:readline/promises'
import type { UpsCapture, UpsCapturedReply } from '@shared/contract'
import { hexBytes } from '@shared/devices/ups/framing'
import { changedBytes, changedFields, type FrameShape, overlay, type Overlay } from '@shared/devices/ups/inspect'
import { lintKey } from '@shared/devices/ups/names'
import type { UpsValue } from '@shared/devices/ups/protocol'
import { fromHex, toAscii, toHex } from '@shared/hex'
import { formatTime } from '@shared/i18n/time'
import type { CoreOptions } from '../../core/core'
import { captureCommands, captureFromPort } from '../../devices/ups/capture'
import { type ProtocolFile, readProtocolFile } from '../../devices/ups/files'
import { cliCore } from '../context'
import { EXIT, type Out, UsageError } from '../output'
import { interactive } from './cabinet-follow'
import { valueName } from './ups-monitor'

export interface UpsInspectOptions {
  port?: string
  ini?: string
  /** the command byte in hex ("01", "0x01") */
  command?: string
  again?: boolean
  /** seconds between the two captures when no one can press Enter */
  after?: number
}

const PER_ROW = 16
const hex2 = (n: number) => n.toString(16).toUpperCase().padStart(2, '0')

/** Runs of byte offsets as "3–6, 9". */
export function spans(offsets: number[]): string {
  const runs: [number, number][] = []
  for (const at of offsets) {
    const last = runs[runs.length - 1]
    if (last && last[1] === at - 1) last[1] = at
    else runs.push([at, at])
  }
  return runs.map(([s, e]) => (s === e ? `${s}` : `${s}–${e}`)).join(', ')
}

function hexDump(bytes: Uint8Array): string[] {
  const rows: string[] = []
  for (let at = 0; at < bytes.length; at += PER_ROW) {
    const row = bytes.subarray(at, at + PER_ROW)
    rows.push(`  ${at.toString(16).padStart(4, '0')}  ${toHex(row).toUpperCase().replace(/(..)(?=.)/g, '$1 ').padEnd(PER_ROW * 3 - 1)}  ${toAscii(row)}`)
  }
  return rows
}

function shapeOf(file: ProtocolFile): FrameShape {
  const { reply } = file.framing
  return { prefixLength: hexBytes(reply.prefix).length, terminator: hexBytes(reply.terminator), data: reply.data, byteOrder: reply.byteOrder }
}

interface Inspected {
  reply: UpsCapturedReply
  view: Overlay
}

/** The reply, its bytes and what the file's fields make of them, as lines for people. */
function replyLines(out: Out, file: ProtocolFile, { reply, view }: Inspected): string[] {
  const bytes = fromHex(reply.hex)
  const time = formatTime(reply.at, out.language)
  const head = out.t('ups:inspect.reply', { command: hex2(reply.command), count: bytes.length, time })
  const lines = [reply.problem ? `${head}: ${out.t(`upsFiles:captureProblem.${reply.problem}`, { ms: reply.waitedMs })}` : head]
  if (reply.junkHex) lines.push(out.t('ups:inspect.junk', { count: reply.junkHex.length / 2, hex: reply.junkHex.replace(/(..)(?=.)/g, '$1 ') }))
  lines.push(...hexDump(bytes))
  const byN = new Map(file.protocol.values.map((v) => [v.n, v]))
  const placed = view.fields.filter((f) => byN.get(f.n)!.measurable)
  if (placed.length) lines.push(out.t('ups:inspect.values'))
  for (const f of placed) {
    const name = `${valueName(out, f.n, byN.get(f.n)!.name)} (cmd-${f.n})`
    const where = f.end - f.start === 1 ? `${f.start}` : `${f.start}–${f.end - 1}`
    lines.push(`    ${f.pastEnd ? out.t('ups:inspect.pastEnd', { value: name, bytes: where }) : out.t('ups:inspect.field', { value: name, bytes: where, raw: f.raw ?? '—' })}`)
  }
  const overlapping = view.cells.filter((c) => c.overlap).map((c) => c.at)
  lines.push(overlapping.length ? out.t('ups:inspect.overlaps', { list: spans(overlapping) }) : out.t('ups:inspect.noOverlaps'))
  const unread = view.unread.flatMap(([s, e]) => Array.from({ length: e - s }, (_, i) => s + i))
  if (view.cells.some((c) => c.role === 'data')) lines.push(unread.length ? out.t('ups:inspect.unread', { list: spans(unread) }) : out.t('ups:inspect.allRead'))
  return lines
}

/** Values of the commands sent that the file gives no place of their own: the lint's placeholder finding said as it says it. */
function unplacedLines(out: Out, file: ProtocolFile, unplaced: UpsValue[]): string[] {
  if (!unplaced.length) return []
  const placeholder = file.findings.find((f) => f.code === 'placeholder')
  return [
    out.t('ups:inspect.notPlaced', { count: unplaced.length, list: spans(unplaced.map((v) => v.n)).replace(/(\d+)/g, 'cmd-$1') }),
    ...(placeholder ? [`  ${out.t(lintKey(placeholder.code), placeholder.params)}`] : []),
  ]
}

function waitForEnter(question: string): Promise<void> {
  const rl = createInterface({ input: process.stdin, output: process.stdout })
  return rl.question(`${question} `).then(
    () => rl.close(),
    () => rl.close(),
  )
}

function commandByte(out: Out, text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const m = /^(?:0x)?([0-9a-f]{1,2})$/i.exec(text.trim())
  if (!m) throw new UsageError(out.t('ups:inspect.badCommand', { value: text }))
  return parseInt(m[1]!, 16)
}

export async function upsInspectCommand(out: Out, options: UpsInspectOptions, coreOptions: CoreOptions = {}): Promise<number> {
  if (options.port === undefined) throw new UsageError(out.t('upsMonitor:cli.needPort'))
  if (options.ini === undefined) throw new UsageError(out.t('ups:cli.needIni'))
  const only = commandByte(out, options.command)
  const attended = interactive()
  if (options.after !== undefined && !(options.after >= 0 && options.after <= 3600)) throw new UsageError(out.t('ups:inspect.badAfter', { value: options.after }))
  if (options.again && !attended && options.after === undefined) throw new UsageError(out.t('ups:inspect.needAfter'))
  const file = await readProtocolFile(options.ini)
  const commands = captureCommands(file.protocol, only)
  const shape = shapeOf(file)
  const port = options.port
  const inspect = (capture: UpsCapture): Inspected[] => capture.replies.map((reply) => ({ reply, view: overlay(file.protocol.values, { command: reply.command, bytes: fromHex(reply.hex) }, shape) }))
  const unplaced = file.protocol.values.filter((v) => !v.measurable && (v.command === undefined || commands.includes(v.command)))
  const json = (inspected: Inspected[]) =>
    inspected.map(({ reply, view }) => ({ ...reply, fields: view.fields.map((f) => ({ ...f, measurable: file.protocol.values.find((v) => v.n === f.n)!.measurable })), overlapping: view.cells.filter((c) => c.overlap).map((c) => c.at), unread: view.unread }))

  const core = await cliCore(undefined, false, { core: coreOptions })
  try {
    const first = inspect(await captureFromPort(core.ports, port, file.framing, commands, core.clock, 'cli'))
    out.event({ event: 'capture', port, file: file.path, replies: json(first), notPlaced: unplaced.map((v) => v.n) }, () =>
      [...first.flatMap((i) => replyLines(out, file, i)), ...unplacedLines(out, file, unplaced)].join('\n'),
    )
    let last = first
    if (options.again) {
      if (attended && options.after === undefined) await waitForEnter(out.t('ups:inspect.againEnter'))
      else {
        out.event({ event: 'waiting', seconds: options.after }, () => out.t('ups:inspect.againWait', { seconds: options.after }))
        await core.clock.sleep(options.after! * 1000)
      }
      const second = inspect(await captureFromPort(core.ports, port, file.framing, commands, core.clock, 'cli'))
      const changes = second.map((now, i) => {
        const before = first[i]!
        const bytes = changedBytes(fromHex(before.reply.hex), fromHex(now.reply.hex))
        return { command: now.reply.command, bytes, fields: changedFields(before.view, bytes) }
      })
      const byN = new Map(file.protocol.values.map((v) => [v.n, v]))
      out.event({ event: 'again', replies: json(second), changed: changes }, () =>
        [
          ...second.flatMap((i) => replyLines(out, file, i)),
          ...changes.flatMap((c) => {
            if (!c.bytes.length) return [out.t('ups:inspect.unchanged', { command: hex2(c.command) })]
            const readers = c.fields.map((n) => `    ${valueName(out, n, byN.get(n)!.name)} (cmd-${n})${byN.get(n)!.measurable ? '' : ` — ${out.t('ups:inspect.notMeasured')}`}`)
            return [out.t('ups:inspect.changed', { command: hex2(c.command), count: c.bytes.length, list: spans(c.bytes) }), ...(readers.length ? [out.t('ups:inspect.changedBy'), ...readers] : [out.t('ups:inspect.noValueChanged')])]
          }),
        ].join('\n'),
      )
      last = second
    }
    const spoiled = [...first, ...last].filter((i) => i.reply.problem).length
    if (spoiled) out.event({ event: 'problems', count: spoiled }, () => out.t('ups:inspect.someProblem'))
    return spoiled ? EXIT.error : EXIT.ok
  } finally {
    await core.dispose()
  }
}

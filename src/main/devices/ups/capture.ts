/**
 * Replies read from the port for the answer inspector. Unlike the monitor's
 * client, nothing that arrives is thrown away: an integrator with a wrong
 * framing profile or a half-working cable needs to see exactly what came
 * back, so each command's bytes are kept as they came, with what is wrong
 * with them said beside them rather than raised as an error.
 *
 * Each command is sent once, as the profile frames it, and only the file's
 * own commands are sent: the values a file lists are what the UPS reports,
 * so its SendCmd bytes are its queries, never a control command.
 */
import { AppError, type UpsCapture, type UpsCapturedReply, type UpsCaptureProblem } from '@shared/contract'
import { applyEdits, EditError, type ValueEdit } from '@shared/devices/ups/edit'
import { decodeIni } from '@shared/devices/ups/encoding'
import { type FramingProfile, hexBytes, unitsPerByte } from '@shared/devices/ups/framing'
import { loadProtocol } from '@shared/devices/ups/lint'
import { commandsOf } from '@shared/devices/ups/inspect'
import type { UpsProtocol } from '@shared/devices/ups/protocol'
import { replyData, requestBytes, UpsReplyReader } from '@shared/devices/ups/wire'
import type { Clock } from '../../core/clock'
import type { PortManager } from '../../transport/serial/manager'
import type { PortSession } from '../../transport/serial/session'
import { FramingProfileSchema, framingIssues } from './framing'
import { lineOf } from './module'

/** who holds the port while a capture runs: a monitor or a test on it refuses it, in words */
export const CAPTURE_OWNER = 'upsCapture'

const hexOf = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join('')

/** The file as opened with the corrections typed so far (not saved), judged with the profile as edited. */
export function editedProtocol(bytes: Uint8Array, edits: ValueEdit[], framing: FramingProfile): UpsProtocol {
  let text: string
  try {
    text = applyEdits(decodeIni(bytes).text, edits)
  } catch (err) {
    if (err instanceof EditError) throw new AppError('upsEditRefused', { section: err.edit.section, key: err.edit.key })
    throw err
  }
  return loadProtocol(text, { unitsPerByte: unitsPerByte(framing) }).protocol
}

/** A profile sent from the editor, checked as a save checks it. */
export function checkedFraming(json: unknown): FramingProfile {
  const issues = framingIssues(json)
  if (issues.length) throw new AppError('upsFramingInvalid', { field: issues[0]!.field })
  return FramingProfileSchema.parse(json)
}

/** The commands a capture sends: `only` when the file reads values from it, else every command the file reads from. */
export function captureCommands(protocol: UpsProtocol, only?: number): number[] {
  const commands = commandsOf(protocol.values)
  if (!commands.length) throw new AppError('upsNothingToRead')
  if (only === undefined) return commands
  if (!commands.includes(only)) throw new AppError('upsCaptureUnknownCommand', { command: hexOf(Uint8Array.of(only)), known: commands.map((c) => hexOf(Uint8Array.of(c))).join(', ') })
  return [only]
}

/** Sends one command and keeps what comes back until its reply's frame ends or the profile's timeout runs out. */
export function captureOne(session: PortSession, framing: FramingProfile, command: number, clock: Clock): Promise<UpsCapturedReply> {
  const reader = new UpsReplyReader(framing)
  reader.expect(command)
  const prefix = hexBytes(framing.reply.prefix)
  const arrived: number[] = []
  // bytes the reader set aside before a frame began: a fresh reader's junk is exactly what precedes the frame
  let junk = 0
  return new Promise<UpsCapturedReply>((resolve, reject) => {
    const started = clock.now()
    const letGo = () => {
      cancelTimer()
      offData()
      offState()
    }
    const reply = (hex: string, junkBytes: number, problem: UpsCaptureProblem | null): UpsCapturedReply => {
      const at = clock.now()
      return { command, hex, junkHex: hexOf(Uint8Array.from(arrived.slice(0, junkBytes))), at, waitedMs: at - started, problem }
    }
    const offData = session.onData((chunk) => {
      arrived.push(...chunk)
      for (const item of reader.push(chunk)) {
        if (item.kind === 'junk') {
          junk += item.bytes.length
          continue
        }
        letGo()
        const checked = replyData(framing, command, item.body)
        return resolve(reply(hexOf(item.raw), junk, checked.ok ? null : checked.problem))
      }
    })
    const offState = session.onState((state) => {
      if (state !== 'disconnected' && state !== 'closed') return
      letGo()
      reject(new AppError(state === 'closed' ? 'portNotOpen' : 'portDisconnected', { path: session.path }))
    })
    const cancelTimer = clock.timer(framing.reply.timeoutMs, () => {
      letGo()
      const all = Uint8Array.from(arrived)
      if (!all.length) return resolve(reply('', 0, 'noAnswer'))
      // a frame that began and never ended is kept from its prefix on; bytes with no prefix at all are garbage, kept whole
      const begun = prefix.length ? indexOf(all, prefix) : 0
      if (begun < 0) return resolve(reply(hexOf(all), 0, 'garbage'))
      resolve(reply(hexOf(all.subarray(begun)), begun, 'cutShort'))
    })
    session.write(requestBytes(framing, command)).catch((err: unknown) => {
      letGo()
      reject(err instanceof AppError ? err : new AppError('portWriteFailed', { path: session.path }))
    })
  })
}

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer
    return i
  }
  return -1
}

/** Opens the port for the capture alone, sends each command once in turn, and lets the port go again. */
export async function captureFromPort(
  ports: Pick<PortManager, 'open' | 'close'>,
  path: string,
  framing: FramingProfile,
  commands: number[],
  clock: Clock,
  owner = CAPTURE_OWNER,
): Promise<UpsCapture> {
  const session = await ports.open(path, lineOf(framing), owner)
  try {
    const replies: UpsCapturedReply[] = []
    for (const command of commands) replies.push(await captureOne(session, framing, command, clock))
    return { path, replies }
  } finally {
    await ports.close(path, owner).catch(() => undefined)
  }
}

/**
 * The app's side of the UPS line over one port session: one request on the
 * wire at a time, each with the profile's timeout, each reply checked
 * against what its command's reply must be. A missing or spoiled answer is
 * a result, not an error: the monitor marks what it missed as stale. Only
 * a port that is gone or closed throws.
 */
import { AppError } from '@shared/contract'
import type { FramingProfile } from '@shared/devices/ups/framing'
import { type ReplyProblem, replyData, requestBytes, UpsReplyReader, type WireItem } from '@shared/devices/ups/wire'
import { type Clock, systemClock } from '../../core/clock'
import { RequestChannel } from '../../transport/serial/request-channel'
import type { PortSession } from '../../transport/serial/session'

export type UpsAnswer =
  | { ok: true; command: number; data: Uint8Array; roundTripMs: number }
  | { ok: false; command: number; problem: ReplyProblem | 'timeout' | 'portDisconnected' | 'portNotOpen' | 'portWriteFailed' }

export interface UpsClientStats {
  requests: number
  answers: number
  timeouts: number
  badAnswers: number
  junkBytes: number
}

export class UpsClient {
  readonly stats: UpsClientStats = { requests: 0, answers: 0, timeouts: 0, badAnswers: 0, junkBytes: 0 }
  private readonly reader: UpsReplyReader
  private readonly channel: RequestChannel<WireItem>

  constructor(
    readonly session: PortSession,
    private readonly framing: FramingProfile,
    clock: Clock = systemClock,
  ) {
    this.reader = new UpsReplyReader(framing)
    this.channel = new RequestChannel(session, this.reader, clock)
    this.channel.onMessage((item) => {
      if (item.kind === 'junk') this.stats.junkBytes += item.bytes.length
    })
  }

  async read(command: number): Promise<UpsAnswer> {
    this.stats.requests++
    this.reader.expect(command)
    try {
      const { message, roundTripMs } = await this.channel.request({
        bytes: requestBytes(this.framing, command),
        timeoutMs: this.framing.reply.timeoutMs,
        match: (item) => item.kind === 'reply',
      })
      if (message.kind !== 'reply') throw new Error('unreachable: only replies match')
      const data = replyData(this.framing, command, message.body)
      if (!data.ok) {
        this.stats.badAnswers++
        return { ok: false, command, problem: data.problem }
      }
      this.stats.answers++
      return { ok: true, command, data: data.bytes, roundTripMs }
    } catch (err) {
      if (!(err instanceof AppError)) throw err
      // half a reply left in the reader would swallow the start of the next one
      this.reader.reset()
      if (err.code === 'timeout') {
        this.stats.timeouts++
        return { ok: false, command, problem: 'timeout' }
      }
      if (err.code === 'portDisconnected' || err.code === 'portNotOpen' || err.code === 'portWriteFailed') return { ok: false, command, problem: err.code }
      throw err
    }
  }

  dispose(): void {
    this.channel.dispose()
  }
}

import { AppError, CABINET_CHANNELS, CABINET_SLOTS, type CabinetCommand, type CabinetFrameEntry } from '@shared/contract'
import type { CabinetTestInput } from '@shared/contract/cabinet/cabinet.schemas'
import { rawValue, scaled } from './catalogue'
import type { CabinetAnswer, CabinetClient } from './client'
import type { CabinetFrame } from './codec'
import type { Clock } from '../../core/clock'
import type { PortSession } from '../../transport/serial/session'
import { sendOnce, type SendOnceResult, type SentJournal } from '../../flows/send-once'

/** a read that gets no answer is asked again this many times (reads change nothing on the board) */
const READ_ATTEMPTS = 3

export const isLinkLoss = (err: unknown) => err instanceof AppError && (err.code === 'portDisconnected' || err.code === 'portWriteFailed')
export const isTimeout = (err: unknown) => err instanceof AppError && err.code === 'timeout'
export const round3 = (n: number) => Math.round(n * 1000) / 1000

/** A frame as its record entry's summary: role, meaning and parameters (`report lockState slot=3 open=false …`). */
export function frameSummary(entry: CabinetFrameEntry): string {
  const params = entry.meaning ? Object.entries(entry.meaning.params).map(([k, v]) => `${k}=${String(v)}`) : []
  return [entry.status === 'ok' ? entry.role : entry.status, entry.meaning?.kind, ...params].filter(Boolean).join(' ')
}

/** What the line to the board needs from the job it works for. */
export interface BoardHost {
  readonly signal: AbortSignal
  /** commands sent in the step under way, kept in the checkpoint */
  readonly journal: SentJournal
  /** the step under way: it names the commands sent in it */
  currentKey(): string
  /** the line went down (the job pauses) or came back */
  linkPaused(paused: boolean): void
  /** one round of channel currents, for the chart */
  sample(currents: (number | null)[]): void
  /** resolves after `ms`, or rejects as soon as the job is stopped */
  wait(ms: number): Promise<void>
  /** the job's clock: settle deadlines and the pause between reads after a stop */
  readonly clock: Clock
}

/**
 * The factory test's line to the board: reads asked again when an answer is
 * missing (they change nothing), commands sent once, channel currents read
 * until they settle, and the pause while the cable is out.
 */
export class CabinetBoard {
  client: CabinetClient | null = null

  constructor(
    private readonly host: BoardHost,
    private readonly input: CabinetTestInput,
    public session: PortSession | null,
  ) {}

  requireClient(): CabinetClient {
    if (!this.client) throw new AppError('portNotOpen', { path: this.input.path })
    return this.client
  }

  /** A read: asked again on a missing answer, and after the cable comes back (reads change nothing). */
  async read(command: CabinetCommand): Promise<CabinetAnswer> {
    let attempts = 0
    for (;;) {
      this.throwIfStopped()
      await this.linkUp()
      try {
        return await this.requireClient().command(command)
      } catch (err) {
        if (isLinkLoss(err)) continue
        if (isTimeout(err) && ++attempts < READ_ATTEMPTS) continue
        throw err
      }
    }
  }

  async readOrNull(command: CabinetCommand): Promise<CabinetAnswer | null> {
    try {
      return await this.read(command)
    } catch (err) {
      if (isTimeout(err)) return null
      throw err
    }
  }

  async readCurrent(channel: number): Promise<number | null> {
    const answer = await this.readOrNull({ kind: 'readCurrent', channel })
    return answer ? this.scaleOf(answer.answer, 'current').value : null
  }

  /**
   * A command, sent at most once per step, even across an unplug or a crash:
   * when its answer is missing `confirm` (or the caller) reads the state back
   * (the board's reports, the channels' current), never sends it again.
   * `onAnswer` sees the answer in the order the board's frames came.
   */
  async commandOnce(
    key: string,
    command: CabinetCommand,
    confirm?: () => Promise<boolean | null>,
    onAnswer?: (answer: CabinetFrame) => void,
  ): Promise<SendOnceResult<CabinetAnswer>> {
    this.throwIfStopped()
    await this.linkUp()
    return sendOnce({
      key: `${this.host.currentKey()}:${key}`,
      journal: this.host.journal,
      send: () => this.requireClient().command(command, onAnswer ? { onAnswer } : {}),
      answerLost: (err) => isLinkLoss(err) || isTimeout(err),
      ...(confirm ? { confirm } : {}),
      signal: this.host.signal,
    })
  }

  /**
   * Reads the channels of `relays` until each satisfies `done` or the
   * profile's settle time is up; answers the last current of each (index =
   * relay − 1), null where no answer came.
   */
  async settle(relays: number[], done: (amps: number) => boolean): Promise<(number | null)[]> {
    const { relaySettleMs, sampleIntervalMs } = this.input.profile.timing
    const last: (number | null)[] = new Array<number | null>(CABINET_SLOTS).fill(null)
    let left = [...relays]
    const until = this.host.clock.now() + relaySettleMs
    for (;;) {
      const sample: (number | null)[] = new Array<number | null>(CABINET_CHANNELS).fill(null)
      for (const relay of left) {
        const value = await this.readCurrent(relay)
        last[relay - 1] = value
        sample[relay - 1] = value
      }
      this.host.sample(sample)
      left = left.filter((relay) => {
        const value = last[relay - 1]
        return value === null || value === undefined || !done(value)
      })
      if (!left.length || this.host.clock.now() >= until) return last
      await this.host.wait(Math.min(Math.max(sampleIntervalMs, 20), 100))
    }
  }

  scaleOf(frame: CabinetAnswer['answer'], quantity: keyof CabinetTestInput['profile']['scaling']): { value: number; unit: string } {
    const scale = this.input.profile.scaling[quantity]
    return { value: round3(scaled(rawValue(frame, scale.signed), scale)), unit: scale.unit }
  }

  /** Resolves while the line is up; pauses the job until the same port is back. */
  async linkUp(): Promise<void> {
    const session = this.session
    if (!session) throw new AppError('portNotOpen', { path: this.input.path })
    if (session.state === 'open') return
    if (session.state !== 'closed') this.host.linkPaused(true)
    await session.whenOpen(this.host.signal)
    this.host.linkPaused(false)
  }

  /**
   * After the job was stopped (its signal has fired, so this does not look
   * at it): every relay and the fan off, each once, then every relay's
   * channel read until none carries current or the settle time is up.
   * Answers whether all of them were read back off; false when the line is
   * down and nothing could be sent.
   */
  async switchOffAndReadBack(fan: boolean): Promise<boolean> {
    const client = this.client
    if (!client || this.session?.state !== 'open') return false
    for (let relay = 1; relay <= CABINET_SLOTS; relay++) await client.command({ kind: 'relay', relay, on: false }).catch(() => undefined)
    if (fan) await client.command({ kind: 'fan', on: false }).catch(() => undefined)
    const { relaySettleMs, sampleIntervalMs } = this.input.profile.timing
    const until = this.host.clock.now() + relaySettleMs
    for (;;) {
      let off = true
      for (let relay = 1; relay <= CABINET_SLOTS; relay++) {
        const amps = await client
          .command({ kind: 'readCurrent', channel: relay })
          .then((a) => this.scaleOf(a.answer, 'current').value)
          .catch(() => null)
        if (amps === null || amps > this.input.profile.relayOffMaxCurrent) off = false
      }
      if (off || this.host.clock.now() >= until) return off
      await this.host.clock.sleep(Math.min(Math.max(sampleIntervalMs, 20), 100))
    }
  }

  private throwIfStopped(): void {
    if (this.host.signal.aborted) throw this.host.signal.reason
  }
}

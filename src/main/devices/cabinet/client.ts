import {
  AppError,
  type CabinetCommand,
  type CabinetFrameEntry,
  type CabinetLinkStats,
  type CabinetQuantity,
  type CabinetScale,
  type FrameRole,
  type FrameType,
} from '@shared/contract'
import { hexField } from '@shared/hex'
import { type Clock, systemClock } from '../../core/clock'
import { RequestChannel } from '../../transport/serial/request-channel'
import type { PortSession } from '../../transport/serial/session'
import { answerKey, commandFrame, decodeLockState, describeAnswer, describeRequest, isLockState, type LockState } from './catalogue'
import { type CabinetFrame, encodeFrame, asciiBytes } from './codec'
import { CabinetFrameReader, type ReaderItem } from './reader'

export interface CabinetClientOptions {
  /** the board's bus node (the seed's `01`) */
  node?: number
  /** how long an answer may take */
  timeoutMs?: number
  /** frame type of requests: `comm` (the seed's command mode) unless told */
  type?: FrameType
  /** scales measuring answers in the decoded frame log */
  scaling?: Record<CabinetQuantity, CabinetScale>
  /** answer timeouts, frame times and round trips; the system clock unless told */
  clock?: Clock
}

export interface CabinetAnswer {
  request: CabinetFrame
  answer: CabinetFrame
  roundTripMs: number
  tx: CabinetFrameEntry
  rx: CabinetFrameEntry
}

export const DEFAULT_ANSWER_TIMEOUT_MS = 500

/**
 * The app's side of the cabinet protocol over one port session. One request
 * on the wire at a time; an answer is the next frame with the request's
 * nodeid and modeid, within the timeout. Lock states nobody asked for (a
 * lock opening after "open all", a door pushed shut) go to report
 * listeners; every frame both ways, decoded, goes to frame listeners. It
 * never sends anything again on its own: a timeout is the caller's to handle.
 * The frame type plays no part in the pairing, with one exception: the seed
 * shows answers only to `comm` requests, so an answer to `sync` is taken in
 * either type, but a `sync` lock state is a report, never the answer to a
 * `comm` "open lock N".
 */
export class CabinetClient {
  readonly stats: CabinetLinkStats = { framesTx: 0, framesRx: 0, badCrc: 0, junkBytes: 0, timeouts: 0, reports: 0 }
  private readonly reader = new CabinetFrameReader()
  private readonly channel: RequestChannel<ReaderItem>
  private readonly frameListeners = new Set<(entry: CabinetFrameEntry) => void>()
  private readonly reportListeners = new Set<(lock: LockState, frame: CabinetFrame) => void>()
  private tail: Promise<unknown> = Promise.resolve()
  private seq = 0
  private readonly node: number
  private readonly type: FrameType
  timeoutMs: number
  scaling: Record<CabinetQuantity, CabinetScale> | undefined
  private readonly clock: Clock

  constructor(
    readonly session: PortSession,
    options: CabinetClientOptions = {},
  ) {
    this.node = options.node ?? 1
    this.type = options.type ?? 'comm'
    this.timeoutMs = options.timeoutMs ?? DEFAULT_ANSWER_TIMEOUT_MS
    this.scaling = options.scaling
    this.clock = options.clock ?? systemClock
    this.channel = new RequestChannel(session, this.reader, this.clock)
    this.channel.onMessage((item) => this.unsolicited(item))
  }

  get path(): string {
    return this.session.path
  }

  onFrame(listener: (entry: CabinetFrameEntry) => void): () => void {
    this.frameListeners.add(listener)
    return () => this.frameListeners.delete(listener)
  }

  onReport(listener: (lock: LockState, frame: CabinetFrame) => void): () => void {
    this.reportListeners.add(listener)
    return () => this.reportListeners.delete(listener)
  }

  /**
   * A catalogue command; resolves with the answer, rejects with `timeout`, `portDisconnected` or `portNotOpen`.
   * `onAnswer` sees the answer as it arrives, before any frame read with it: a report right behind it is newer.
   */
  command(command: CabinetCommand, options: { type?: FrameType; timeoutMs?: number; onAnswer?: (answer: CabinetFrame) => void } = {}): Promise<CabinetAnswer> {
    return this.send(commandFrame(command, { type: options.type ?? this.type, node: this.node }), options.timeoutMs, options.onAnswer)
  }

  /** Any frame (a raw one from the terminal included). */
  send(frame: CabinetFrame, timeoutMs = this.timeoutMs, onAnswer?: (answer: CabinetFrame) => void): Promise<CabinetAnswer> {
    const run = this.tail.then(() => this.exchangeOrThrow(frame, timeoutMs, onAnswer))
    this.tail = run.catch(() => undefined)
    return run
  }

  async openLock(slot: number): Promise<{ lock: LockState; exchange: CabinetAnswer }> {
    const exchange = await this.command({ kind: 'openLock', slot })
    return { lock: decodeLockState(exchange.answer), exchange }
  }

  /** A raw measuring answer (unsigned 32 bits; the caller scales it). */
  async read(command: Extract<CabinetCommand, { kind: `read${string}` }>): Promise<{ raw: number; exchange: CabinetAnswer }> {
    const exchange = await this.command(command)
    return { raw: exchange.answer.data >>> 0, exchange }
  }

  dispose(): void {
    this.channel.dispose()
    this.frameListeners.clear()
    this.reportListeners.clear()
  }

  /** Like `send`, but a missing answer is a result (null), not an error: what a terminal shows. */
  attempt(frame: CabinetFrame, timeoutMs = this.timeoutMs): Promise<{ tx: CabinetFrameEntry; rx: CabinetFrameEntry | null }> {
    const run = this.tail.then(async () => {
      const result = await this.exchange(frame, timeoutMs)
      if (result.error && !(result.error instanceof AppError && result.error.code === 'timeout')) throw result.error
      return { tx: result.tx, rx: result.rx }
    })
    this.tail = run.catch(() => undefined)
    return run
  }

  private async exchangeOrThrow(frame: CabinetFrame, timeoutMs: number, onAnswer?: (answer: CabinetFrame) => void): Promise<CabinetAnswer> {
    const result = await this.exchange(frame, timeoutMs, onAnswer)
    if (result.error || !result.answer || !result.rx) throw result.error
    return { request: frame, answer: result.answer, roundTripMs: result.rx.roundTripMs ?? 0, tx: result.tx, rx: result.rx }
  }

  private async exchange(
    frame: CabinetFrame,
    timeoutMs: number,
    onAnswer?: (answer: CabinetFrame) => void,
  ): Promise<{ tx: CabinetFrameEntry; rx: CabinetFrameEntry | null; answer: CabinetFrame | null; error?: unknown }> {
    const text = encodeFrame(frame)
    const key = answerKey(frame)
    const tx = this.entry('tx', 'ok', text, 'request', describeRequest(frame))
    let rx: CabinetFrameEntry | null = null
    let answer: CabinetFrame | null = null
    const sentAt = this.clock.now()
    this.stats.framesTx++
    this.emit(tx)
    try {
      await this.channel.request({
        // the seed shows frames one per line; CR LF ends each, which a line-reading board needs and a fixed-length one skips
        bytes: asciiBytes(`${text}\r\n`),
        timeoutMs,
        match: (item) => {
          if (item.kind !== 'frame' || answerKey(item.frame) !== key) return false
          // a door shut while "open lock N" waits for its answer: the seed answers `comm` with `comm`, and a `sync` lock state is the board's report
          if (frame.type === 'comm' && item.frame.type === 'sync' && isLockState(item.frame)) return false
          // the answer is logged here, in the order frames arrived
          answer = item.frame
          this.stats.framesRx++
          rx = this.entry('rx', 'ok', item.text, 'answer', describeAnswer(item.frame, this.scaling), this.clock.now() - sentAt)
          this.emit(rx)
          onAnswer?.(item.frame)
          return true
        },
      })
      return { tx, rx, answer }
    } catch (error) {
      if (error instanceof AppError && error.code === 'timeout') this.stats.timeouts++
      return { tx, rx: null, answer: null, error }
    }
  }

  private unsolicited(item: ReaderItem): void {
    if (item.kind === 'junk') {
      this.stats.junkBytes += item.bytes
      this.emit(this.entry('rx', 'junk', item.text, null, { kind: 'junk', params: { bytes: item.bytes } }))
      return
    }
    if (item.kind === 'badCrc') {
      this.stats.badCrc++
      this.emit(this.entry('rx', 'badCrc', item.text, null, { kind: 'badCrc', params: { expected: hexField(item.expected, 2), got: hexField(item.got, 2) } }))
      return
    }
    this.stats.framesRx++
    const report = isLockState(item.frame)
    if (report) this.stats.reports++
    this.emit(this.entry('rx', 'ok', item.text, report ? 'report' : 'unmatched', describeAnswer(item.frame, this.scaling)))
    if (report) {
      const lock = decodeLockState(item.frame)
      for (const listener of this.reportListeners) listener(lock, item.frame)
    }
  }

  private entry(
    dir: CabinetFrameEntry['dir'],
    status: CabinetFrameEntry['status'],
    text: string,
    role: FrameRole | null,
    meaning: CabinetFrameEntry['meaning'],
    roundTripMs?: number,
  ): CabinetFrameEntry {
    return { seq: this.seq++, ts: this.clock.now(), dir, status, text, role, meaning, ...(roundTripMs !== undefined ? { roundTripMs: Math.round(roundTripMs * 100) / 100 } : {}) }
  }

  private emit(entry: CabinetFrameEntry): void {
    for (const listener of this.frameListeners) listener(entry)
  }
}

/**
 * Polls every command of the protocol file at a set interval and keeps what
 * the UPS says: each value with its time, the indicators' alarms with their
 * raise and clear times, and how the line is. Staleness follows NUT's
 * drivers: a value a poll missed keeps its last number but is stale, and
 * three poll intervals without any answer is communication lost, an alarm
 * of its own. Polling goes on through a loss, so the monitor recovers by
 * itself when answers come back (a line fault gone, the port reopened by the
 * port manager once the same adapter is back).
 */
import { UPS_COMM_LOST, type UpsAlarm, type UpsLinkState, type UpsMonitorStats, type UpsReading } from '@shared/contract'
import type { FramingProfile } from '@shared/devices/ups/framing'
import { indicatorKind } from '@shared/devices/ups/indicators'
import type { UpsProtocol, UpsValue } from '@shared/devices/ups/protocol'
import { pollCommands, readCommand, valuesOf } from '@shared/devices/ups/readings'
import type { ValueUnit } from '@shared/devices/ups/units'
import type { Clock } from '../../core/clock'
import type { PortSession } from '../../transport/serial/session'
import { type UpsAnswer, UpsClient } from './client'
import { unitOf } from './files'

export const DEFAULT_POLL_MS = 2000
/** NUT's drivers call the UPS lost after this many intervals without an answer */
export const LOST_AFTER_POLLS = 3
/** cleared alarms kept for the page and the record; the log file keeps every one */
export const HISTORY_LIMIT = 500

/** One poll of every command: each measurable value's raw count, or null when the poll missed it. */
export interface UpsPoll {
  at: number
  raw: Map<number, number | null>
  link: UpsLinkState
}

export interface UpsMonitorOptions {
  session: PortSession
  protocol: UpsProtocol
  framing: FramingProfile
  clock: Clock
  intervalMs?: number
}

interface Slot {
  value: UpsValue
  unit: ValueUnit
  alarm: boolean
  reading: UpsReading
}

export class UpsMonitor {
  readonly intervalMs: number
  readonly client: UpsClient
  private readonly clock: Clock
  private readonly slots = new Map<number, Slot>()
  private readonly commands: number[]
  private readonly active = new Map<string, UpsAlarm>()
  private readonly history: UpsAlarm[] = []
  private readonly pollListeners = new Set<(poll: UpsPoll) => void>()
  private readonly alarmListeners = new Set<(alarm: UpsAlarm) => void>()
  private readonly answerListeners = new Set<(answer: UpsAnswer) => void>()
  private readonly abort = new AbortController()
  private loop: Promise<void> | null = null
  private startedAt = 0
  private linkState: UpsLinkState = 'connecting'
  private problem: string | null = null
  lastAnswerAt: number | null = null
  polls = 0

  constructor(private readonly options: UpsMonitorOptions) {
    this.clock = options.clock
    this.intervalMs = options.intervalMs ?? DEFAULT_POLL_MS
    this.client = new UpsClient(options.session, options.framing, options.clock)
    this.commands = pollCommands(options.protocol)
    const groups = new Map(options.protocol.groups.map((g) => [g.id, g]))
    for (const value of options.protocol.values) {
      if (!value.measurable) continue
      const unit = unitOf(value, options.framing)
      const kind = indicatorKind(value, value.group !== undefined ? groups.get(value.group) : undefined)
      this.slots.set(value.n, { value, unit, alarm: kind === 'alarm', reading: { n: value.n, raw: null, value: null, unit: unit.unit, stale: false, at: null } })
    }
  }

  start(): void {
    if (this.loop) return
    this.startedAt = this.clock.now()
    this.loop = this.run().catch(() => undefined)
  }

  async stop(): Promise<void> {
    this.abort.abort()
    await this.loop
    this.client.dispose()
  }

  onPoll(listener: (poll: UpsPoll) => void): () => void {
    this.pollListeners.add(listener)
    return () => this.pollListeners.delete(listener)
  }

  /** Each answer as it comes, spoiled or missing ones too: the evidence a recorded job keeps. */
  onAnswer(listener: (answer: UpsAnswer) => void): () => void {
    this.answerListeners.add(listener)
    return () => this.answerListeners.delete(listener)
  }

  /** Each alarm as it is raised and again as it clears. */
  onAlarm(listener: (alarm: UpsAlarm) => void): () => void {
    this.alarmListeners.add(listener)
    return () => this.alarmListeners.delete(listener)
  }

  get link(): { state: UpsLinkState; lastAnswerAt: number | null; problem: string | null } {
    return { state: this.linkState, lastAnswerAt: this.lastAnswerAt, problem: this.problem }
  }

  readings(): UpsReading[] {
    return [...this.slots.values()].map((s) => ({ ...s.reading }))
  }

  alarms(): { active: UpsAlarm[]; history: UpsAlarm[] } {
    return { active: [...this.active.values()].map((a) => ({ ...a })), history: this.history.map((a) => ({ ...a })) }
  }

  get stats(): UpsMonitorStats {
    const { requests, answers, timeouts, badAnswers, junkBytes } = this.client.stats
    return { polls: this.polls, requests, answers, timeouts, badAnswers, junkBytes }
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal
    while (!signal.aborted) {
      const started = this.clock.now()
      await this.pollOnce(signal)
      const wait = started + this.intervalMs - this.clock.now()
      await this.clock.sleep(Math.max(0, wait), signal)
    }
  }

  private async pollOnce(signal: AbortSignal): Promise<void> {
    const raw = new Map<number, number | null>()
    let missed = 0
    for (const command of this.commands) {
      if (signal.aborted) return
      const answer = await this.client.read(command)
      const now = this.clock.now()
      for (const listener of this.answerListeners) listener(answer)
      if (answer.ok) this.answered(answer, now, raw)
      else {
        missed++
        this.problem = answer.problem
        for (const v of valuesOf(this.options.protocol, command)) {
          raw.set(v.n, null)
          this.slots.get(v.n)!.reading.stale = true
        }
      }
      this.judgeLink(now, missed)
    }
    if (!missed) this.problem = null
    this.polls++
    const poll: UpsPoll = { at: this.clock.now(), raw, link: this.linkState }
    for (const listener of this.pollListeners) listener(poll)
  }

  private answered(answer: Extract<UpsAnswer, { ok: true }>, now: number, raw: Map<number, number | null>): void {
    this.lastAnswerAt = now
    const read = readCommand(this.options.protocol, this.options.framing, answer.command, answer.data)
    for (const v of valuesOf(this.options.protocol, answer.command)) {
      const slot = this.slots.get(v.n)!
      const n = read.get(v.n)
      raw.set(v.n, n ?? null)
      if (n === undefined) {
        slot.reading.stale = true
        continue
      }
      slot.reading = { ...slot.reading, raw: n, value: roundScaled(n * slot.unit.scale, slot.unit.scale), stale: false, at: now }
      if (slot.alarm) this.alarmState(`cmd-${v.n}`, n !== 0, now, v.n)
    }
  }

  private judgeLink(now: number, missed: number): void {
    const since = this.lastAnswerAt ?? this.startedAt
    const lost = now - since >= LOST_AFTER_POLLS * this.intervalMs
    const state: UpsLinkState = lost ? 'lost' : missed ? 'stale' : this.lastAnswerAt === null ? 'connecting' : 'ok'
    this.linkState = state
    this.alarmState(UPS_COMM_LOST, lost, now)
  }

  private alarmState(key: string, on: boolean, now: number, n?: number): void {
    const current = this.active.get(key)
    if (on && !current) {
      const alarm: UpsAlarm = { key, ...(n !== undefined ? { n } : {}), raisedAt: now }
      this.active.set(key, alarm)
      for (const listener of this.alarmListeners) listener({ ...alarm })
    } else if (!on && current) {
      this.active.delete(key)
      const cleared = { ...current, clearedAt: now }
      this.history.push(cleared)
      if (this.history.length > HISTORY_LIMIT) this.history.splice(0, this.history.length - HISTORY_LIMIT)
      for (const listener of this.alarmListeners) listener({ ...cleared })
    }
  }
}

/** Rounds away float noise to the scale's decimals (2200 × 0.1 is 220, not 220.00000000000003). */
function roundScaled(value: number, scale: number): number {
  const decimals = Math.max(0, Math.ceil(-Math.log10(Math.abs(scale) || 1)))
  return Number(value.toFixed(Math.min(decimals, 6)))
}

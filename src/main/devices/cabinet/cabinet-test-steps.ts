/**
 * The cabinet factory test's steps after connect and the safety warning,
 * each over the line to the board and what the test waits for. A lock's
 * state comes from the board's reports, a relay's from its channel's current
 * (the seed has no query for either).
 */
import { CABINET_CHANNELS, CABINET_SLOTS, type CabinetBand, type JsonValue, type Measurement, type RelaysOffMethod } from '@shared/contract'
import type { CabinetTestInput } from '@shared/contract/cabinet/cabinet.schemas'
import { decodeLockState } from './catalogue'
import { switchAllRelaysOff } from './relays'
import { type CabinetBoard, round3 } from './cabinet-board'
import { ALL_SLOTS, type CabinetPlan, freshSlot, type TestStep } from './cabinet-test-plan'
import type { CabinetWaits } from './cabinet-waits'
import type { StepOutcome } from '../../flows/recorded-job'

/** What the test knows it has switched on. */
export interface CabinetPower {
  energized: boolean
  fanOn: boolean
  /** relays whose channel carried current when switched on: only those can be proven off by current */
  conducted: boolean[]
  relaysOffMethod: RelaysOffMethod | null
}

export interface StepContext {
  readonly input: CabinetTestInput
  readonly plan: CabinetPlan
  readonly firmware: number | null
  readonly board: CabinetBoard
  readonly waits: CabinetWaits
  readonly power: CabinetPower
  wait(ms: number): Promise<void>
  /** one round of channel currents, for the chart */
  sample(currents: (number | null)[]): void
  /** the run state changed: the UI is told */
  changed(): void
  updateMeta(patch: Record<string, JsonValue>): void
}

/** The operator confirms the 220 V warning; nothing is switched before. */
export async function safety(ctx: StepContext): Promise<StepOutcome> {
  const ok = await ctx.waits.ask('safety')
  return ok
    ? { verdict: 'info', measurements: [{ key: 'safetyConfirmed', value: true }] }
    : { verdict: 'info', note: 'safetyDeclined', measurements: [{ key: 'safetyConfirmed', value: false }] }
}

/**
 * After a resume the relays and the fan may be as the interrupted run left
 * them: the relays are read back by their channels' current, and the fan,
 * which cannot be read, is taken as on if it may have been switched on, so
 * a cancel or a suspend switches off what may be on. Answers true when the
 * relays were switched on before and are found off.
 */
export async function reverifyPower(ctx: StepContext, finished: ReadonlySet<TestStep>, sent: ReadonlySet<string>): Promise<boolean> {
  const relaysOff = finished.has('relaysOff')
  const touched = (step: TestStep) => finished.has(step) || [...sent].some((key) => key.startsWith(`${step}:`))
  ctx.power.fanOn = touched('fan') && !relaysOff
  const currents = await Promise.all(ALL_SLOTS.map((relay) => ctx.board.readCurrent(relay)))
  const conducting = currents.some((amps) => amps !== null && amps > ctx.input.profile.relayOffMaxCurrent)
  const unknown = currents.some((amps) => amps === null)
  ctx.power.energized = conducting || (unknown && touched('relaysOn') && !relaysOff)
  return !ctx.power.energized && finished.has('relaysOn') && !relaysOff && ctx.plan.steps.includes('relaysOn')
}

const inBand = (value: number, band: CabinetBand) => value >= band.min && value <= band.max

export function runTestStep(key: TestStep, ctx: StepContext): Promise<StepOutcome> {
  switch (key) {
    case 'locksOpen':
      return locksOpen(ctx)
    case 'doorsClose':
      return doorsClose(ctx)
    case 'relaysOn':
      return relaysOn(ctx)
    case 'fan':
      return fan(ctx)
    case 'currents':
      return currents(ctx)
    case 'readings':
      return readings(ctx)
    case 'relaysOff':
      return relaysOff(ctx)
    case 'locksRestore':
      return locksRestore(ctx)
  }
}

/**
 * "开全部锁(逐个开)": the board answers at once and opens the locks one by one.
 * Whether it reports each opening the seed does not say; it promises only the
 * close reports ("关闭全锁,关锁信号上报"). So an opening is proven by an open
 * report, by a close report (a lock that closed had opened), or by the answer
 * to the single-lock command, sent once to each slot still without evidence
 * when the wait is over. A retest opens its slots with the single-lock command
 * alone.
 */
async function locksOpen(ctx: StepContext): Promise<StepOutcome> {
  const slots = ctx.plan.slots
  for (const slot of slots) {
    // a resumed run keeps the reports its interrupted attempt recorded; a retest starts its slots afresh
    const prior = ctx.waits.slots[slot - 1]!
    ctx.waits.slots[slot - 1] = ctx.plan.retest ? { ...freshSlot(), pending: true } : { ...prior, pending: true, failed: false }
  }
  ctx.changed()
  const timeoutMs = ctx.input.profile.timing.lockOpenTimeoutMs
  if (slots.length === CABINET_SLOTS && !ctx.plan.retest) {
    await ctx.board.commandOnce('openAllLocks', { kind: 'openAllLocks' })
    await ctx.waits.waitForSlots(slots, (t) => t.opened, timeoutMs, false)
  }
  const measurements: Measurement[] = []
  for (const slot of slots) {
    if (ctx.waits.slots[slot - 1]!.opened) continue
    const openCount = await openOneLock(ctx, slot, timeoutMs)
    if (openCount !== null) measurements.push({ key: `lockOpenCount${slot}`, value: openCount })
  }
  const failedSlots: number[] = []
  for (const slot of slots) {
    const track = ctx.waits.slots[slot - 1]!
    track.pending = false
    if (!track.opened) {
      track.failed = true
      failedSlots.push(slot)
    }
    measurements.push({ key: `lockOpened${slot}`, value: track.opened, verdict: track.opened ? 'pass' : 'fail' })
  }
  measurements.sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }))
  ctx.changed()
  return { verdict: failedSlots.length ? 'fail' : 'pass', note: listNote('lockNotOpened', failedSlots), measurements }
}

/**
 * The single-lock command, sent once: its answer carries the slot's state
 * and its count of openings. When the answer is lost the command is not sent
 * again; a report of that lock within `timeoutMs` settles it. An "open" in
 * the answer counts where the answer came among the board's frames: a close
 * reported right behind it (read with it) is newer and stands.
 */
async function openOneLock(ctx: StepContext, slot: number, timeoutMs: number): Promise<number | null> {
  const track = ctx.waits.slots[slot - 1]!
  const sent = await ctx.board.commandOnce(
    `openLock${slot}`,
    { kind: 'openLock', slot },
    async () => {
      await ctx.waits.waitForSlots([slot], (t) => t.opened, timeoutMs, false)
      return track.opened ? true : null
    },
    (answer) => {
      if (decodeLockState(answer).open) ctx.waits.lockReported(slot, true)
    },
  )
  return sent.kind === 'answered' ? decodeLockState(sent.answer.answer).openCount : null
}

/** A note code with the slots or channels it is about (`currentOutOfBand:3,6`), worded with them; null when there are none. */
export function listNote(code: string, items: number[]): string | null {
  return items.length ? `${code}:${items.join(',')}` : null
}

async function doorsClose(ctx: StepContext): Promise<StepOutcome> {
  const waiting = ctx.plan.slots.filter((slot) => ctx.waits.slots[slot - 1]!.opened)
  await ctx.waits.waitForSlots(waiting, (t) => t.closed, ctx.input.profile.timing.doorCloseTimeoutS * 1000, true)
  const measurements: Measurement[] = []
  const failed: number[] = []
  for (const slot of waiting) {
    const track = ctx.waits.slots[slot - 1]!
    if (!track.closed) {
      track.failed = true
      failed.push(slot)
    }
    measurements.push({ key: `doorClosed${slot}`, value: track.closed, verdict: track.closed ? 'pass' : 'fail' })
  }
  ctx.changed()
  const notOpened = ctx.plan.slots.filter((slot) => !waiting.includes(slot))
  return { verdict: failed.length || !waiting.length ? 'fail' : 'pass', note: listNote('doorCloseNotReported', failed) ?? listNote('doorsNotAsked', notOpened), measurements }
}

async function relaysOn(ctx: StepContext): Promise<StepOutcome> {
  const profile = ctx.input.profile
  ctx.power.energized = true
  await ctx.board.commandOnce('allRelaysOn', { kind: 'allRelays', on: true })
  // "逐个开": the relays follow one by one; read each channel until it carries current or the time is up
  const currents = await ctx.board.settle(ALL_SLOTS, (a) => a >= profile.relayOnMinCurrent)
  const measurements: Measurement[] = ALL_SLOTS.map((relay) => {
    const value = currents[relay - 1]
    const on = value !== null && value !== undefined && value >= profile.relayOnMinCurrent
    ctx.power.conducted[relay - 1] = on
    return { key: `relayOn${relay}`, value: value ?? '—', unit: profile.scaling.current.unit, min: profile.relayOnMinCurrent, verdict: on ? 'pass' : 'fail' }
  })
  const failed = failedNumbers(measurements, 'relayOn')
  return { verdict: failed.length ? 'fail' : 'pass', note: listNote('relayNoCurrent', failed), measurements }
}

async function fan(ctx: StepContext): Promise<StepOutcome> {
  ctx.power.fanOn = true
  await ctx.board.commandOnce('fanOn', { kind: 'fan', on: true })
  const airflow = await ctx.waits.ask('airflow')
  return { verdict: airflow ? 'pass' : 'fail', note: airflow ? null : 'noAirflow', measurements: [{ key: 'airflow', value: airflow, verdict: airflow ? 'pass' : 'fail' }] }
}

async function currents(ctx: StepContext): Promise<StepOutcome> {
  const { profile } = ctx.input
  const readings: number[][] = Array.from({ length: CABINET_CHANNELS }, () => [])
  for (let round = 0; round < profile.timing.samples; round++) {
    if (round > 0) await ctx.wait(profile.timing.sampleIntervalMs)
    const sample: (number | null)[] = []
    for (let channel = 1; channel <= CABINET_CHANNELS; channel++) {
      const value = await ctx.board.readCurrent(channel)
      sample.push(value)
      if (value !== null) readings[channel - 1]!.push(value)
    }
    ctx.sample(sample)
  }
  const measurements: Measurement[] = readings.map((values, i) => {
    const band = profile.channels[i]!
    const value = median(values)
    const ok = value !== null && inBand(value, band)
    return { key: `current${i + 1}`, value: value ?? '—', unit: profile.scaling.current.unit, min: band.min, max: band.max, verdict: ok ? 'pass' : 'fail' }
  })
  const failed = failedNumbers(measurements, 'current')
  return { verdict: failed.length ? 'fail' : 'pass', note: listNote('channelOutOfBand', failed), measurements }
}

async function readings(ctx: StepContext): Promise<StepOutcome> {
  const { profile } = ctx.input
  const items = [
    { key: 'voltage', command: { kind: 'readVoltage' }, quantity: 'voltage', band: profile.voltage },
    { key: 'activePower', command: { kind: 'readActivePower' }, quantity: 'activePower', band: profile.activePower },
    { key: 'energy', command: { kind: 'readEnergy' }, quantity: 'energy', band: profile.energy },
    { key: 'internalTemperature', command: { kind: 'readInternalTemperature' }, quantity: 'temperature', band: profile.internalTemperature },
    { key: 'externalTemperature', command: { kind: 'readExternalTemperature' }, quantity: 'temperature', band: profile.externalTemperature },
  ] as const
  const measurements: Measurement[] = []
  for (const item of items) {
    const answer = await ctx.board.readOrNull(item.command)
    const scale = profile.scaling[item.quantity]
    const value = answer ? ctx.board.scaleOf(answer.answer, item.quantity).value : null
    const ok = value !== null && inBand(value, item.band)
    measurements.push({ key: item.key, value: value ?? '—', unit: scale.unit, min: item.band.min, max: item.band.max, verdict: ok ? 'pass' : 'fail' })
  }
  const failed = measurements.some((m) => m.verdict === 'fail')
  return { verdict: failed ? 'fail' : 'pass', note: failed ? 'readingOutOfBand' : null, measurements }
}

async function relaysOff(ctx: StepContext): Promise<StepOutcome> {
  const profile = ctx.input.profile
  const last: (number | null)[] = new Array<number | null>(CABINET_SLOTS).fill(null)
  const client = ctx.board.requireClient()
  const outcome = await switchAllRelaysOff(client, {
    firmware: ctx.firmware,
    once: async (key, command) => {
      await ctx.board.commandOnce(key, command)
    },
    stillOn: async (relays) => {
      const currents = await ctx.board.settle(relays, (a) => a <= profile.relayOffMaxCurrent)
      relays.forEach((relay) => (last[relay - 1] = currents[relay - 1] ?? null))
      return relays.filter((relay) => {
        const value = currents[relay - 1]
        return value === null || value === undefined || value > profile.relayOffMaxCurrent
      })
    },
  })
  if (ctx.power.fanOn) {
    await ctx.board.commandOnce('fanOff', { kind: 'fan', on: false })
    ctx.power.fanOn = false
  }
  ctx.power.relaysOffMethod = outcome.method
  ctx.updateMeta({ relaysOffMethod: outcome.method })
  if (!outcome.stillOn.length) ctx.power.energized = false
  ctx.changed()
  const measurements: Measurement[] = ALL_SLOTS.map((relay) => {
    const value = last[relay - 1] ?? null
    const off = value !== null && value <= profile.relayOffMaxCurrent
    // a relay that never carried current cannot be proven off by its current: the reading is shown, not judged
    const verdict = !off ? 'fail' : ctx.power.conducted[relay - 1] ? 'pass' : 'info'
    return { key: `relayOff${relay}`, value: value ?? '—', unit: profile.scaling.current.unit, max: profile.relayOffMaxCurrent, verdict }
  })
  const method = { allOff: 'relaysOffAll', allOffThenEach: 'relaysOffAllThenEach', eachRelay: 'relaysOffEach' }[outcome.method]
  return { verdict: outcome.stillOn.length ? 'fail' : 'pass', note: method, measurements }
}

async function locksRestore(ctx: StepContext): Promise<StepOutcome> {
  const open = ctx.plan.slots.filter((slot) => {
    const track = ctx.waits.slots[slot - 1]!
    return track.opened && !track.closed
  })
  if (open.length) await ctx.waits.waitForSlots(open, (t) => t.closed, ctx.input.profile.timing.doorCloseTimeoutS * 1000, true)
  // the seed has no query for a lock: the reports stand only if the board still answers (a silent board proves nothing)
  const answered = await ctx.board.readOrNull({ kind: 'readInternalTemperature' })
  if (!answered) return { verdict: 'fail', note: 'noDeviceAnswer' }
  const measurements: Measurement[] = ctx.plan.slots.map((slot) => {
    const track = ctx.waits.slots[slot - 1]!
    const closed = !track.opened || track.closed
    if (!closed) track.failed = true
    else if (open.includes(slot)) track.failed = false
    return { key: `lockClosed${slot}`, value: closed, verdict: closed ? 'pass' : 'fail' }
  })
  ctx.changed()
  const failed = failedNumbers(measurements, 'lockClosed')
  return { verdict: failed.length ? 'fail' : 'pass', note: listNote('lockOpenAtEnd', failed), measurements }
}

/** The slots or channels whose numbered measurement (`current3`) failed. */
function failedNumbers(measurements: Measurement[], stem: string): number[] {
  return measurements.flatMap((m) => (m.verdict === 'fail' && m.key.startsWith(stem) && /^\d+$/.test(m.key.slice(stem.length)) ? [Number(m.key.slice(stem.length))] : []))
}

function median(values: number[]): number | null {
  if (!values.length) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return round3(sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2)
}

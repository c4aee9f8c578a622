import {
  CABINET_SLOTS,
  type CabinetFailure,
  type CabinetTestStep,
  CabinetTestSteps,
  type JsonValue,
  type Measurement,
  type RecordDetail,
  type RecordExchange,
  type RecordStep,
  type RetestableStep,
  type SlotState,
  slotOfMeasurement,
} from '@shared/contract'
import { CabinetTestStartSchema } from '@shared/contract/cabinet/cabinet.schemas'
import { z } from 'zod'
import { latestAttempts as latestSteps } from '@shared/devices/cabinet/shift'

/** The steps after connect and the safety confirmation, in order. */
export const TEST_STEPS = ['locksOpen', 'doorsClose', 'relaysOn', 'fan', 'currents', 'readings', 'relaysOff', 'locksRestore'] as const satisfies readonly CabinetTestStep[]
export type TestStep = (typeof TEST_STEPS)[number]

const TestStepSchema = z.enum(TEST_STEPS)
/** What a cabinet test needs to be picked up again. */
export const CabinetCheckpoint = z.object({
  input: CabinetTestStartSchema,
  plan: z.object({ steps: z.array(TestStepSchema), slots: z.array(z.number().int().min(1).max(CABINET_SLOTS)), retest: z.boolean() }),
  /** steps of the plan already finished */
  done: z.array(TestStepSchema),
  /** commands sent in the step under way: after a crash they are read back, not sent again */
  sent: z.array(z.string()),
})

/** What a run does after connect and safety: which steps, and which slots the lock steps work on. */
export interface CabinetPlan {
  steps: TestStep[]
  slots: number[]
  /** a retest of a finished record: a declined safety or a cancel leaves its verdict as it was */
  retest: boolean
}

export const ALL_SLOTS = Array.from({ length: CABINET_SLOTS }, (_, i) => i + 1)

export const fullPlan = (): CabinetPlan => ({ steps: [...TEST_STEPS], slots: [...ALL_SLOTS], retest: false })

/** The latest attempt of each step in a record: the same reading a shift's figures and CSV take. */
export { latestSteps }

/** Slots whose per-slot measurement (`lockOpened3`, `doorClosed5`, …) failed in a step. */
export function failedSlots(step: RecordStep | undefined, prefix: string): number[] {
  if (!step) return []
  const out: number[] = []
  for (const m of step.measurements) {
    const match = new RegExp(`^${prefix}(\\d)$`).exec(m.key)
    if (match && m.verdict === 'fail') out.push(Number(match[1]))
  }
  return out
}

/**
 * What a retest of one failed step runs: the step, what it needs before
 * (relays on for a measurement), and the safe state after (relays and fan
 * off, read back). Lock steps retest only their failed slots, each opened
 * with its own command, then wait for those doors. A failed connect runs
 * everything that never ran.
 */
export function retestPlan(step: RetestableStep, record: RecordDetail): CabinetPlan {
  const latest = latestSteps(record)
  switch (step) {
    case 'connect':
      return { steps: TEST_STEPS.filter((key) => !latest.get(key)?.verdict), slots: [...ALL_SLOTS], retest: true }
    case 'locksOpen':
    case 'doorsClose': {
      const slots = [...new Set([...failedSlots(latest.get('locksOpen'), 'lockOpened'), ...failedSlots(latest.get('doorsClose'), 'doorClosed')])].sort()
      return { steps: ['locksOpen', 'doorsClose'], slots: slots.length ? slots : [...ALL_SLOTS], retest: true }
    }
    case 'locksRestore': {
      const slots = failedSlots(latest.get('locksRestore'), 'lockClosed')
      return { steps: ['locksRestore'], slots: slots.length ? slots : [...ALL_SLOTS], retest: true }
    }
    case 'relaysOn':
      return { steps: ['relaysOn', 'relaysOff'], slots: [], retest: true }
    case 'fan':
      return { steps: ['fan', 'relaysOff'], slots: [], retest: true }
    case 'currents':
    case 'readings':
      return { steps: ['relaysOn', step, 'relaysOff'], slots: [], retest: true }
    case 'relaysOff':
      return { steps: ['relaysOff'], slots: [], retest: true }
  }
}

/**
 * What a retest of several failed steps runs as one: every step any of them
 * needs, in the test's order, on the slots any of them names.
 */
export function retestPlanOf(steps: RetestableStep[], record: RecordDetail): CabinetPlan {
  const plans = steps.map((step) => retestPlan(step, record))
  const wanted = new Set(plans.flatMap((plan) => plan.steps))
  const slots = [...new Set(plans.flatMap((plan) => plan.slots))].sort((a, b) => a - b)
  return { steps: TEST_STEPS.filter((key) => wanted.has(key)), slots, retest: true }
}

/** Steps whose attempts in a record include a failed one. */
export function stepsThatFailed(record: RecordDetail): CabinetTestStep[] {
  const failed = new Set(record.steps.filter((s) => s.status === 'done' && s.verdict === 'fail').map((s) => s.key))
  return CabinetTestSteps.filter((key) => failed.has(key))
}

/** One slot as the test knows it. */
export interface SlotTrack {
  /** asked to open in this run */
  pending: boolean
  /** reported (or answered) open */
  opened: boolean
  /** its close reported after it opened */
  closed: boolean
  failed: boolean
}

export const freshSlot = (): SlotTrack => ({ pending: false, opened: false, closed: false, failed: false })

export function slotState(track: SlotTrack): SlotState {
  if (track.failed) return 'failed'
  if (track.closed) return 'closed'
  if (track.opened) return 'open'
  return track.pending ? 'opening' : 'idle'
}

/** The slots as a record left them: a retest or a resumed run starts from there. */
export function slotsFromRecord(record: RecordDetail): SlotTrack[] {
  const latest = latestSteps(record)
  const value = (step: RecordStep | undefined, key: string) => step?.measurements.find((m) => m.key === key)
  return ALL_SLOTS.map((slot) => {
    const opened = value(latest.get('locksOpen'), `lockOpened${slot}`)
    const closed = value(latest.get('doorsClose'), `doorClosed${slot}`)
    const restored = value(latest.get('locksRestore'), `lockClosed${slot}`)
    return {
      pending: false,
      opened: opened?.value === true,
      closed: closed?.value === true || (restored?.value === true && opened?.value === true),
      failed: opened?.verdict === 'fail' || (closed?.verdict === 'fail' && restored?.verdict !== 'pass') || restored?.verdict === 'fail',
    }
  })
}

const LOCK_REPORT = /\blockState slot=(\d+) open=(true|false)\b/

/**
 * The slots with the lock reports of the lock steps a crash or a suspend
 * interrupted (every frame is written as it comes): a door whose close was
 * reported before the interruption is not asked for again.
 */
export function withReportsOfInterruptedSteps(slots: SlotTrack[], record: RecordDetail, exchanges: RecordExchange[]): SlotTrack[] {
  const latestDone = Math.max(-1, ...record.steps.filter((s) => s.status === 'done' && (s.key === 'locksOpen' || s.key === 'doorsClose')).map((s) => s.id))
  const interrupted = new Map(record.steps.filter((s) => s.status === 'interrupted' && s.id > latestDone && (s.key === 'locksOpen' || s.key === 'doorsClose')).map((s) => [s.id, s.key]))
  const out = slots.map((slot) => ({ ...slot }))
  for (const x of exchanges) {
    const step = x.stepId === null ? undefined : interrupted.get(x.stepId)
    if (!step || x.direction !== 'rx') continue
    const match = LOCK_REPORT.exec(x.summary ?? '')
    const track = match ? out[Number(match[1]) - 1] : undefined
    if (!track) continue
    if (match![2] === 'true') {
      track.opened = true
      track.closed = false
      track.failed = false
    } else if (track.opened || step === 'locksOpen') {
      // a close reported while the locks were opening proves that lock opened
      track.opened = true
      track.closed = true
      track.failed = false
    }
  }
  return out
}

/** What the record keeps as a step's inputs. */
export function stepInputs(plan: CabinetPlan, firmware: string, key: TestStep): Record<string, JsonValue> {
  if (key === 'locksOpen' || key === 'doorsClose' || key === 'locksRestore') return { slots: plan.slots, retest: plan.retest }
  if (key === 'relaysOff') return { firmware }
  return plan.retest ? { retest: true } : {}
}

/** Which relays carried current when switched on in the record's latest relaysOn step. */
export function conductedFromRecord(record: RecordDetail): boolean[] {
  const step = latestSteps(record).get('relaysOn')
  return ALL_SLOTS.map((relay) => step?.measurements.find((m) => m.key === `relayOn${relay}`)?.verdict !== 'fail')
}

/** A step's failed measurements as the run view shows them, each with its slot. */
export function failuresOf(step: CabinetTestStep, measurements: Measurement[] = []): CabinetFailure[] {
  return measurements
    .filter((m) => m.verdict === 'fail')
    .map((m) => ({ step, key: m.key, value: m.value, unit: m.unit, min: m.min, max: m.max, slot: slotOfMeasurement(m.key) }))
}

/** What failed in the latest attempt of each step of a record. */
export function failuresFromRecord(record: RecordDetail): Map<CabinetTestStep, CabinetFailure[]> {
  const out = new Map<CabinetTestStep, CabinetFailure[]>()
  for (const [key, step] of latestSteps(record)) {
    const known = CabinetTestSteps.find((k) => k === key)
    if (known) out.set(known, failuresOf(known, step.measurements))
  }
  return out
}

/**
 * The lock steps over a line that hands the app what the board wrote at one
 * go (a read of a real port may carry two frames): the order of the frames,
 * not of the code that waits for them, says what state a lock is in.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { CABINET_SERIAL, CABINET_SLOTS } from '@shared/contract'
import { CabinetTestStartSchema } from '@shared/contract/cabinet/cabinet.schemas'
import { systemClock } from '../../core/clock'
import { MemoryLinkPair } from '../../transport/serial/memory-link'
import { PortSession } from '../../transport/serial/session'
import { TrafficLog } from '../../transport/serial/traffic-log'
import { CabinetBoard } from './cabinet-board'
import { profile } from './cabinet-test-harness'
import { freshSlot, type TestStep } from './cabinet-test-plan'
import { runTestStep, type StepContext } from './cabinet-test-steps'
import { CabinetWaits } from './cabinet-waits'
import { CabinetClient } from './client'
import { CabinetSimulator } from './simulator'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

/** A retest of `slots`: each lock opened by its own command, then its door waited for. */
function lockSteps(slots: number[]) {
  const sim = new CabinetSimulator({ lockReports: 'closesOnly' })
  const wire = new MemoryLinkPair('cabinet')
  cleanups.push(sim.attach(wire.device), () => sim.dispose())
  const session = new PortSession('mem:cabinet', CABINET_SERIAL, 'test', wire.host, new TrafficLog(), { onState: () => undefined, onTraffic: () => undefined })
  const input = CabinetTestStartSchema.parse({ path: 'mem:cabinet', serial: 'CAB-0001', operator: 'Ana', firmware: '', profile })
  const stop = new AbortController()
  const sent = new Set<string>()
  const board = new CabinetBoard(
    {
      signal: stop.signal,
      journal: { has: (key) => sent.has(key), mark: (key) => void sent.add(key) },
      currentKey: () => 'locksOpen',
      linkPaused: () => undefined,
      sample: () => undefined,
      wait: (ms) => systemClock.sleep(ms, stop.signal),
      clock: systemClock,
    },
    input,
    session,
  )
  const client = new CabinetClient(session, { timeoutMs: profile.timing.answerTimeoutMs, clock: systemClock })
  board.client = client
  /** what the test waited for, each time that changed */
  const awaited: string[] = []
  const waits: CabinetWaits = new CabinetWaits(
    { signal: stop.signal, path: input.path, session: () => session, clock: systemClock, changed: () => void (waits.awaiting && awaited.push(waits.awaiting.what)) },
    Array.from({ length: CABINET_SLOTS }, freshSlot),
  )
  client.onReport((lock) => waits.lockReported(lock.slot, lock.open))
  cleanups.push(() => {
    stop.abort()
    client.dispose()
    return session.close()
  })
  const ctx: StepContext = {
    input,
    plan: { steps: ['locksOpen', 'doorsClose'], slots, retest: true },
    firmware: null,
    board,
    waits,
    power: { energized: false, fanOn: false, conducted: new Array<boolean>(CABINET_SLOTS).fill(true), relaysOffMethod: null },
    wait: (ms) => systemClock.sleep(ms, stop.signal),
    sample: () => undefined,
    changed: () => undefined,
    updateMeta: () => undefined,
  }
  return { sim, waits, awaited, run: (key: TestStep) => runTestStep(key, ctx) }
}

describe('the lock steps, where the answer to "open lock N" and a report of that lock come in one read', () => {
  it('a close reported right behind the answer "open" counts: the door is not asked for, and passes', async () => {
    const { sim, waits, awaited, run } = lockSteps([3])
    // lock 3 latches again the moment it has answered that it is open
    sim.onChange((state) => {
      if (state.locks[2]!.open) queueMicrotask(() => sim.pushDoor(3))
    })
    const opened = await run('locksOpen')
    expect(opened).toMatchObject({ verdict: 'pass' })
    expect(waits.slots[2]).toMatchObject({ opened: true, closed: true })
    const doors = await run('doorsClose')
    expect(doors).toMatchObject({ verdict: 'pass', measurements: [{ key: 'doorClosed3', value: true, verdict: 'pass' }] })
    expect(awaited).not.toContain('doors')
  })
})

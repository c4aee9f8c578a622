import { afterEach, describe, expect, it } from 'vitest'
import type { AnyEventChannel, JobUpdate } from '@shared/contract'
import { defaultProfile } from '../devices/cabinet/profile'
import { NodeSerialOpener } from '../transport/serial/node-serial'
import { createPtyPair } from '../transport/serial/pty-pair'
import { SERIAL_8N1 } from '../transport/serial/test-support'
import { VirtualClock } from './clock'
import type { Core } from './core'
import { testCore } from './test-core'

const START = Date.UTC(2031, 4, 6, 7, 0, 0)
const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

/** A pseudo-terminal whose far end is open and never answers: every wait of a job runs out. */
async function silentPort(): Promise<string> {
  const pair = await createPtyPair()
  const far = await new NodeSerialOpener().open(pair.device, SERIAL_8N1)
  cleanups.push(async () => {
    await far.close()
    await pair.close()
  })
  return pair.app
}

function finished(core: Core, recordId: number): Promise<JobUpdate> {
  return new Promise((resolve) => {
    const detach = core.bus.attach((channel: AnyEventChannel, payload) => {
      const update = payload as JobUpdate
      if (channel === 'job:update' && update.recordId === recordId && (update.phase.phase === 'finished' || update.phase.phase === 'aborted')) {
        detach()
        resolve(update)
      }
    })
  })
}

describe('the core clock', () => {
  let clock: VirtualClock
  async function core(): Promise<Core> {
    clock = new VirtualClock(START, true)
    const made = await testCore({ clock })
    cleanups.push(made.cleanup)
    return made.core
  }

  it('runs a link check on the injected clock: its record and its timeouts are in virtual time', async () => {
    const c = await core()
    const path = await silentPort()
    const started = await c.handlers.startLinkCheck({ path, baudRate: 115200, adapterLabel: 'FTDI-07', site: 'Bench 2', customer: '', operator: 'Jan' })
    const done = await finished(c, started.recordId)
    expect(done.phase).toEqual({ phase: 'finished', verdict: 'fail' })
    const record = c.records.get(started.recordId)
    expect(record.startedAt).toBe(START)
    // a silent line waits out each pattern's timeout (a second or more): virtual seconds, not real ones
    expect(record.finishedAt! - START).toBeGreaterThan(1000)
  })

  it('keeps a cabinet test\'s record on the injected clock', async () => {
    const c = await core()
    const path = await silentPort()
    const started = await c.handlers.cabinetStartTest({ path, serial: '', firmware: 'v5062', profile: defaultProfile, site: 'Bench 2', customer: '', operator: 'Jan' })
    const done = await finished(c, started.recordId)
    expect(done.phase).toEqual({ phase: 'finished', verdict: 'fail' })
    const record = c.records.get(started.recordId)
    const times = [record.startedAt, record.finishedAt, ...record.steps.flatMap((s) => [s.startedAt, s.finishedAt])]
    for (const t of times) expect(t).toBeGreaterThanOrEqual(START)
    for (const t of times) expect(t).toBeLessThan(START + 3_600_000)
  })
})

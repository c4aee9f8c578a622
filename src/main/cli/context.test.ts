import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { JobPhase, JobUpdate } from '@shared/contract'
import type { Core } from '../core/core'
import { endedSteps, followJob, reportEnd } from './context'
import { createOut, EXIT } from './output'

const dataDir = mkdtempSync(join(tmpdir(), 'fieldbench-follow-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

const update = (recordId: number, phase: JobPhase): JobUpdate => ({ recordId, jobType: 'linkCheck', phase, steps: [] })
/** What `end` asks of the core: where the CLI's job locks go, and whether the job stopped without an update (it never does here). */
const core = { platform: { dataDir }, jobs: { isActive: () => false, suspend: () => undefined, whenStopped: () => new Promise(() => undefined) } } as unknown as Core

describe('the job a CLI follower follows', () => {
  it('is named by the first update seen until the start returns its id, and ignores every other record', () => {
    const job = followJob()
    expect(job.ours(7)).toBe(true)
    expect(job.recordId).toBe(7)
    expect(job.ours(8)).toBe(false)
    job.track(9)
    expect(job.ours(7)).toBe(false)
    expect(job.ours(9)).toBe(true)
  })

  it('ends with its own finishing update, not another record\'s nor a pause', async () => {
    const job = followJob()
    job.track(3)
    job.settle(update(4, { phase: 'finished', verdict: 'pass' }))
    job.settle(update(3, { phase: 'paused', step: 'loopback', reason: 'portLost' }))
    const aborted = update(3, { phase: 'aborted', reason: 'cancelled' })
    job.settle(aborted)
    job.settle(update(3, { phase: 'finished', verdict: 'fail' }))
    await expect(job.end(core)).resolves.toBe(aborted)
  })
})

describe('the lines every follower prints', () => {
  it('names each step once as it ends, and again only when its verdict or note changes', () => {
    const running = { recordId: 1, jobType: 'upsTest', phase: { phase: 'running', step: 'values' }, steps: [{ key: 'identify', verdict: 'pass', note: null }, { key: 'values', verdict: null, note: null }] } as JobUpdate
    const valued = { ...running, steps: [running.steps[0]!, { key: 'values', verdict: 'fail', note: 'valueOutOfBand:9' }] } as JobUpdate
    expect(endedSteps(running, null).map((s) => s.key)).toEqual(['identify'])
    expect(endedSteps(valued, running).map((s) => s.key)).toEqual(['values'])
    expect(endedSteps(valued, valued)).toEqual([])
  })

  it('closes with the verdict and the record, and exits 0 on PASS, 1 on FAIL, 3 for a job that did not finish', async () => {
    const out = await createOut(true, 'en')
    const events: unknown[] = []
    out.event = (value) => events.push(value)
    expect(reportEnd(out, 5, update(5, { phase: 'finished', verdict: 'pass' }))).toBe(EXIT.ok)
    expect(reportEnd(out, 5, update(5, { phase: 'finished', verdict: 'fail' }), { fields: { report: 'r.json' } })).toBe(EXIT.fail)
    expect(reportEnd(out, 5, update(5, { phase: 'aborted', reason: 'cancelled' }))).toBe(EXIT.error)
    expect(reportEnd(out, 5, update(5, { phase: 'paused', step: 'discharge', reason: 'suspended' }))).toBe(EXIT.error)
    expect(events).toEqual([
      { event: 'result', recordId: 5, verdict: 'pass', suspended: false },
      { event: 'result', recordId: 5, verdict: 'fail', suspended: false, report: 'r.json' },
      { event: 'result', recordId: 5, verdict: 'none', suspended: false },
      { event: 'result', recordId: 5, verdict: 'none', suspended: true },
    ])
  })
})

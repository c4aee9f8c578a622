import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { JobPhase, JobUpdate } from '@shared/contract'
import type { Core } from '../core/core'
import { followJob } from './context'

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

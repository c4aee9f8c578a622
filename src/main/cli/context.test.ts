import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { serialPortKey, type Verdict } from '@shared/contract'
import type { Core } from '../core/core'
import { JobRunner } from '../core/jobs'
import { RecordedJob } from '../flows/recorded-job'
import { MemoryLogger } from '../log/logger'
import { Redactor } from '../log/redact'
import { RecordStore } from '../store/records'
import { awaitJob, endLine, jobEnd } from './context'
import { createOut } from './output'

/** A job that waits in its one step until it is stopped. */
class WaitingJob extends RecordedJob {
  readonly type = 'linkCheck' as const
  readonly stepKeys = ['echo']
  readonly deviceKey = serialPortKey('/dev/ttyFB-WAIT')
  started!: Promise<void>
  protected async execute(): Promise<Verdict> {
    let entered!: () => void
    this.started = new Promise((resolve) => (entered = resolve))
    await this.step('echo', {}, async () => {
      entered()
      await new Promise((_, reject) => this.signal.addEventListener('abort', () => reject(this.signal.reason as Error), { once: true }))
      return { verdict: 'pass' }
    })
    return 'pass'
  }
}

let records: RecordStore
let dataDir: string
afterEach(() => {
  records?.close()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

describe('waiting for a job from the command line', () => {
  it('Ctrl-C suspends the job: the record stays in progress, resumable, and the wait ends with the suspended state', async () => {
    records = new RecordStore(':memory:', new Redactor())
    const jobs = new JobRunner(new MemoryLogger(), records)
    const record = records.create({ jobType: 'linkCheck', site: '', customer: '', operator: '', deviceSerial: '', deviceIds: {} })
    const job = new WaitingJob({ records, log: new MemoryLogger(), emit: () => undefined }, record.id)
    const finished = new Promise<never>(() => undefined)
    const listeners = process.listenerCount('SIGINT')
    jobs.start(job)
    dataDir = mkdtempSync(join(tmpdir(), 'fieldbench-cli-wait-'))
    const waiting = awaitJob({ jobs, platform: { dataDir } } as unknown as Core, record.id, finished)
    await job.started
    process.emit('SIGINT')
    const final = await waiting
    expect(final.phase).toEqual({ phase: 'paused', step: 'echo', reason: 'suspended' })
    expect(records.summary(record.id).status).toBe('inProgress')
    expect(records.get(record.id).steps.map((s) => s.status)).toEqual(['interrupted'])
    expect(process.listenerCount('SIGINT')).toBe(listeners)
    // the closing line says it is suspended and how to go on, not that it has no verdict
    expect(jobEnd(final)).toEqual({ verdict: 'none', suspended: true })
    const lines = await Promise.all((['en', 'zh', 'pl'] as const).map(async (lang) => endLine(await createOut(false, lang), record.id, jobEnd(final))))
    expect(lines).toEqual([
      `Suspended, not finished: record ${record.id} stays in progress. Resume it with: fieldbench records resume ${record.id}`,
      `已暂停，未完成：记录 ${record.id} 仍在进行中。继续运行：fieldbench records resume ${record.id}`,
      `Wstrzymano, nie ukończono: rekord ${record.id} pozostaje w toku. Aby wznowić: fieldbench records resume ${record.id}`,
    ])
  })
})

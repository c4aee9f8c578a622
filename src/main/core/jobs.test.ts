import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError, type DeviceKey, inverterKey, type JobType, type OpenJob, serialPortKey, type Verdict } from '@shared/contract'
import { RecordedJob } from '../flows/recorded-job'
import { MemoryLogger } from '../log/logger'
import { Redactor } from '../log/redact'
import { RecordStore } from '../store/records'
import { JobRunner } from './jobs'

/** A job that holds its device until the test lets it finish, or it is cancelled or suspended. */
class HeldJob extends RecordedJob {
  readonly stepKeys = ['work'] as const
  private letGo: () => void = () => undefined
  private readonly released = new Promise<void>((resolve) => (this.letGo = resolve))

  constructor(
    deps: ConstructorParameters<typeof RecordedJob>[0],
    recordId: number,
    readonly type: JobType,
    readonly deviceKey: DeviceKey,
  ) {
    super(deps, recordId)
  }

  protected async execute(): Promise<Verdict> {
    await this.step('work', {}, async () => {
      await Promise.race([this.released, new Promise((_, reject) => this.signal.addEventListener('abort', () => reject(this.signal.reason as Error)))])
      return { verdict: 'pass' }
    })
    return 'pass'
  }

  letFinish(): void {
    this.letGo()
  }
}

let records: RecordStore
let runner: JobRunner
let published: OpenJob[][]
const deps = () => ({ records, log: new MemoryLogger(), emit: () => runner.notify() })

function newJob(type: JobType, ids: Record<string, string>, key: DeviceKey): HeldJob {
  return new HeldJob(deps(), records.create({ jobType: type, deviceIds: ids }).id, type, key)
}

let listeners: (() => void)[] = []
/** Resolves when the runner publishes a list without the record running. */
const ended = (recordId: number) =>
  new Promise<void>((resolve) => {
    const check = () => {
      if (runner.isActive(recordId)) return
      listeners = listeners.filter((l) => l !== check)
      resolve()
    }
    listeners.push(check)
    check()
  })

function refusal(fn: () => unknown): AppError {
  try {
    fn()
  } catch (err) {
    if (err instanceof AppError) return err
    throw err
  }
  throw new Error('not refused')
}

async function refusalOf(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => new Error('not refused'),
    (e: unknown) => e,
  )
  if (err instanceof AppError) return err
  throw err
}

beforeEach(() => {
  records = new RecordStore(':memory:', new Redactor())
  published = []
  listeners = []
  runner = new JobRunner(new MemoryLogger(), records, (open) => {
    published.push(open)
    for (const listener of [...listeners]) listener()
  })
})
afterEach(async () => {
  await runner.suspendAll()
  records.close()
})

describe('JobRunner: one job per device', () => {
  const port = serialPortKey('/dev/ttyUSB0')
  const inverter = inverterKey('60H3103A12345601')

  it('lists a running job with its device, step and start, and drops it when it ends', async () => {
    const job = newJob('linkCheck', { port: '/dev/ttyUSB0' }, port)
    runner.start(job)
    const [open] = runner.open()
    expect(open).toMatchObject({ recordId: job.recordId, jobType: 'linkCheck', deviceKey: port, state: 'running', step: 'work' })
    expect(open!.startedAt).toBe(records.summary(job.recordId).startedAt)
    expect(published.at(-1)?.map((j) => j.recordId)).toEqual([job.recordId])
    job.letFinish()
    await ended(job.recordId)
    expect(runner.open()).toEqual([])
    expect(published.at(-1)).toEqual([])
  })

  it('refuses a second job on the same device, whatever its type, with the running one’s record, and makes no record', async () => {
    const ct = newJob('ctDetection', { inverter: '60H3103A12345601' }, inverter)
    runner.start(ct)
    const before = records.search({}).total
    let created = false
    const err = await refusalOf(
      runner.launch(inverter, () => {
        created = true
        return newJob('inverterCommissioning', { inverter: '60H3103A12345601' }, inverter)
      }),
    )
    expect(err.code).toBe('jobDeviceBusy')
    expect(err.params).toMatchObject({ id: ct.recordId, jobType: 'ctDetection', device: '60H3103A12345601' })
    expect(created).toBe(false)
    expect(records.search({}).total).toBe(before)
    // another device is free
    await runner.launch(port, () => newJob('linkCheck', { port: '/dev/ttyUSB0' }, port))
    expect(runner.open().map((j) => j.deviceKey).sort()).toEqual([inverter, port].sort())
  })

  it('refuses even a job made without launch: start itself checks the device', () => {
    runner.start(newJob('cabinetTest', { port: '/dev/ttyUSB0' }, port))
    const second = newJob('linkCheck', { port: '/dev/ttyUSB0' }, port)
    expect(refusal(() => runner.start(second)).code).toBe('jobDeviceBusy')
    expect(runner.isActive(second.recordId)).toBe(false)
  })

  it('holds the device while a job is being made, so two quick starts cannot both pass', async () => {
    let made: (job: HeldJob) => void = () => undefined
    const first = runner.launch(port, () => new Promise<HeldJob>((resolve) => (made = resolve)))
    const err = await refusalOf(runner.launch(port, () => newJob('linkCheck', { port: '/dev/ttyUSB0' }, port)))
    expect(err.code).toBe('jobAlreadyRunning')
    made(newJob('cabinetTest', { port: '/dev/ttyUSB0' }, port))
    expect((await first).jobType).toBe('cabinetTest')
  })

  it('a suspended job on the device is offered, not duplicated; closed as aborted, the device is free again', async () => {
    const job = newJob('ctDetection', { inverter: '60H3103A12345601' }, inverter)
    runner.start(job)
    await runner.suspendAll()
    const [open] = runner.open()
    expect(open).toMatchObject({ recordId: job.recordId, state: 'suspended', step: 'work', deviceKey: inverter, phase: null, resumable: false })

    const err = await refusalOf(runner.launch(inverter, () => newJob('inverterCommissioning', { inverter: '60H3103A12345601' }, inverter)))
    expect(err.code).toBe('jobDeviceSuspended')
    expect(err.params).toMatchObject({ id: job.recordId, jobType: 'ctDetection' })

    records.abort(job.recordId, 'interrupted')
    runner.notify()
    expect(published.at(-1)).toEqual([])
    await runner.launch(inverter, () => newJob('inverterCommissioning', { inverter: '60H3103A12345601' }, inverter))
    expect(runner.open()[0]).toMatchObject({ jobType: 'inverterCommissioning', state: 'running' })
  })

  it('resumes a suspended job, but not while another job runs on its device, leaving its record as it was', async () => {
    runner.registerResumer('linkCheck', (id) => new HeldJob(deps(), id, 'linkCheck', port))
    const other = newJob('cabinetTest', { port: '/dev/ttyUSB0' }, port)
    runner.start(other)
    // a record a crash left in progress on the same port
    const reopened = newJob('linkCheck', { port: '/dev/ttyUSB0' }, port)
    expect(runner.open()[1]).toMatchObject({ recordId: reopened.recordId, state: 'suspended', resumable: true })
    const steps = records.get(reopened.recordId, 0).steps.length
    const err = refusal(() => runner.resume(reopened.recordId, 'linkCheck'))
    expect(err.code).toBe('jobDeviceBusy')
    expect(err.params.id).toBe(other.recordId)
    expect(records.get(reopened.recordId, 0).steps.length).toBe(steps)
    other.letFinish()
    await ended(other.recordId)
    runner.resume(reopened.recordId, 'linkCheck')
    expect(runner.open()[0]).toMatchObject({ recordId: reopened.recordId, state: 'running' })
  })

  it('tells the renderer only when the list changed', () => {
    runner.notify()
    const count = published.length
    runner.notify()
    expect(published.length).toBe(count)
    runner.start(newJob('linkCheck', { port: '/dev/ttyUSB0' }, port))
    expect(published.length).toBeGreaterThan(count)
  })
})

/**
 * The open jobs list and the one-job-per-device rule inside a real core, in
 * demo mode, through the dispatch the IPC and WebSocket bridge use; and each
 * job's device as it declares it matching what its record says, so a
 * suspended record is found on the same device as the running job was.
 */
import { describe, expect, it } from 'vitest'
import { type AppErrorPayload, type InvokeResult, inverterKey, type JobUpdate, type OpenJob, recordDeviceKey } from '@shared/contract'
import { startPtyCabinet } from '../devices/cabinet/harness'
import { defaultProfile } from '../devices/cabinet/profile'
import { CabinetTestJob } from '../devices/cabinet/cabinet-test'
import { CommissioningJob } from '../devices/foxess/inverter-commissioning'
import { CtDetectionJob } from '../devices/foxess/ct-detection'
import { LinkCheckJob } from './modules/link-check-job'
import { MemoryLogger } from '../log/logger'
import { Redactor } from '../log/redact'
import { RecordStore } from '../store/records'
import type { Core } from './core'
import { dispatch } from './dispatch'
import { testCorePerTest } from './test-core'

const KRAKOW = '60H3103A12345601'
const HANGZHOU = '60H3080B22345602'

// the OS ports are not listed: the jobs here use the demo devices and pseudo-terminals named by path
const demoCore = testCorePerTest({ demo: true, languages: ['en'] })

const call = <T>(c: Core, method: string, payload?: unknown) => dispatch(c.handlers, method as never, payload, new MemoryLogger()) as Promise<InvokeResult<T>>
const value = <T>(result: InvokeResult<T>): T => {
  if (!result.ok) throw new Error(JSON.stringify(result.error))
  return result.value
}
const error = (result: InvokeResult<unknown>): AppErrorPayload => {
  if (result.ok) throw new Error('not refused')
  return result.error
}

function nextOpenList(c: Core, match: (open: OpenJob[]) => boolean): Promise<OpenJob[]> {
  return new Promise((resolve) => {
    const off = c.bus.attach((channel, payload) => {
      if (channel === 'jobs:changed' && match(payload as OpenJob[])) {
        off()
        resolve(payload as OpenJob[])
      }
    })
  })
}

describe('open jobs in the core', () => {
  it('a CT check on an inverter is listed and pushed; commissioning the same inverter is refused with the check’s record', async () => {
    const c = await demoCore()
    const pushed = nextOpenList(c, (open) => open.some((job) => job.jobType === 'ctDetection'))
    const ct = value(await call<JobUpdate>(c, 'foxessCtStart', { sn: KRAKOW }))
    const [listed] = await pushed
    expect(listed).toMatchObject({ recordId: ct.recordId, jobType: 'ctDetection', deviceKey: inverterKey(KRAKOW), state: 'running' })
    expect(value(await call<OpenJob[]>(c, 'listOpenJobs'))[0]).toMatchObject({ recordId: ct.recordId, state: 'running' })

    const total = c.records.search({}).total
    const refused = error(await call(c, 'foxessCommissioningStart', { sn: KRAKOW }))
    expect(refused).toEqual({ code: 'jobDeviceBusy', params: { id: ct.recordId, jobType: 'ctDetection', device: KRAKOW } })
    expect(error(await call(c, 'foxessCtStart', { sn: KRAKOW })).code).toBe('jobDeviceBusy')
    expect(c.records.search({}).total).toBe(total)
    // another inverter is free
    expect(value(await call<JobUpdate>(c, 'foxessCommissioningStart', { sn: HANGZHOU })).jobType).toBe('inverterCommissioning')
  })

  it('a record left in progress is a suspended job: a new job on its inverter is refused with it; resumed, it runs; closed, the inverter is free', async () => {
    const c = await demoCore()
    // what a crash leaves: a record in progress with its checkpoint, and no job running
    const left = c.records.create({ jobType: 'ctDetection', deviceIds: { inverter: KRAKOW } })
    c.records.setCheckpoint(left.id, { input: { sn: KRAKOW, site: '', customer: '', operator: '' } })
    expect(value(await call<OpenJob[]>(c, 'listOpenJobs'))).toEqual([
      expect.objectContaining({ recordId: left.id, state: 'suspended', deviceKey: inverterKey(KRAKOW), resumable: true, phase: null }),
    ])

    const refused = error(await call(c, 'foxessCommissioningStart', { sn: KRAKOW }))
    expect(refused).toEqual({ code: 'jobDeviceSuspended', params: { id: left.id, jobType: 'ctDetection', device: KRAKOW } })

    value(await call(c, 'resumeJob', { recordId: left.id }))
    expect(value(await call<OpenJob[]>(c, 'listOpenJobs'))[0]).toMatchObject({ recordId: left.id, state: 'running' })
    expect(error(await call(c, 'foxessCommissioningStart', { sn: KRAKOW })).code).toBe('jobDeviceBusy')

    value(await call(c, 'cancelJob', { recordId: left.id }))
    await nextOpenList(c, (open) => open.length === 0)
    expect(value(await call<JobUpdate>(c, 'foxessCommissioningStart', { sn: KRAKOW })).jobType).toBe('inverterCommissioning')
  })

  it('closing a suspended job as aborted takes it off the list', async () => {
    const c = await demoCore()
    const left = c.records.create({ jobType: 'linkCheck', deviceIds: { port: '/dev/ttyUSB9' } })
    const emptied = nextOpenList(c, (open) => open.length === 0)
    value(await call(c, 'abortRecord', { id: left.id }))
    await emptied
  })
})

describe('each job declares the device its record names', () => {
  const records = () => new RecordStore(':memory:', new Redactor())
  const deps = (store: RecordStore) => ({ records: store, log: new MemoryLogger(), emit: () => undefined })

  it('link check, CT check and commissioning', () => {
    const store = records()
    const services = {} as never
    const jobs = [
      LinkCheckJob.create({ ...deps(store), ports: {} as never }, { path: '/dev/ttyUSB0', baudRate: 9600 }),
      CtDetectionJob.create({ ...deps(store), services, publishCt: () => undefined }, { sn: KRAKOW }),
      CommissioningJob.create({ ...deps(store), services, publishCommissioning: () => undefined }, { sn: KRAKOW }),
    ]
    for (const job of jobs) expect(job.deviceKey).toBe(recordDeviceKey(store.summary(job.recordId).deviceIds))
    store.close()
  })

  it('cabinet test', async () => {
    const cab = await startPtyCabinet()
    const store = records()
    try {
      const job = await CabinetTestJob.create(
        { ...deps(store), ports: cab.ports, cabinetEvents: { run: () => undefined, samples: () => undefined } },
        { path: cab.path, profile: defaultProfile, firmware: '5062' },
      )
      expect(job.deviceKey).toBe(recordDeviceKey(store.summary(job.recordId).deviceIds))
      await cab.ports.close(cab.path, 'cabinetTest')
    } finally {
      store.close()
      await cab.close()
    }
  })
})

import { AppError } from '@shared/contract'
import { describe, expect, it } from 'vitest'
import { testCorePerTest } from '../test-core'
import { recordsModule } from './records'

describe('records module', () => {
  const core = testCorePerTest()

  it('is registered with the core before the devices, and the core answers with its handlers', async () => {
    const c = await core()
    expect(c.modules.map((m) => m.id)).toEqual(['system', 'settings', 'simulators', 'ports', 'records', 'jobs', 'linkCheck', 'cabinet', 'foxess', 'evse', 'evseSite', 'upsFiles', 'upsMonitor', 'upsTest'])
    const left = c.records.create({ jobType: 'linkCheck', deviceIds: { port: '/dev/ttyUSB9' } })
    expect(await c.handlers.listInterruptedRecords(undefined)).toEqual([expect.objectContaining({ id: left.id })])
  })

  it('aborts an interrupted record and says so to every window', async () => {
    const c = await core()
    const left = c.records.create({ jobType: 'linkCheck', deviceIds: { port: '/dev/ttyUSB9' } })
    const events: [string, unknown][] = []
    c.bus.attach((channel, payload) => events.push([channel, payload]))
    const summary = await recordsModule(c).handlers.abortRecord({ id: left.id })
    expect(summary).toMatchObject({ id: left.id, status: 'aborted' })
    expect(events).toContainEqual(['records:changed', { id: left.id }])
    expect(c.records.inProgress()).toEqual([])
  })

  it('refuses a PDF where nothing can print one, and a JSON export names the record', async () => {
    const c = await core()
    const left = c.records.create({ jobType: 'linkCheck', deviceIds: { port: '/dev/ttyUSB9' } })
    const records = recordsModule(c).handlers
    await expect(records.exportRecord({ id: left.id, format: 'pdf', language: 'en' })).rejects.toEqual(new AppError('pdfUnavailable'))
    const json = await records.exportRecord({ id: left.id, format: 'json', language: 'en' })
    expect(json).toMatchObject({ fileName: `fieldbench-linkCheck-${left.id}.json`, mime: 'application/json', base64: false })
    expect(JSON.parse(json.content)).toMatchObject({ format: 'fieldbench.record', app: { version: '0.0.0-test' }, record: { id: left.id } })
  })
})

/**
 * Both Fox ESS clients against a loopback service that answers what a test
 * tells it to: hostile answers end as the usual localized errors, with the
 * recorded copy of the answer cut.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '@shared/contract'
import { AnswerTextLimits } from '@shared/devices/untrusted'
import { FoxCtApi } from './ct-api'
import type { FoxExchange } from './open-api'
import { harness, type Harness } from './test/harness'

const MiB = 1024 * 1024

/** A loopback service that answers each request with the next body, as JSON. */
async function scriptedService(): Promise<{ url: string; answer(body: string): void; close(): Promise<void> }> {
  const queue: string[] = []
  const server: Server = createServer((req, res) => {
    req.resume()
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(queue.shift() ?? '{}'))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    answer: (body) => queue.push(body),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (err: unknown) => (err instanceof AppError ? err.toPayload() : err),
  )

let h: Harness | null = null
let service: Awaited<ReturnType<typeof scriptedService>> | null = null
afterEach(async () => {
  await h?.close()
  await service?.close()
  h = null
  service = null
})

describe('the open API client', () => {
  it('refuses an answer with an over-long field, names the field, and records a cut copy', async () => {
    service = await scriptedService()
    h = await harness({ baseUrl: service.url })
    const exchanges: FoxExchange[] = []
    service.answer(JSON.stringify({ errno: 0, result: { deviceSN: 'x'.repeat(MiB), status: 1 } }))
    expect(await failure(h.api.deviceDetail('D1', { tap: (e) => exchanges.push(e) }))).toEqual({
      code: 'foxessAnswerTooLong',
      params: { endpoint: '/op/v0/device/detail', field: 'deviceSN', max: AnswerTextLimits.serial },
    })
    expect(exchanges[0]!.answer).toHaveLength(AnswerTextLimits.recordedAnswer)
    expect(exchanges[0]!.answer.endsWith('…')).toBe(true)
    service.answer(JSON.stringify({ errno: 0, result: { stationID: 's'.repeat(MiB), devices: [] } }))
    expect(await failure(h.api.plantCreate({ details: { name: 'p', type: 1, countryCode: 'PL', city: 'c', address: 'a', postcode: '1' }, timezone: 'Europe/Warsaw' }))).toMatchObject({
      code: 'foxessAnswerTooLong',
      params: { field: 'stationID' },
    })
  })

  it('refuses deep nesting as an answer it cannot read, and cuts a long error message', async () => {
    service = await scriptedService()
    h = await harness({ baseUrl: service.url })
    service.answer(`{"errno":0,"result":${'['.repeat(MiB)}`)
    expect(await failure(h.api.plantList())).toEqual({ code: 'foxessBadAnswer', params: { endpoint: '/op/v0/plant/list' } })
    service.answer(JSON.stringify({ errno: 49999, msg: 'm'.repeat(MiB), result: null }))
    const error = (await failure(h.api.generation('D1'))) as { code: string; params: { message: string } }
    expect(error.code).toBe('foxessErrno')
    expect(error.params.message.length).toBeLessThanOrEqual(AnswerTextLimits.message)
    // and the client still reads a good answer
    service.answer(JSON.stringify({ errno: 0, result: { today: 1, month: 2, cumulative: 3 } }))
    expect(await h.api.generation('D1')).toEqual({ today: 1, month: 2, cumulative: 3 })
  })
})

describe('the CT detection client', () => {
  const ctClient = (url: string, hh: Harness) => new FoxCtApi({ clock: hh.clock, pacer: hh.pacer, userAgent: 'Fieldbench/test', credentials: async () => ({ baseUrl: url, token: 't' }) })

  it('refuses a body the flow would keep raw when a value or key is over-long, there are too many values, or it nests too deep', async () => {
    service = await scriptedService()
    h = await harness()
    const ct = ctClient(service.url, h)
    service.answer(JSON.stringify({ errorCode: 0, body: { bit1: 0, bit2: 1, meterCheckConfigVOS: [{ phaseFlag: '1'.repeat(MiB) }] } }))
    expect(await failure(ct.result('D1'))).toEqual({
      code: 'foxessAnswerTooLong',
      params: { endpoint: '/device/getCheckResult', field: 'meterCheckConfigVOS.0.phaseFlag', max: AnswerTextLimits.raw },
    })
    service.answer(JSON.stringify({ errorCode: 0, body: Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, 0])) }))
    expect(await failure(ct.status('D1'))).toEqual({ code: 'foxessBadAnswer', params: { endpoint: '/device/getInerterBMSMeterStatus' } })
    service.answer(`{"errorCode":0,"body":${'{"a":'.repeat(MiB / 5)}0${'}'.repeat(MiB / 5)}}`)
    expect(await failure(ct.status('D1'))).toEqual({ code: 'foxessBadAnswer', params: { endpoint: '/device/getInerterBMSMeterStatus' } })
    service.answer(JSON.stringify({ errorCode: 0, body: { deviceStatus: 2, faultArmFlag2: 0, meterStatus: 1, checking: 0 } }))
    expect(await ct.status('D1')).toEqual({ deviceStatus: 2, faultArmFlag2: 0, meterStatus: 1, checking: 0 })
  })

  it("cuts the service's own error message and code", async () => {
    service = await scriptedService()
    h = await harness()
    const ct = ctClient(service.url, h)
    service.answer(JSON.stringify({ errorCode: 'E'.repeat(MiB), info: 'i'.repeat(MiB), body: null }))
    const error = (await failure(ct.result('D1'))) as { code: string; params: { code: string; message: string } }
    expect(error.code).toBe('ctServiceError')
    expect(error.params.code.length).toBeLessThanOrEqual(AnswerTextLimits.numeric)
    expect(error.params.message).toHaveLength(AnswerTextLimits.message)
    expect(error.params.message.endsWith('…')).toBe(true)
  })
})

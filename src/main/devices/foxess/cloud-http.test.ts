/** What the Fox ESS clients take from the shared transport: exchanges for the record without the key, and failures in the cloud's terms. */
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '@shared/contract'
import { failureOf } from '../../core/test-failure'
import { cloudFailure, type FoxExchange } from './cloud-http'
import { harness, type Harness, SN } from './test/harness'

let h: Harness
afterEach(async () => {
  await h?.close()
})

describe('Fox ESS on the shared HTTP transport', () => {
  it('each exchange reaches the tap with path, query, status, errno and timing, never the key', async () => {
    h = await harness()
    const seen: FoxExchange[] = []
    const tap = (x: FoxExchange) => seen.push(x)
    await h.api.deviceDetail(SN.krakow, { tap })
    expect(await failureOf(h.api.settingSet(SN.krakow, 'ExportLimit', 99_999, { tap }))).toMatchObject({ code: 'foxessRequestRejected' })
    expect(seen).toHaveLength(2)
    expect(seen[0]).toMatchObject({ method: 'GET', path: '/op/v0/device/detail', query: { sn: SN.krakow }, body: null, status: 200, errno: 0, error: null })
    expect(JSON.parse(seen[0]!.answer)).toMatchObject({ errno: 0, result: { deviceSN: SN.krakow } })
    expect(seen[1]).toMatchObject({ method: 'POST', path: '/op/v0/device/setting/set', body: { sn: SN.krakow, key: 'ExportLimit', value: '99999' }, errno: 40257, error: 'foxessRequestRejected' })
    expect(JSON.stringify(seen)).not.toContain(h.sim.apiKey)
  })

  it('an answer cut off mid-way is the cloud out of reach, recorded with what happened', async () => {
    h = await harness()
    const seen: FoxExchange[] = []
    h.sim.inject('/op/v0/device/detail', { kind: 'cutOff' })
    expect(await failureOf(h.api.deviceDetail(SN.krakow, { tap: (x) => seen.push(x) }))).toMatchObject({ code: 'foxessUnreachable' })
    expect(seen[0]).toMatchObject({ status: null, error: 'httpCutOff' })
    expect(h.sim.calls.filter((c) => c.path === '/op/v0/device/detail')).toHaveLength(1)
  })

  it('maps every transport failure to the cloud’s wording', () => {
    const host = 'www.foxesscloud.com'
    const cases: [AppError, string, Record<string, unknown>][] = [
      [new AppError('httpUnreachable', { host }), 'foxessUnreachable', { host }],
      [new AppError('httpCutOff', { host }), 'foxessUnreachable', { host }],
      [new AppError('httpTimeout', { host, seconds: 30 }), 'foxessTimeout', { seconds: 30 }],
      [new AppError('httpStatus', { host, status: 502 }), 'foxessServiceError', { status: 502 }],
      [new AppError('httpNotJson', { host }), 'foxessBadAnswer', { endpoint: '/op/v0/plant/list' }],
      [new AppError('httpTooLarge', { host, kilobytes: 8192 }), 'foxessBadAnswer', { endpoint: '/op/v0/plant/list' }],
    ]
    for (const [err, code, params] of cases) expect(cloudFailure(err, '/op/v0/plant/list')).toMatchObject({ code, params })
    const own = new AppError('foxessKeyRejected', { errno: 41807 })
    expect(cloudFailure(own, '/x')).toBe(own)
  })
})

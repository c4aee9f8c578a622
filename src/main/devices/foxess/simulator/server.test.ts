/**
 * The simulator checks requests the way the service does: raw HTTP requests
 * with missing, stale or wrongly signed headers get the right errno.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { VirtualClock } from '../../../core/clock'
import { sign } from '../signature'
import { DEMO_API_KEY, DEMO_CT_TOKEN, FoxCloudSimulator } from './server'

let clock: VirtualClock
let sim: FoxCloudSimulator
beforeEach(async () => {
  clock = new VirtualClock(Date.UTC(2026, 10, 21, 10, 0, 0))
  sim = await new FoxCloudSimulator({ clock }).start()
})
afterEach(() => sim.dispose())

const PATH = '/op/v0/plant/list'

async function post(headers: Record<string, string>, body: unknown = { currentPage: 1, pageSize: 10 }, path = PATH) {
  const res = await fetch(`${sim.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
  return { status: res.status, json: (await res.json()) as { errno: number; msg: string; result: unknown } }
}

function signed(overrides: Partial<Record<'token' | 'timestamp' | 'signature' | 'lang', string | null>> = {}, path = PATH) {
  const timestamp = String(clock.now())
  const headers: Record<string, string | null> = { token: DEMO_API_KEY, timestamp, signature: sign(path, DEMO_API_KEY, timestamp), lang: 'en', ...overrides }
  return Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== null)) as Record<string, string>
}

describe('simulated open API: authentication as the service does it', () => {
  it('accepts a request signed as the Python sample signs it', async () => {
    const { status, json } = await post(signed())
    expect(status).toBe(200)
    expect(json.errno).toBe(0)
    expect((json.result as { total: number }).total).toBe(4)
  })

  for (const header of ['token', 'timestamp', 'signature', 'lang'] as const) {
    it(`40256 without the ${header} header`, async () => {
      const { status, json } = await post(signed({ [header]: null }))
      expect(status).toBe(200)
      expect(json.errno).toBe(40256)
    })
  }

  it('40256 for a signature over CR LF (the prose reading) instead of the literal \\r\\n', async () => {
    const { createHash } = await import('node:crypto')
    const timestamp = String(clock.now())
    const crlf = createHash('md5').update(`${PATH}\r\n${DEMO_API_KEY}\r\n${timestamp}`).digest('hex')
    expect((await post(signed({ timestamp, signature: crlf }))).json.errno).toBe(40256)
  })

  it('40256 for a signature over the full URL, or another path', async () => {
    const timestamp = String(clock.now())
    expect((await post(signed({ timestamp, signature: sign(`${sim.url}${PATH}`, DEMO_API_KEY, timestamp) }))).json.errno).toBe(40256)
    expect((await post(signed({ timestamp, signature: sign('/op/v0/device/list', DEMO_API_KEY, timestamp) }))).json.errno).toBe(40256)
  })

  it('40256 for a timestamp too old or too far ahead, or not a number', async () => {
    const old = String(clock.now() - 11 * 60_000)
    expect((await post(signed({ timestamp: old, signature: sign(PATH, DEMO_API_KEY, old) }))).json.errno).toBe(40256)
    const ahead = String(clock.now() + 11 * 60_000)
    expect((await post(signed({ timestamp: ahead, signature: sign(PATH, DEMO_API_KEY, ahead) }))).json.errno).toBe(40256)
    expect((await post(signed({ timestamp: 'yesterday' }))).json.errno).toBe(40256)
    const recent = String(clock.now() - 60_000)
    expect((await post(signed({ timestamp: recent, signature: sign(PATH, DEMO_API_KEY, recent) }))).json.errno).toBe(0)
  })

  it('41807 for a key the service does not know (correctly signed with it)', async () => {
    const timestamp = String(clock.now())
    expect((await post(signed({ token: 'someone-else', timestamp, signature: sign(PATH, 'someone-else', timestamp) }))).json.errno).toBe(41807)
  })

  it('40257 for a body that is not JSON or breaks the documented limits', async () => {
    const res = await fetch(`${sim.url}${PATH}`, { method: 'POST', headers: { 'content-type': 'application/json', ...signed() }, body: '{not json' })
    expect(((await res.json()) as { errno: number }).errno).toBe(40257)
    clock.advance(1000)
    expect((await post(signed(), { currentPage: 1, pageSize: 5 })).json.errno).toBe(40257)
    clock.advance(1000)
    expect((await post(signed(), { currentPage: 0, pageSize: 10 })).json.errno).toBe(40257)
  })

  it('40400 when the same path comes again within a second', async () => {
    expect((await post(signed())).json.errno).toBe(0)
    clock.advance(400)
    expect((await post(signed())).json.errno).toBe(40400)
    clock.advance(1000)
    expect((await post(signed())).json.errno).toBe(0)
  })

  it('an unknown path is an HTTP 404 page, not JSON', async () => {
    const res = await fetch(`${sim.url}/op/v0/nothing/here`, { method: 'POST', headers: signed({}, '/op/v0/nothing/here') })
    expect(res.status).toBe(404)
    expect(await res.text()).toContain('404')
  })
})

describe('simulated CT detection API', () => {
  const ct = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${sim.url}${path}`, init)
    return { status: res.status, json: (await res.json()) as { errorCode: number; info: string | null; body: unknown; successful: boolean } }
  }

  it('answers the three actions with the Token header, in the document\'s envelope', async () => {
    const headers = { Token: DEMO_CT_TOKEN }
    const status = await ct('/device/getInerterBMSMeterStatus?sn=60H3103A12345601', { headers })
    expect(status.json).toEqual({ errorCode: 0, info: null, body: { meterStatus: 1, checking: 0, meterConnected: 1, faultArmFlag2: 0, deviceStatus: 2 }, successful: true })
    const notChecked = await ct('/device/getCheckResult?sn=60H3103A12345601', { headers })
    expect(notChecked.json.body).toEqual({ meterCheckConfigVOS: null, bit0: 1, bit1: 0, bit2: 0, bit3: null, meterStatus: null })
    const started = await ct('/device/startCheck', { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ deviceSn: '60H3103A12345601' }) })
    expect(started.json.body).toBe(true)
    expect((await ct('/device/getCheckResult?sn=60H3103A12345601', { headers })).json.body).toMatchObject({ bit1: 1, bit2: 0 })
    clock.advance(12_000)
    expect((await ct('/device/getCheckResult?sn=60H3103A12345601', { headers })).json.body).toEqual({ meterCheckConfigVOS: null, bit0: 1, bit1: 0, bit2: 1, bit3: 0, meterStatus: 1549 })
  })

  it('refuses a missing or wrong token with 401', async () => {
    expect((await ct('/device/getCheckResult?sn=60H3103A12345601')).status).toBe(401)
    const wrong = await ct('/device/getCheckResult?sn=60H3103A12345601', { headers: { Token: 'nope' } })
    expect(wrong.status).toBe(401)
    expect(wrong.json.successful).toBe(false)
  })
})

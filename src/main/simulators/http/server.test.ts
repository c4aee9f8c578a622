/** The simulator base on its own, through the shared HTTP client over real loopback: routes, each fault, the body limit, unplug and plug. */
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '@shared/contract'
import { failureOf } from '../../core/test-failure'
import { VirtualClock } from '../../core/clock'
import { HostQueue, HttpClient } from '../../transport/http'
import { HttpSimServer, type HttpSimOptions } from './server'

const sims: HttpSimServer[] = []
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.dispose()))
})

async function device(options: HttpSimOptions = {}) {
  const clock = new VirtualClock(Date.UTC(2026, 0, 1), true)
  const sim = new HttpSimServer({ clock, ...options })
  let state = 1
  sim.route('GET', '/status', () => ({ body: { state } }))
  sim.route('POST', '/ctrl', (req) => {
    state = (req.json() as { state: number }).state
    return { body: { ok: true }, tag: 0 }
  })
  await sim.start()
  sims.push(sim)
  const http = new HttpClient({ clock, queue: new HostQueue(), timeoutMs: 2000, retry: { retries: 0 } })
  return { sim, clock, http, state: () => state }
}

describe('HttpSimServer', () => {
  it('serves its routes (one per method on a path) and logs every call with status and the device code', async () => {
    const { sim, http } = await device()
    expect(await http.json({ method: 'GET', url: `${sim.url}/status` })).toEqual({ state: 1 })
    expect(await http.json({ method: 'POST', url: `${sim.url}/ctrl`, body: { state: 3 } })).toEqual({ ok: true })
    expect(await http.json({ method: 'GET', url: `${sim.url}/status` })).toEqual({ state: 3 })
    expect((await http.request({ method: 'GET', url: `${sim.url}/nothing` })).status).toBe(404)
    expect((await http.request({ method: 'GET', url: `${sim.url}/ctrl` })).status).toBe(405)
    sim.route('GET', '/ctrl', () => ({ body: { mode: 'read' } }))
    expect(await http.json({ method: 'GET', url: `${sim.url}/ctrl` })).toEqual({ mode: 'read' })
    expect(await http.json({ method: 'POST', url: `${sim.url}/ctrl`, body: { state: 3 } })).toEqual({ ok: true })
    expect(sim.calls.map((c) => `${c.method} ${c.path} ${c.status} ${c.tag}`)).toEqual([
      'GET /status 200 null',
      'POST /ctrl 200 0',
      'GET /status 200 null',
      'GET /nothing 404 null',
      'GET /ctrl 405 null',
      'GET /ctrl 200 null',
      'POST /ctrl 200 0',
    ])
  })

  it('a guard answers before faults and routes; a thrown error becomes the device’s error answer', async () => {
    const { sim, http } = await device({
      guard: (req) => (req.headers.authorization === 'Basic ok' ? null : { status: 401, body: { error: 'auth' }, tag: 401 }),
      errorReply: (err) => (err instanceof RangeError ? { status: 400, body: { error: err.message } } : null),
    })
    sim.route('GET', '/boom', () => {
      throw new RangeError('out of range')
    })
    sim.inject('/status', { kind: 'status', status: 500 })
    expect((await http.request({ method: 'GET', url: `${sim.url}/status` })).status).toBe(401)
    const headers = { authorization: 'Basic ok' }
    expect((await http.request({ method: 'GET', url: `${sim.url}/status`, headers })).status).toBe(500)
    expect(await http.request({ method: 'GET', url: `${sim.url}/boom`, headers })).toMatchObject({ status: 400, text: '{"error":"out of range"}' })
  })

  it('faults: slow on the clock, HTTP 500, broken JSON, truncated, reset, hang — each for its number of calls', async () => {
    const { sim, http, clock } = await device()
    const url = `${sim.url}/status`
    const get = () => http.json({ method: 'GET', url })
    const t0 = clock.now()
    sim.inject('/status', { kind: 'slow', ms: 7000 })
    expect(await get()).toEqual({ state: 1 })
    expect(clock.now() - t0).toBeGreaterThanOrEqual(7000)
    sim.inject('/status', { kind: 'status', status: 500 }, 2)
    expect(await failureOf(get())).toMatchObject({ code: 'httpStatus', params: { status: 500 } })
    expect(await failureOf(get())).toMatchObject({ code: 'httpStatus', params: { status: 500 } })
    expect(await get()).toEqual({ state: 1 })
    sim.inject('/status', { kind: 'brokenJson' })
    expect(await failureOf(get())).toMatchObject({ code: 'httpNotJson' })
    sim.inject('/status', { kind: 'truncated' })
    expect(await failureOf(get())).toMatchObject({ code: 'httpCutOff' })
    sim.inject('/status', { kind: 'reset' })
    expect(await failureOf(get())).toMatchObject({ code: 'httpCutOff' })
    sim.inject('/status', { kind: 'hang' })
    expect(await failureOf(http.json({ method: 'GET', url, timeoutMs: 100 }))).toMatchObject({ code: 'httpTimeout' })
    expect(await get()).toEqual({ state: 1 })
    expect(sim.calls.map((c) => c.fault)).toEqual(['slow', 'status', 'status', null, 'brokenJson', 'truncated', 'reset', 'hang', null])
  })

  it('refuses a request body over the limit without handing it to the route', async () => {
    const { sim, http, state } = await device({ bodyLimitBytes: 1024 })
    const answer = await http.request({ method: 'POST', url: `${sim.url}/ctrl`, body: { state: 9, pad: 'x'.repeat(4096) } })
    expect(answer.status).toBe(413)
    expect(state()).toBe(1)
    expect(sim.calls.at(-1)).toMatchObject({ path: '/ctrl', status: 413 })
  })

  it('unplugged, nothing answers (a hanging call is cut off); plugged back, it answers on the same address', async () => {
    const { sim, http } = await device()
    const url = `${sim.url}/status`
    sim.inject('/status', { kind: 'hang' })
    const arrived = sim.nextCall('/status')
    const hanging = failureOf(http.json({ method: 'GET', url }))
    expect(await arrived).toMatchObject({ fault: 'hang' })
    await sim.unplug()
    expect(sim.plugged).toBe(false)
    expect(await hanging).toMatchObject({ code: 'httpCutOff' })
    expect(await failureOf(http.json({ method: 'GET', url }))).toEqual({ code: 'httpUnreachable', params: { host: new URL(url).host } })
    await sim.plug()
    expect(sim.url).toBe(new URL(url).origin)
    expect(await http.json({ method: 'GET', url })).toEqual({ state: 1 })
  })

  it('a restart: refused while it is down, back on the clock', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 0, 1))
    const sim = new HttpSimServer({ clock }).route('GET', '/status', () => ({ body: { up: true } }))
    await sim.start()
    sims.push(sim)
    const http = new HttpClient({ clock, queue: new HostQueue(), retry: { retries: 0 } })
    const url = `${sim.url}/status`
    const restarted = sim.restart(30_000)
    while (sim.plugged || clock.pending === 0) await new Promise((r) => setImmediate(r))
    expect(await failureOf(http.json({ method: 'GET', url }))).toMatchObject({ code: 'httpUnreachable' })
    clock.advance(30_000)
    await restarted
    expect(await http.json({ method: 'GET', url })).toEqual({ up: true })
  })

  it('several devices on 127.0.0.2, 127.0.0.3… share a port; anything off loopback is refused', async () => {
    const a = await device({ host: '127.0.0.2' })
    const port = Number(new URL(a.sim.url).port)
    const b = await device({ host: '127.0.0.3', port })
    await b.http.json({ method: 'POST', url: `${b.sim.url}/ctrl`, body: { state: 5 } })
    expect(await a.http.json({ method: 'GET', url: `http://127.0.0.2:${port}/status` })).toEqual({ state: 1 })
    expect(await a.http.json({ method: 'GET', url: `http://127.0.0.3:${port}/status` })).toEqual({ state: 5 })
    for (const host of ['0.0.0.0', '192.168.1.20', '127.0.0.256', 'localhost']) {
      expect(() => new HttpSimServer({ host })).toThrow(AppError)
    }
  })
})

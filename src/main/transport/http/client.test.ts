/** The client over real loopback servers: retries only for reads, backoff on the virtual clock, one request at a time per host, taps. */
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '@shared/contract'
import { failureOf } from '../../core/test-failure'
import { VirtualClock } from '../../core/clock'
import { HttpClient } from './client'
import type { RecordedExchange } from './exchange'
import { HostQueue } from './host-queue'
import { serve, type TestServer } from './test-server'

const servers: TestServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})
const start = async (...args: Parameters<typeof serve>) => {
  const s = await serve(...args)
  servers.push(s)
  return s
}
const client = (clock = new VirtualClock(undefined, true), extra: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}) =>
  new HttpClient({ clock, queue: new HostQueue(), ...extra })

describe('HttpClient: retries', () => {
  it('retries a read after 503 with doubling backoff on the clock, then succeeds', async () => {
    let n = 0
    const srv = await start((_req, res) => (++n < 3 ? res.writeHead(503).end() : res.end('{"ok":true}')))
    const clock = new VirtualClock(undefined, true)
    expect(await client(clock, { retry: { backoffMs: 400 } }).json({ method: 'GET', url: srv.url })).toEqual({ ok: true })
    expect(n).toBe(3)
    expect(clock.sleeps).toEqual([400, 800])
  })

  it('never retries a write, whatever went wrong', async () => {
    let n = 0
    const srv = await start((req, res) => {
      n++
      if (req.url === '/cut') return req.socket.destroy()
      res.writeHead(503).end()
    })
    const c = client()
    expect(await failureOf(c.json({ method: 'POST', url: srv.url, body: { start: 1 } }))).toMatchObject({ code: 'httpStatus', params: { status: 503 } })
    expect(await failureOf(c.json({ method: 'POST', url: `${srv.url}/cut`, body: { start: 1 } }))).toMatchObject({ code: 'httpCutOff' })
    expect(n).toBe(2)
  })

  it('the idempotent flag overrides the method either way; a non-transient failure is not retried', async () => {
    let n = 0
    const srv = await start((req, res) => {
      n++
      res.writeHead(req.url === '/missing' ? 404 : 502).end()
    })
    const c = client(undefined, { retry: { retries: 1 } })
    await failureOf(c.json({ method: 'POST', url: srv.url, idempotent: true }))
    expect(n).toBe(2)
    await failureOf(c.json({ method: 'GET', url: srv.url, idempotent: false }))
    expect(n).toBe(3)
    expect(await failureOf(c.json({ method: 'GET', url: `${srv.url}/missing` }))).toMatchObject({ code: 'httpStatus', params: { status: 404 } })
    expect(n).toBe(4)
  })

  it('JSON is read whatever the Content-Type; what is not JSON, or nested absurdly deep, fails as httpNotJson', async () => {
    const bodies: Record<string, string> = { '/json': '\ufeff{"a":1}', '/page': '<html>setup page</html>', '/deep': `${'['.repeat(40)}${']'.repeat(40)}` }
    const srv = await start((req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(bodies[req.url ?? '']))
    const c = client()
    expect(await c.json({ method: 'GET', url: `${srv.url}/json` })).toEqual({ a: 1 })
    expect(await failureOf(c.json({ method: 'GET', url: `${srv.url}/page` }))).toEqual({ code: 'httpNotJson', params: { host: new URL(srv.url).host } })
    expect(await failureOf(c.json({ method: 'GET', url: `${srv.url}/deep` }))).toMatchObject({ code: 'httpNotJson' })
  })
})

describe('HttpClient: one request at a time per host', () => {
  /** a server that reports how many requests it held at once */
  async function counting(holdUntil: number) {
    let inFlight = 0
    let most = 0
    const held: (() => void)[] = []
    const srv = await start((_req, res) => {
      most = Math.max(most, ++inFlight)
      held.push(() => {
        inFlight--
        res.end('{}')
      })
      if (held.length >= holdUntil) held.splice(0).forEach((f) => f())
    })
    return { srv, most: () => most }
  }

  it('three calls to one host reach it one after another', async () => {
    // each request is held for some event-loop turns: time enough for requests sent together to overlap
    let inFlight = 0
    let most = 0
    const srv = await start((_req, res) => {
      most = Math.max(most, ++inFlight)
      const later = (turns: number): void => void setImmediate(() => (turns ? later(turns - 1) : (inFlight--, res.end('{}'))))
      later(50)
    })
    const c = client()
    await Promise.all([1, 2, 3].map(() => c.json({ method: 'GET', url: srv.url })))
    expect(most).toBe(1)
    await Promise.all([1, 2, 3].map(() => client(undefined, { oneAtATimePerHost: false }).json({ method: 'GET', url: srv.url })))
    expect(most).toBeGreaterThan(1)
  })

  it('clients sharing a queue wait for each other; without serialization they overlap', async () => {
    const one = await counting(1)
    const queue = new HostQueue()
    const a = client(undefined, { queue })
    const b = client(undefined, { queue })
    await Promise.all([a.json({ method: 'GET', url: one.srv.url }), b.json({ method: 'POST', url: one.srv.url })])
    expect(one.most()).toBe(1)
    // this server answers only once it holds three requests at once
    const three = await counting(3)
    const free = client(undefined, { oneAtATimePerHost: false })
    await Promise.all([1, 2, 3].map(() => free.json({ method: 'GET', url: three.srv.url })))
    expect(three.most()).toBe(3)
  })

  it('different hosts do not wait for each other', async () => {
    let bArrived!: () => void
    const bSeen = new Promise<void>((r) => (bArrived = r))
    const a = await start((_req, res) => void bSeen.then(() => res.end('"a"')), '127.0.0.1')
    const b = await start((_req, res) => {
      bArrived()
      res.end('"b"')
    }, '127.0.0.2')
    const c = client()
    expect(await Promise.all([c.json({ method: 'GET', url: a.url }), c.json({ method: 'GET', url: b.url })])).toEqual(['a', 'b'])
  })

  it('a caller that gives up while waiting leaves the queue; the next one still gets its turn', async () => {
    let release!: () => void
    let first!: () => void
    const firstArrived = new Promise<void>((r) => (first = r))
    const srv = await start((req, res) => {
      if (req.url === '/slow') {
        release = () => res.end('"slow"')
        first()
      } else res.end('"quick"')
    })
    const c = client()
    const slow = c.json({ method: 'GET', url: `${srv.url}/slow` })
    await firstArrived
    const ctl = new AbortController()
    const waiting = failureOf(c.json({ method: 'GET', url: `${srv.url}/quick`, signal: ctl.signal }))
    const after = c.json({ method: 'GET', url: `${srv.url}/quick` })
    ctl.abort(new AppError('jobNotRunning', { reason: 'cancelled' }))
    expect(await waiting).toMatchObject({ code: 'jobNotRunning' })
    release()
    expect(await slow).toBe('slow')
    expect(await after).toBe('quick')
  })
})

describe('HttpClient: connections', () => {
  it('a fresh connection per request unless keep-alive is asked for', async () => {
    let connections = 0
    const asked: (string | undefined)[] = []
    const srv = await start((req, res) => {
      asked.push(req.headers.connection)
      res.end('{}')
    })
    srv.server.on('connection', () => connections++)
    const c = client()
    for (let i = 0; i < 3; i++) await c.json({ method: 'GET', url: srv.url })
    expect(connections).toBe(3)
    await client(undefined, { keepAlive: true }).json({ method: 'GET', url: srv.url })
    expect(asked).toEqual(['close', 'close', 'close', 'keep-alive'])
  })
})

describe('HttpClient: the recorded exchange', () => {
  it('has method, URL, status, timing and bodies, with secrets masked', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 0, 1), true)
    const srv = await start((_req, res) => {
      clock.advance(250)
      res.end(JSON.stringify({ state: 2, apiKey: 'k', echo: 'the key is s3cret-value' }))
    })
    const seen: RecordedExchange[] = []
    const c = client(clock, { secrets: () => ['s3cret-value'], tap: (x) => seen.push(x) })
    const callTap: RecordedExchange[] = []
    await c.exchange({ method: 'POST', url: `${srv.url}/cfg?token=abc&sn=7`, body: { password: 'hunter22', limit: 16 }, tap: (x) => callTap.push(x) }, (answer, record) => {
      record.deviceCode = 0
      return answer.status
    })
    expect(callTap).toEqual(seen)
    const x = seen[0]!
    expect(x).toMatchObject({ method: 'POST', status: 200, startedAt: Date.UTC(2026, 0, 1), durationMs: 250, error: null, attempt: 0, deviceCode: 0 })
    expect(x.url).toBe(`${srv.url}/cfg?token=%5Bredacted%5D&sn=7`)
    expect(JSON.parse(x.request!)).toEqual({ password: '[redacted]', limit: 16 })
    expect(JSON.parse(x.response)).toEqual({ state: 2, apiKey: '[redacted]', echo: 'the key is [redacted]' })
  })

  it('records every attempt of a retried read, the failed ones with their error', async () => {
    let n = 0
    const srv = await start((_req, res) => (++n === 1 ? res.writeHead(502).end('bad gateway') : res.end('[]')))
    const seen: RecordedExchange[] = []
    await client(undefined, { tap: (x) => seen.push(x) }).json({ method: 'GET', url: srv.url })
    expect(seen.map((x) => [x.attempt, x.status, x.error, x.response])).toEqual([
      [0, 502, 'httpStatus', 'bad gateway'],
      [1, 200, null, '[]'],
    ])
  })
})

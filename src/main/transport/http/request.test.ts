/** One exchange against a real loopback server: timeout, cancel, the streaming cap and every failure in device-neutral terms. */
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '@shared/contract'
import { failureOf } from '../../core/test-failure'
import { httpRequest, type HttpRequest } from './request'
import { deadUrl, serve, type TestServer } from './test-server'

let srv: TestServer | null = null
afterEach(async () => {
  await srv?.close()
  srv = null
})

const base = (url: string, extra: Partial<HttpRequest> = {}): HttpRequest => ({ method: 'GET', url, timeoutMs: 5000, maxBodyBytes: 64 * 1024, ...extra })
describe('httpRequest', () => {
  it('reads the answer whatever its status and content type', async () => {
    srv = await serve((req, res) => res.writeHead(418, { 'content-type': 'text/html' }).end(`{"method":"${req.method}"}`))
    const answer = await httpRequest(base(`${srv.url}/x`, { method: 'POST', body: '{}' }))
    expect(answer).toMatchObject({ status: 418, text: '{"method":"POST"}', bytes: 17 })
  })

  it('times out a device that never answers (httpTimeout, with the host and seconds)', async () => {
    srv = await serve(() => undefined)
    const host = new URL(srv.url).host
    expect(await failureOf(httpRequest(base(srv.url, { timeoutMs: 150 })))).toEqual({ code: 'httpTimeout', params: { host, seconds: 0 } })
  })

  it("the caller's cancel wins, with the caller's reason", async () => {
    let arrived!: () => void
    const arrival = new Promise<void>((r) => (arrived = r))
    srv = await serve(() => arrived())
    const ctl = new AbortController()
    const pending = failureOf(httpRequest(base(srv.url, { signal: ctl.signal })))
    await arrival
    ctl.abort(new AppError('jobNotRunning', { reason: 'suspended' }))
    expect(await pending).toEqual({ code: 'jobNotRunning', params: { reason: 'suspended' } })
  })

  it('aborts an endless answer as soon as it passes the cap, while it streams', async () => {
    let written = 0
    let closed!: () => void
    const serverSawClose = new Promise<void>((r) => (closed = r))
    srv = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      const chunk = Buffer.alloc(16 * 1024, 0x20)
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) written += chunk.length
        if (!res.destroyed) written += chunk.length
      }
      res.on('drain', pump)
      res.on('close', () => closed())
      pump()
    })
    expect(await failureOf(httpRequest(base(srv.url, { maxBodyBytes: 64 * 1024 })))).toMatchObject({ code: 'httpTooLarge', params: { kilobytes: 64 } })
    await serverSawClose
    // the server was stopped long before it could send what reading the whole body would have taken
    expect(written).toBeLessThan(64 * 1024 * 1024)
  })

  it('refuses an answer whose declared length is over the cap before reading it', async () => {
    srv = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': String(10 * 1024 * 1024) })
      res.write('x')
    })
    expect(await failureOf(httpRequest(base(srv.url)))).toMatchObject({ code: 'httpTooLarge' })
  })

  it('nobody listening is httpUnreachable; so is an address that is not http', async () => {
    const url = await deadUrl()
    expect(await failureOf(httpRequest(base(url)))).toEqual({ code: 'httpUnreachable', params: { host: new URL(url).host } })
    expect(await failureOf(httpRequest(base('ftp://127.0.0.1/')))).toMatchObject({ code: 'httpUnreachable' })
    expect(await failureOf(httpRequest(base('not a url')))).toMatchObject({ code: 'httpUnreachable' })
  })

  it('an answer cut off mid-body, or a connection dropped without one, is httpCutOff', async () => {
    srv = await serve((req, res) => {
      if (req.url === '/drop') return req.socket.destroy()
      res.writeHead(200, { 'content-length': '100' })
      res.write('{"partial":')
      setImmediate(() => res.socket?.destroy())
    })
    const host = new URL(srv.url).host
    expect(await failureOf(httpRequest(base(`${srv.url}/half`)))).toEqual({ code: 'httpCutOff', params: { host } })
    expect(await failureOf(httpRequest(base(`${srv.url}/drop`)))).toEqual({ code: 'httpCutOff', params: { host } })
  })
})

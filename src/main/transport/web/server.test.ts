import { request } from 'node:http'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { type Core } from '../../core/core'
import { testCore } from '../../core/test-core'
import { isAllowedHostHeader, isLoopbackHost } from './loopback'
import { startWebServer, type WebServer } from './server'

let core: Core
let server: WebServer
let cleanup: () => Promise<void>

beforeEach(async () => {
  const t = await testCore()
  core = t.core
  cleanup = t.cleanup
  server = await startWebServer(core, { rendererDir: t.rendererDir, token: 'test-token-0123456789abcdef' })
})
afterEach(async () => {
  await server.close()
  await cleanup()
})

function get(path: string, host = `127.0.0.1:${server.port}`): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers: { host } }, (res) => {
      let body = ''
      res.on('data', (d) => (body += d))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

/** A bridge client: connects, authenticates with `token`, and calls methods. */
function connect(options: { token?: string; origin?: string } = {}) {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/bridge`, { origin: options.origin ?? `http://127.0.0.1:${server.port}` })
  const messages: Record<string, unknown>[] = []
  const waiters: { match: (m: Record<string, unknown>) => boolean; resolve: (m: Record<string, unknown>) => void }[] = []
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString()) as Record<string, unknown>
    messages.push(message)
    for (const w of [...waiters]) {
      if (w.match(message)) {
        waiters.splice(waiters.indexOf(w), 1)
        w.resolve(message)
      }
    }
  })
  const next = (match: (m: Record<string, unknown>) => boolean) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const found = messages.find(match)
      if (found) resolve(found)
      else waiters.push({ match, resolve })
    })
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => {
      ws.send(JSON.stringify({ t: 'hello', token: options.token ?? server.token }))
      resolve()
    })
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
    ws.once('error', reject)
  })
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)))
  let id = 0
  const call = async (method: string, payload?: unknown) => {
    const callId = ++id
    ws.send(JSON.stringify({ t: 'call', id: callId, method, payload }))
    return (await next((m) => m.t === 'result' && m.id === callId)).result as { ok: boolean; value?: unknown; error?: unknown }
  }
  return { ws, opened, closed, next, call }
}

describe('browser mode server', () => {
  it('serves the renderer with a strict CSP and anti-framing headers', async () => {
    const res = await get('/')
    expect(res.status).toBe(200)
    expect(res.body).toContain('<title>Fieldbench</title>')
    expect(res.headers['content-security-policy']).toContain("script-src 'self'")
    expect(res.headers['x-frame-options']).toBe('DENY')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect((await get('/assets/app.js')).status).toBe(200)
  })

  it('refuses requests for another host name (DNS rebinding) and paths outside the renderer', async () => {
    expect((await get('/', `evil.example:${server.port}`)).status).toBe(421)
    expect((await get('/', `127.0.0.1:${server.port + 1}`)).status).toBe(421)
    expect((await get('/..%2F..%2F..%2Fetc%2Fpasswd.txt')).status).toBe(404)
  })

  it('carries the contract over the WebSocket once the launch token is given', async () => {
    const client = connect()
    await client.opened
    await client.next((m) => m.t === 'ready')
    const info = await client.call('getAppInfo')
    expect(info).toMatchObject({ ok: true, value: { name: 'Fieldbench', transport: 'web', systemLanguages: ['pl-PL'] } })
    // payloads are parsed with the operation's schema, unknown methods refused
    expect(await client.call('getRecord', { id: 'one' })).toMatchObject({ ok: false, error: { code: 'invalidInput' } })
    expect(await client.call('__proto__')).toMatchObject({ ok: false, error: { code: 'invalidInput', params: { field: 'method' } } })
    // events flow to authenticated clients
    const changed = client.next((m) => m.t === 'event' && m.channel === 'settings:changed')
    expect(await client.call('updateSettings', { operatorName: 'Zofia' })).toMatchObject({ ok: true })
    expect(((await changed).payload as { operatorName: string }).operatorName).toBe('Zofia')
    client.ws.close()
  })

  it('closes a connection with a wrong token before it can call anything', async () => {
    const client = connect({ token: 'wrong-token-0123456789abcdef' })
    await client.opened
    expect(await client.closed).toBe(4401)
  })

  it('refuses a WebSocket from another origin', async () => {
    const client = connect({ origin: 'https://evil.example' })
    await expect(client.opened).rejects.toThrow(/403/)
  })

  it('binds loopback only unless told otherwise', async () => {
    await expect(startWebServer(core, { rendererDir: '/nonexistent', host: '0.0.0.0' })).rejects.toThrow(/loopback only/)
    await expect(startWebServer(core, { rendererDir: '/nonexistent', host: '192.168.1.10' })).rejects.toThrow(/--allow-remote/)
    expect(['127.0.0.1', '127.8.9.10', '::1', '[::1]', 'localhost'].map(isLoopbackHost)).toEqual([true, true, true, true, true])
    expect(['0.0.0.0', '10.0.0.1', '::', 'example.com'].map(isLoopbackHost)).toEqual([false, false, false, false])
    expect(isAllowedHostHeader('localhost:5180', 5180, false)).toBe(true)
    expect(isAllowedHostHeader('fieldbench.example:5180', 5180, false)).toBe(false)
  })
})

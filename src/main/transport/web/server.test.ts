import { mkdirSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { type Core } from '../../core/core'
import { testCore } from '../../core/test-core'
import { isAllowedHostHeader, isLoopbackHost } from './loopback'
import { MAX_WAITING_FOR_TOKEN, startWebServer, type WebServer } from './server'
import { bridgeClient } from './test-clients'

let core: Core
let dataDir: string
let server: WebServer
let cleanup: () => Promise<void>

beforeEach(async () => {
  const t = await testCore()
  core = t.core
  dataDir = t.dataDir
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

const connect = (options: { token?: string; origin?: string } = {}) => bridgeClient(server.port, options.token ?? server.token, options)

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

  it('serves nothing from a sibling folder whose name starts with the renderer folder’s', async () => {
    // the renderer lives in <data>/renderer; <data>/renderer-evil shares its name as a prefix
    mkdirSync(join(dataDir, 'renderer-evil'))
    writeFileSync(join(dataDir, 'renderer-evil', 'secret.js'), 'export const secret = 1')
    expect((await get('/..%2Frenderer-evil%2Fsecret.js')).status).toBe(404)
    expect((await get('/%2e%2e%2Frenderer-evil%2Fsecret.js')).status).toBe(404)
    expect((await get('/assets/..%2F..%2Frenderer-evil%2Fsecret.js')).status).toBe(404)
    expect((await get('/%2e%2e/%2e%2e/renderer-evil/secret.js')).status).toBe(404)
    expect((await get('/../renderer-evil/secret.js')).status).toBe(404)
    expect((await get('/assets/app.js')).status).toBe(200)
  })

  it('answers a broken percent-escape with 400, and stays up', async () => {
    for (const path of ['/%E0%A4%A', '/%', '/assets/%zz.js', '/%C0%AF.js']) {
      expect((await get(path)).status, path).toBe(400)
    }
    expect((await get('/')).status).toBe(200)
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

  it('refuses connections past MAX_WAITING_FOR_TOKEN that have not given the token, and takes new ones once they go', async () => {
    const origin = `http://127.0.0.1:${server.port}`
    const silent = Array.from({ length: MAX_WAITING_FOR_TOKEN }, () => new WebSocket(`ws://127.0.0.1:${server.port}/bridge`, { origin }))
    await Promise.all(silent.map((ws) => new Promise((resolve) => ws.once('open', resolve))))
    await expect(connect().opened).rejects.toThrow(/503/)
    const gone = silent.pop()!
    const closed = new Promise((resolve) => gone.once('close', resolve))
    gone.terminate()
    await closed
    // the server sees the close on its side too; a well-behaved client gets in from then on
    await expect.poll(async () => {
      const client = connect()
      try {
        await client.opened
        await client.next((m) => m.t === 'ready')
        client.ws.close()
        return 'in'
      } catch (err) {
        return String(err)
      }
    }).toBe('in')
    for (const ws of silent) ws.terminate()
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

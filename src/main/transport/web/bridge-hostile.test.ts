import { readFileSync } from 'node:fs'
import { connect as connectTcp } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Core } from '../../core/core'
import { testCore } from '../../core/test-core'
import { startWebServer, type WebServer } from './server'
import { bridgeClient, buildFrame, rawBridgeSocket, textFrame } from './test-clients'

const TOKEN = 'hostile-test-token-0123456789'
/** a marker inside every hostile payload: it must never reach the log */
const MARKER = 'PAYLOAD-MARKER'

let core: Core
let server: WebServer
let cleanup: () => Promise<void>
let bystander: ReturnType<typeof bridgeClient>
/** in the app an exception thrown out of a socket ends the process; here the test runner would swallow it */
const uncaught: unknown[] = []
const recordUncaught = (err: unknown) => uncaught.push(err)

beforeAll(async () => {
  process.on('uncaughtException', recordUncaught)
  const t = await testCore()
  core = t.core
  cleanup = t.cleanup
  server = await startWebServer(core, { rendererDir: t.rendererDir, token: TOKEN })
  // an authenticated client that must not notice anything the hostile peers do
  bystander = bridgeClient(server.port, TOKEN)
  await bystander.opened
  await bystander.next((m) => m.t === 'ready')
})
afterAll(async () => {
  process.off('uncaughtException', recordUncaught)
  await server.close()
  await cleanup()
})

function webLogLines(): string[] {
  return core.log
    .files()
    .flatMap((file) => readFileSync(file, 'utf8').split('\n'))
    .filter((line) => line.includes('"scope":"web"'))
}

const MiB = 1024 * 1024
const deepArray = (depth: number) => `${'['.repeat(depth)}"${MARKER}"${']'.repeat(depth)}`

/** Frames the `ws` library refuses on its own, each with the close status RFC 6455 gives it. */
const refusedFrames: { name: string; bytes: () => Buffer[]; status: number }[] = [
  {
    name: 'a header claiming a 2 GiB payload',
    bytes: () => [buildFrame({ opcode: 0x1, claimedLength: 2n ** 31n })],
    status: 1009,
  },
  {
    name: 'a message over the size limit in small fragments',
    bytes: () => [
      buildFrame({ opcode: 0x1, fin: false, payload: Buffer.alloc(MiB, 0x20) }),
      ...Array.from({ length: 4 }, () => buildFrame({ opcode: 0x0, fin: false, payload: Buffer.alloc(MiB, 0x20) })),
      buildFrame({ opcode: 0x0, payload: MARKER }),
    ],
    status: 1009,
  },
  { name: 'invalid UTF-8 in a text frame', bytes: () => [textFrame(Buffer.from([0x22, 0xc3, 0x28, 0xff, 0x22]))], status: 1007 },
  { name: 'RSV1 set without an extension', bytes: () => [buildFrame({ opcode: 0x1, rsv: 0x40, payload: MARKER })], status: 1002 },
  { name: 'RSV2 and RSV3 set', bytes: () => [buildFrame({ opcode: 0x1, rsv: 0x30, payload: MARKER })], status: 1002 },
  { name: 'a reserved data opcode', bytes: () => [buildFrame({ opcode: 0x3, payload: MARKER })], status: 1002 },
  { name: 'a reserved control opcode', bytes: () => [buildFrame({ opcode: 0xb, payload: MARKER })], status: 1002 },
  { name: 'an unmasked client frame', bytes: () => [buildFrame({ opcode: 0x1, payload: MARKER, masked: false })], status: 1002 },
  { name: 'a continuation with nothing to continue', bytes: () => [buildFrame({ opcode: 0x0, payload: MARKER })], status: 1002 },
]

/** Well-formed frames whose text is not a bridge message. */
const refusedMessages: { name: string; text: string | Buffer; binary?: boolean }[] = [
  { name: 'null', text: 'null' },
  { name: 'a number', text: '42' },
  { name: 'an array', text: `["${MARKER}"]` },
  { name: 'a string', text: `"${MARKER}"` },
  { name: 'not JSON at all', text: `{${MARKER}` },
  { name: 'a hello whose token is a number', text: '{"t":"hello","token":42}' },
  { name: 'a hello whose token is an object', text: `{"t":"hello","token":{"length":${TOKEN.length},"m":"${MARKER}"}}` },
  { name: 'a hello with extra fields', text: `{"t":"hello","token":"${TOKEN}","x":"${MARKER}"}` },
  { name: 'a call with a string id', text: '{"t":"call","id":"1","method":"getAppInfo"}' },
  { name: 'a call whose method is an array', text: '{"t":"call","id":1,"method":["getAppInfo"]}' },
  { name: 'a call with a fractional id', text: '{"t":"call","id":1.5,"method":"getAppInfo"}' },
  { name: 'an object without a type', text: `{"m":"${MARKER}"}` },
  { name: 'deeply nested arrays', text: deepArray(100_000) },
  { name: 'deeply nested objects', text: `${'{"a":'.repeat(50_000)}"${MARKER}"${'}'.repeat(50_000)}` },
  { name: 'a binary frame holding a valid hello', text: JSON.stringify({ t: 'hello', token: TOKEN }), binary: true },
]

/** Sends `frames` on a fresh connection (after the token, if `authed`), and returns the close status and what was logged meanwhile. */
async function sendHostile(frames: Buffer[], authed: boolean): Promise<{ status: number | null; logged: string[] }> {
  const peer = await rawBridgeSocket(server.port)
  if (authed) {
    peer.write(textFrame(JSON.stringify({ t: 'hello', token: TOKEN })))
    expect(JSON.parse(await peer.nextText())).toEqual({ t: 'ready' })
  }
  const before = webLogLines().length
  for (const frame of frames) peer.write(frame)
  const status = await peer.closed
  return { status, logged: webLogLines().slice(before) }
}

async function nextResult(peer: Awaited<ReturnType<typeof rawBridgeSocket>>): Promise<Record<string, unknown>> {
  for (;;) {
    const message = JSON.parse(await peer.nextText()) as Record<string, unknown>
    if (message.t === 'result') return message
  }
}

function expectOneQuietLine(logged: string[]): void {
  expect(logged).toHaveLength(1)
  expect(logged[0]).toMatch(/"event":"bridge\.(frameRefused|messageRefused)"/)
  expect(logged[0]).not.toContain(MARKER)
  expect(logged[0]).not.toContain(TOKEN)
}

describe('browser mode bridge under hostile frames', () => {
  for (const authed of [false, true]) {
    const who = authed ? 'after the token' : 'before any token'
    for (const { name, bytes, status } of refusedFrames) {
      it(`closes the connection on ${name} ${who}, and logs one line`, async () => {
        const result = await sendHostile(bytes(), authed)
        expect(result.status).toBe(status)
        expectOneQuietLine(result.logged)
      })
    }
    for (const { name, text, binary } of refusedMessages) {
      it(`closes the connection on ${name} ${who}, and logs one line`, async () => {
        const frame = binary ? buildFrame({ opcode: 0x2, payload: text }) : textFrame(text)
        const result = await sendHostile([frame], authed)
        expect(result.status).toBe(4400)
        expectOneQuietLine(result.logged)
      })
    }
  }

  it('refuses a hello over the hello size before parsing it', async () => {
    const result = await sendHostile([textFrame(JSON.stringify({ t: 'hello', token: TOKEN, pad: 'x'.repeat(2000) }))], false)
    expect(result.status).toBe(4400)
    expect(result.logged.join('\n')).toContain('tooLargeBeforeHello')
  })

  it('refuses an upgrade whose request target is not a URL', async () => {
    const before = webLogLines().length
    const answer = await new Promise<string>((resolve) => {
      const socket = connectTcp(server.port, '127.0.0.1', () =>
        socket.write(
          `GET //[ HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nOrigin: http://127.0.0.1:${server.port}\r\n` +
            `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${'A'.repeat(22)}==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
        ),
      )
      let text = ''
      socket.on('data', (chunk) => (text += chunk.toString()))
      socket.on('error', () => undefined)
      socket.on('close', () => resolve(text))
    })
    expect(answer).toMatch(/^HTTP\/1\.1 403/)
    expect(webLogLines().slice(before)).toEqual([expect.stringContaining('"event":"bridge.refused"')])
  })

  it('still carries calls and events for the client that was already there, and for a new one', async () => {
    expect(uncaught).toEqual([])
    expect(await bystander.call('getAppInfo')).toMatchObject({ ok: true, value: { name: 'Fieldbench' } })
    const newcomer = bridgeClient(server.port, TOKEN)
    await newcomer.opened
    await newcomer.next((m) => m.t === 'ready')
    const seenByBystander = bystander.next((m) => m.t === 'event' && m.channel === 'settings:changed')
    expect(await newcomer.call('updateSettings', { operatorName: 'Zofia' })).toMatchObject({ ok: true })
    expect(((await seenByBystander).payload as { operatorName: string }).operatorName).toBe('Zofia')
    // deep junk inside a well-formed call is the method's schema to judge: answered, not a closed connection
    const peer = await rawBridgeSocket(server.port)
    peer.write(textFrame(JSON.stringify({ t: 'hello', token: TOKEN })))
    expect(JSON.parse(await peer.nextText())).toEqual({ t: 'ready' })
    peer.write(textFrame(`{"t":"call","id":7,"method":"getRecord","payload":${deepArray(100_000)}}`))
    expect(await nextResult(peer)).toMatchObject({ t: 'result', id: 7, result: { ok: false, error: { code: 'invalidInput' } } })
    peer.socket.destroy()
    expect(await newcomer.call('getAppInfo')).toMatchObject({ ok: true })
    expect(bystander.ws.readyState).toBe(bystander.ws.OPEN)
    newcomer.ws.close()
    bystander.ws.close()
  })
})

import { randomBytes } from 'node:crypto'
import { connect as connectTcp, type Socket } from 'node:net'
import WebSocket from 'ws'

type BridgeMessage = Record<string, unknown>

/** A well-behaved bridge client on the `ws` library: connects, says hello with `token`, and calls methods. */
export function bridgeClient(port: number, token: string, options: { origin?: string } = {}) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/bridge`, { origin: options.origin ?? `http://127.0.0.1:${port}` })
  const messages: BridgeMessage[] = []
  const waiters: { match: (m: BridgeMessage) => boolean; resolve: (m: BridgeMessage) => void }[] = []
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString()) as BridgeMessage
    messages.push(message)
    for (const waiter of [...waiters]) {
      if (waiter.match(message)) {
        waiters.splice(waiters.indexOf(waiter), 1)
        waiter.resolve(message)
      }
    }
  })
  const next = (match: (m: BridgeMessage) => boolean) =>
    new Promise<BridgeMessage>((resolve) => {
      const found = messages.find(match)
      if (found) resolve(found)
      else waiters.push({ match, resolve })
    })
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => {
      ws.send(JSON.stringify({ t: 'hello', token }))
      resolve()
    })
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
    ws.once('error', reject)
  })
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)))
  let lastId = 0
  const call = async (method: string, payload?: unknown) => {
    const callId = ++lastId
    ws.send(JSON.stringify({ t: 'call', id: callId, method, payload }))
    return (await next((m) => m.t === 'result' && m.id === callId)).result as { ok: boolean; value?: unknown; error?: unknown }
  }
  return { ws, opened, closed, next, call }
}

export interface FrameOptions {
  opcode: number
  payload?: Buffer | string
  fin?: boolean
  /** RSV1..3 as the top bits 0x40, 0x20, 0x10 */
  rsv?: number
  /** clients must mask; false builds the frame a server would send */
  masked?: boolean
  /** what the header claims, when it should differ from the payload actually sent */
  claimedLength?: bigint
}

/** One WebSocket frame byte for byte (RFC 6455 §5.2), including the ones a conforming client never sends. */
export function buildFrame({ opcode, payload = Buffer.alloc(0), fin = true, rsv = 0, masked = true, claimedLength }: FrameOptions): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload
  const length = claimedLength ?? BigInt(body.length)
  let header: Buffer
  if (length < 126n) {
    header = Buffer.from([0, Number(length)])
  } else if (length < 65536n) {
    header = Buffer.alloc(4)
    header[1] = 126
    header.writeUInt16BE(Number(length), 2)
  } else {
    header = Buffer.alloc(10)
    header[1] = 127
    header.writeBigUInt64BE(length, 2)
  }
  header[0] = (fin ? 0x80 : 0) | rsv | opcode
  if (!masked) return Buffer.concat([header, body])
  header[1] = header[1]! | 0x80
  const key = randomBytes(4)
  const maskedBody = Buffer.from(body)
  for (let i = 0; i < maskedBody.length; i++) maskedBody[i] = maskedBody[i]! ^ key[i % 4]!
  return Buffer.concat([header, key, maskedBody])
}

export const textFrame = (text: string | Buffer) => buildFrame({ opcode: 0x1, payload: text })

/**
 * A WebSocket peer on a bare TCP socket: a real upgrade handshake, then
 * whatever bytes the test writes. It reads the server's frames to learn the
 * close status, and lets go of the socket as soon as the server closes.
 */
export async function rawBridgeSocket(port: number): Promise<{
  socket: Socket
  write(bytes: Buffer): void
  texts: string[]
  nextText(): Promise<string>
  /** the server's close status, or null when it dropped the connection without one */
  closed: Promise<number | null>
}> {
  const socket = connectTcp(port, '127.0.0.1')
  // the server may reset a connection while a large frame is still being written
  socket.on('error', () => undefined)
  const key = randomBytes(16).toString('base64')
  socket.write(
    `GET /bridge HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1:${port}\r\n` +
      `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  )
  let received = Buffer.alloc(0)
  let upgraded = false
  let closeCode: number | null = null
  const texts: string[] = []
  const textWaiters: ((text: string) => void)[] = []
  let onUpgrade: () => void = () => undefined
  let onRefused: (err: Error) => void = () => undefined
  const upgradedPromise = new Promise<void>((resolve, reject) => {
    onUpgrade = resolve
    onRefused = reject
  })
  const closed = new Promise<number | null>((resolve) => socket.once('close', () => resolve(closeCode)))

  socket.on('data', (chunk: Buffer) => {
    received = Buffer.concat([received, chunk])
    if (!upgraded) {
      const end = received.indexOf('\r\n\r\n')
      if (end < 0) return
      const head = received.subarray(0, end).toString()
      received = received.subarray(end + 4)
      if (!head.startsWith('HTTP/1.1 101')) {
        onRefused(new Error(head.split('\r\n')[0]))
        return
      }
      upgraded = true
      onUpgrade()
    }
    for (let frame = readServerFrame(received); frame; frame = readServerFrame(received)) {
      received = received.subarray(frame.size)
      if (frame.opcode === 0x8) {
        closeCode = frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : null
        socket.destroy()
        return
      }
      if (frame.opcode === 0x1) {
        const text = frame.payload.toString()
        const waiter = textWaiters.shift()
        if (waiter) waiter(text)
        else texts.push(text)
      }
    }
  })
  await upgradedPromise
  return {
    socket,
    write: (bytes) => socket.write(bytes),
    texts,
    nextText: () => new Promise<string>((resolve) => (texts.length ? resolve(texts.shift()!) : textWaiters.push(resolve))),
    closed,
  }
}

function readServerFrame(buffer: Buffer): { opcode: number; payload: Buffer; size: number } | null {
  if (buffer.length < 2) return null
  const opcode = buffer[0]! & 0x0f
  let length = buffer[1]! & 0x7f
  let offset = 2
  if (length === 126) {
    if (buffer.length < 4) return null
    length = buffer.readUInt16BE(2)
    offset = 4
  } else if (length === 127) {
    if (buffer.length < 10) return null
    length = Number(buffer.readBigUInt64BE(2))
    offset = 10
  }
  if (buffer.length < offset + length) return null
  return { opcode, payload: buffer.subarray(offset, offset + length), size: offset + length }
}

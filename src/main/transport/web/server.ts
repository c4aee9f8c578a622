import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import { type RawData, WebSocket, WebSocketServer } from 'ws'
import { type InvokeMethod, invokeMethods } from '@shared/contract'
import type { Core } from '../../core/core'
import { dispatch } from '../../core/dispatch'
import { rendererContentType } from '../../shell/content-type'
import { contentSecurityPolicy, isInsideRoot } from '../../shell/policy'
import { readClientMessage } from './bridge-message'
import { isAllowedHostHeader, isLoopbackHost } from './loopback'

export interface WebServerOptions {
  rendererDir: string
  host?: string
  port?: number
  /** binding anything but loopback needs this, explicitly */
  allowRemote?: boolean
  /** a fixed token (tests); normally a fresh random one per launch */
  token?: string
}

export interface WebServer {
  url: string
  token: string
  port: number
  close(): Promise<void>
}

export const BRIDGE_PATH = '/bridge'
const AUTH_TIMEOUT_MS = 5000
/**
 * Connections that have not yet given the token, at most: each holds a socket
 * and a timer for AUTH_TIMEOUT_MS, so a local process opening them in a loop
 * would otherwise grow both without bound. A real window needs one.
 */
export const MAX_WAITING_FOR_TOKEN = 16
/**
 * The largest legitimate message is a cabinet test profile: 256 Ki UTF-16
 * units of text, which JSON can grow up to six-fold (`\u0001` per control
 * character), so about 1.5 MiB. 4 MiB leaves room for that and refuses a
 * frame header claiming gigabytes before any of it is buffered.
 */
const MAX_MESSAGE_BYTES = 4 * 1024 * 1024
/** a client this far behind drops terminal traffic (counted) rather than grow memory without bound */
const SLOW_CLIENT_BYTES = 8 * 1024 * 1024

/**
 * Browser mode: the same core in plain Node serves the built renderer on
 * loopback and carries the same contract over a WebSocket guarded by a
 * per-launch random token, an Origin check and a Host check.
 */
export async function startWebServer(core: Core, options: WebServerOptions): Promise<WebServer> {
  const host = options.host ?? '127.0.0.1'
  if (!isLoopbackHost(host) && !options.allowRemote) {
    throw new Error(`refusing to listen on ${host}: browser mode binds loopback only unless --allow-remote is given`)
  }
  const token = options.token ?? randomBytes(24).toString('base64url')
  const tokenBytes = Buffer.from(token)
  const log = core.log.child('web')
  const rendererDir = normalize(options.rendererDir)
  let port = 0

  const server: Server = createServer((req, res) => {
    void serveStatic(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500)
      res.end()
    })
  })

  async function serveStatic(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isAllowedHostHeader(req.headers.host, port, Boolean(options.allowRemote))) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('misdirected request')
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end()
      return
    }
    let pathname: string
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    } catch {
      // a broken percent-escape (`/%`, `/%E0%A4%A`) is the client's mistake, not ours
      res.writeHead(400).end()
      return
    }
    if (pathname === '/' || !extname(pathname)) pathname = '/index.html'
    const file = normalize(join(rendererDir, pathname))
    if (!isInsideRoot(rendererDir, file, sep) || pathname.includes('\0')) {
      res.writeHead(404).end()
      return
    }
    let body: Buffer
    try {
      body = await readFile(file)
    } catch {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, {
      'content-type': rendererContentType(file),
      'content-security-policy': contentSecurityPolicy(),
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cache-control': pathname === '/index.html' ? 'no-store' : 'public, max-age=31536000, immutable',
    })
    res.end(req.method === 'HEAD' ? undefined : body)
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })
  server.on('upgrade', (req, socket, head) => {
    let path = ''
    try {
      path = new URL(req.url ?? '/', 'http://x').pathname
    } catch {
      // a request target that is no URL at all (`//[`) is refused below like any other wrong path
    }
    const origin = req.headers.origin
    const hostOk = isAllowedHostHeader(req.headers.host, port, Boolean(options.allowRemote))
    const originOk = origin === `http://${req.headers.host}`
    if (path !== BRIDGE_PATH || !hostOk || !originOk) {
      log.warn('bridge.refused', { path: path.slice(0, 100), origin: (origin ?? '').slice(0, 100), hostOk })
      socket.write('HTTP/1.1 403 Forbidden\r\nconnection: close\r\n\r\n')
      socket.destroy()
      return
    }
    if (waitingForToken >= MAX_WAITING_FOR_TOKEN) {
      log.warn('bridge.busy', { waiting: waitingForToken })
      socket.write('HTTP/1.1 503 Service Unavailable\r\nretry-after: 5\r\nconnection: close\r\n\r\n')
      socket.destroy()
      return
    }
    waitingForToken++
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws))
  })
  let waitingForToken = 0

  const clients = new Set<WebSocket>()
  const detach = core.bus.attach((channel, payload) => {
    const text = JSON.stringify({ t: 'event', channel, payload })
    for (const ws of clients) {
      if (ws.readyState !== WebSocket.OPEN) continue
      if (channel === 'terminal:traffic' && ws.bufferedAmount > SLOW_CLIENT_BYTES) continue
      ws.send(text)
    }
  })

  function onConnection(ws: WebSocket): void {
    let authed = false
    let waiting = true
    const stopWaiting = () => {
      if (waiting) waitingForToken--
      waiting = false
    }
    const timer = setTimeout(() => {
      if (!authed) ws.close(4401, 'unauthorized')
    }, AUTH_TIMEOUT_MS)
    ws.on('close', () => {
      stopWaiting()
      clearTimeout(timer)
      clients.delete(ws)
    })
    // A frame the library refuses (too long, bad UTF-8, RSV bits, reserved
    // opcode, unmasked) arrives here after it has already closed this
    // connection with the matching status; without this listener the error
    // would be thrown out of the socket and take the whole server down.
    ws.on('error', (err: Error & { code?: string }) => {
      log.warn('bridge.frameRefused', { reason: err.code ?? 'unknown', authed })
    })
    ws.on('message', (data: RawData, isBinary: boolean) => {
      const message = readClientMessage(toBuffer(data), isBinary, authed)
      if (typeof message === 'string') {
        log.warn('bridge.messageRefused', { reason: message, authed })
        ws.close(4400, 'bad message')
        return
      }
      if (!authed) {
        const given = Buffer.from(message.t === 'hello' ? message.token : '')
        if (given.length !== tokenBytes.length || !timingSafeEqual(given, tokenBytes)) {
          log.warn('bridge.badToken')
          ws.close(4401, 'unauthorized')
          return
        }
        authed = true
        stopWaiting()
        clearTimeout(timer)
        clients.add(ws)
        ws.send(JSON.stringify({ t: 'ready' }))
        return
      }
      if (message.t !== 'call') {
        log.warn('bridge.messageRefused', { reason: 'helloAgain', authed })
        ws.close(4400, 'bad message')
        return
      }
      const callId = message.id
      if (!Object.hasOwn(invokeMethods, message.method)) {
        ws.send(JSON.stringify({ t: 'result', id: callId, result: { ok: false, error: { code: 'invalidInput', params: { field: 'method' } } } }))
        return
      }
      void dispatch(core.handlers, message.method as InvokeMethod, message.payload, log).then((result) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ t: 'result', id: callId, result }))
      })
    })
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  port = (server.address() as AddressInfo).port
  const urlHost = host.includes(':') ? `[${host}]` : host
  const url = `http://${urlHost}:${port}/`
  log.info('web.listen', { host, port })

  return {
    url,
    token,
    port,
    close: async () => {
      detach()
      // every connection, not only authenticated ones: one still waiting for its hello would hold `server.close` open
      for (const ws of wss.clients) ws.terminate()
      wss.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data)
}

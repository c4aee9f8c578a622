/**
 * A simulated HTTP device on a loopback address: routes, faults per path, a
 * log of every call, a limit on request bodies, and an unplug that really
 * stops answering (the listener closes and open connections drop, so a
 * client sees a refused connection) until it is plugged back on the same
 * address and port. Each device's simulator is routes over this.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { type Clock, systemClock } from '../../core/clock'
import type { Logger } from '../../log/logger'
import { BROKEN_JSON, FaultBook, type HttpFault, type HttpFaultKind } from './faults'
import { loopbackHost } from './loopback'
import { encode, readBody, send, type SimReply, type SimRequest, simRequest } from './reply'

export type SimHandler = (req: SimRequest) => SimReply | Promise<SimReply>

export interface SimCallEntry {
  at: number
  method: string
  path: string
  status: number
  /** the device's own code for the answer, when it gave one */
  tag: number | null
  fault: HttpFaultKind | null
}

export interface HttpSimOptions {
  /** an address in 127.0.0.0/8; several simulators can share a port on different addresses */
  host?: string
  /** 0 or absent: any free port (kept across unplug and plug) */
  port?: number
  clock?: Clock
  /** a request body over this is answered 413 without being read; default 1 MiB */
  bodyLimitBytes?: number
  log?: Logger
  /** runs before faults and the route (credentials, rate limits): a reply ends the call there */
  guard?: (req: SimRequest) => SimReply | null
  /** what the device answers when the guard or a handler throws; absent or null: HTTP 500 */
  errorReply?: (err: unknown, req: SimRequest) => SimReply | null
  notFound?: (req: SimRequest) => SimReply
  wrongMethod?: (req: SimRequest) => SimReply
}

const CALL_LOG_MAX = 20_000

export class HttpSimServer {
  readonly calls: SimCallEntry[] = []
  readonly host: string
  private port: number
  private server: Server | null = null
  private readonly clock: Clock
  /** path → method → handler */
  private readonly routes = new Map<string, Map<string, SimHandler>>()
  private readonly faults = new FaultBook()
  private readonly sockets = new Set<Socket>()
  private readonly hanging = new Set<ServerResponse>()
  private readonly waiters: { path: string | null; resolve: (entry: SimCallEntry) => void }[] = []

  constructor(private readonly options: HttpSimOptions = {}) {
    this.host = loopbackHost(options.host ?? '127.0.0.1')
    this.port = options.port ?? 0
    this.clock = options.clock ?? systemClock
  }

  get url(): string {
    return `http://${this.host}:${this.port}`
  }

  get plugged(): boolean {
    return this.server !== null
  }

  /** Answers `method` on `path`; a path may have a route per method (GET and POST of a configuration). */
  route(method: string, path: string, handle: SimHandler): this {
    const methods = this.routes.get(path) ?? new Map<string, SimHandler>()
    methods.set(method.toUpperCase(), handle)
    this.routes.set(path, methods)
    return this
  }

  inject(path: string, fault: HttpFault, times = 1): void {
    this.faults.inject(path, fault, times)
  }

  clearFaults(): void {
    this.faults.clear()
  }

  /** how many calls to `path` a fault still waits for */
  pendingFaults(path: string): number {
    return this.faults.pending(path)
  }

  /** The next call to `path` (any path when left out), once it is in the log: for tests that wait on the device. */
  nextCall(path?: string): Promise<SimCallEntry> {
    return new Promise((resolve) => this.waiters.push({ path: path ?? null, resolve }))
  }

  async start(): Promise<this> {
    await this.listen()
    return this
  }

  /** Stops answering: the listener closes and every open connection drops. */
  async unplug(): Promise<void> {
    const server = this.server
    this.server = null
    if (!server) return
    const closed = new Promise<void>((resolve) => server.close(() => resolve()))
    for (const res of this.hanging) res.destroy()
    this.hanging.clear()
    for (const socket of this.sockets) socket.destroy()
    this.sockets.clear()
    await closed
  }

  /** Answers again, on the same address and port. */
  async plug(): Promise<void> {
    if (!this.server) await this.listen()
  }

  /** A device restarting: gone (connections refused, open ones dropped) for `downMs` of the clock, then back. */
  async restart(downMs: number): Promise<void> {
    await this.unplug()
    await this.clock.sleep(downMs)
    await this.plug()
  }

  dispose(): Promise<void> {
    return this.unplug()
  }

  private async listen(): Promise<void> {
    const server = createServer((req, res) => void this.serve(req, res))
    server.on('connection', (socket) => {
      this.sockets.add(socket)
      socket.once('close', () => this.sockets.delete(socket))
    })
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(this.port, this.host, () => {
        server.off('error', reject)
        resolve()
      })
    })
    this.port = (server.address() as AddressInfo).port
    this.server = server
  }

  private log(req: { method: string; path: string }, status: number, tag: number | null, fault: HttpFaultKind | null): void {
    const entry: SimCallEntry = { at: this.clock.now(), method: req.method, path: req.path, status, tag, fault }
    this.calls.push(entry)
    if (this.calls.length > CALL_LOG_MAX) this.calls.splice(0, this.calls.length - CALL_LOG_MAX)
    for (const w of this.waiters.filter((w) => w.path === null || w.path === entry.path)) {
      this.waiters.splice(this.waiters.indexOf(w), 1)
      w.resolve(entry)
    }
  }

  private answer(res: ServerResponse, req: SimRequest, reply: SimReply, fault: HttpFaultKind | null = null): void {
    this.log(req, reply.status ?? 200, reply.tag ?? null, fault)
    send(res, reply)
  }

  private async serve(incoming: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(incoming, this.options.bodyLimitBytes ?? 1024 * 1024).catch(() => null)
    const req = simRequest(incoming, text ?? '')
    if (text === null) {
      this.log(req, 413, null, null)
      res.writeHead(413, { connection: 'close', 'content-length': 0 }).end()
      return
    }
    try {
      const methods = this.routes.get(req.path)
      if (!methods) return this.answer(res, req, this.options.notFound?.(req) ?? { status: 404, body: 'Not Found' })
      const refused = this.options.guard?.(req)
      if (refused) return this.answer(res, req, refused)
      const handle = methods.get(req.method) ?? ((r: SimRequest) => this.options.wrongMethod?.(r) ?? { status: 405, body: 'Method Not Allowed' })
      const fault = this.faults.take(req.path)
      if (fault && (await this.play(fault, req, res, handle))) return
      this.answer(res, req, await handle(req), fault?.kind ?? null)
    } catch (err) {
      const reply = this.options.errorReply?.(err, req)
      if (reply) return this.answer(res, req, reply)
      this.options.log?.error('sim.crashed', { path: req.path, error: err instanceof Error ? (err.stack ?? err.message) : String(err) })
      this.answer(res, req, { status: 500, body: 'internal error' })
    }
  }

  /** Plays a fault; false when the call goes on to the route (after a slow start). */
  private async play(fault: HttpFault, req: SimRequest, res: ServerResponse, handle: SimHandler): Promise<boolean> {
    switch (fault.kind) {
      case 'slow':
        await this.clock.sleep(fault.ms)
        return false
      case 'hang':
        this.log(req, 0, null, 'hang')
        this.hanging.add(res)
        res.on('close', () => this.hanging.delete(res))
        return true
      case 'status':
        this.answer(res, req, { status: fault.status, body: fault.body ?? `HTTP ${fault.status}`, contentType: fault.contentType, tag: fault.tag }, 'status')
        return true
      case 'brokenJson':
        this.answer(res, req, { status: 200, body: fault.body ?? BROKEN_JSON, contentType: 'application/json;charset=UTF-8' }, 'brokenJson')
        return true
      case 'truncated': {
        const whole = encode(await handle(req))
        this.log(req, whole.status, null, 'truncated')
        res.writeHead(whole.status, { 'content-type': whole.contentType, 'content-length': whole.body.length })
        res.write(whole.body.subarray(0, Math.floor(whole.body.length / 2)), () => res.socket?.destroy())
        return true
      }
      case 'reset':
        this.log(req, 0, null, 'reset')
        res.socket?.resetAndDestroy()
        return true
    }
  }
}

/**
 * The Fox ESS cloud on a loopback HTTP port, for demo mode, tests and
 * benches: the open API (signed headers checked as the service checks them,
 * rate limit, daily budget, every documented endpoint) and the CT detection
 * API (Token header, the three actions, the scenarios). It answers errors the
 * way the service does — in the body's errno (the CT API: errorCode). The
 * HTTP side (routes, faults, call log, unplug) is the shared simulator base.
 */
import { type HttpFault, HttpSimServer, type SimReply, type SimRequest } from '../../../simulators/http'
import type { Logger } from '../../../log/logger'
import type { Clock } from '../../../core/clock'
import { ERRNO } from '../errno'
import { FoxCloudAccess } from './access'
import type { CtTiming } from './ct'
import { ctEnvelope, ctRoutes } from './ct-routes'
import { deviceRoutes } from './device-routes'
import type { CtScenario, SimFleet, SimSettings } from './fleet'
import { plantRoutes } from './plant-routes'
import type { FoxRoute } from './route'
import { settingsRoutes } from './settings-routes'
import { errnoReply, fail, MESSAGES, SimErrno } from './sim-errno'
import { FoxCloudState, type KeyState, type SimLimits } from './state'

export { defaultSimLimits, type KeyState, type SimLimits } from './state'

export const DEMO_API_KEY = 'fieldbench-demo-0b6f2c4e9a7d41f3'
export const DEMO_CT_TOKEN = 'fieldbench-demo-ct-5e1a8d27'

export interface FoxSimOptions {
  clock?: Clock
  fleet?: SimFleet
  apiKeys?: Record<string, KeyState>
  ctTokens?: string[]
  limits?: Partial<SimLimits>
  ct?: Partial<CtTiming>
  /** a loopback address (127.0.0.1 unless said) */
  host?: string
  port?: number
  log?: Logger
}

/** A fault to play on the next calls of a path (tests of garbage, outages and slowness). */
export type SimFault =
  | { kind: 'garbage' }
  | { kind: 'truncated' }
  | { kind: 'errno'; errno: number; status?: number }
  | { kind: 'httpStatus'; status: number }
  | { kind: 'hang' }
  /** the answer starts and the connection drops half-way through it */
  | { kind: 'cutOff' }

export interface SimCall {
  at: number
  method: string
  path: string
  /** the errno answered (0 for success), or the CT errorCode; -1 when the answer had none */
  errno: number
  status: number
}

const isCt = (path: string) => path.startsWith('/device/')

export class FoxCloudSimulator {
  readonly kind = 'http' as const
  readonly apiKey = DEMO_API_KEY
  readonly ctToken = DEMO_CT_TOKEN
  private readonly cloud: FoxCloudState
  private readonly access: FoxCloudAccess
  private readonly http: HttpSimServer

  constructor(options: FoxSimOptions = {}) {
    this.cloud = new FoxCloudState(options)
    this.access = new FoxCloudAccess(this.cloud, options.apiKeys ?? { [DEMO_API_KEY]: 'active' }, options.ctTokens ?? [DEMO_CT_TOKEN])
    this.http = new HttpSimServer({
      host: options.host,
      port: options.port,
      clock: this.cloud.clock,
      log: options.log,
      guard: (req) => this.guard(req),
      errorReply: errnoReply,
      notFound: (req) =>
        isCt(req.path) ? { status: 404, body: 'Not Found' } : { status: 404, body: '<html><body><h1>404 Not Found</h1></body></html>', contentType: 'text/html' },
      wrongMethod: (req) => (isCt(req.path) ? { status: 404, body: 'Not Found' } : errnoReply(new SimErrno(ERRNO.body, `${MESSAGES[ERRNO.body]} (method ${req.method})`))!),
    })
    const routes = { ...plantRoutes(this.cloud), ...deviceRoutes(this.cloud, this.access), ...settingsRoutes(this.cloud) }
    for (const [path, route] of Object.entries(routes)) this.http.route(route.method, path, (req) => openApiAnswer(route, req))
    for (const route of ctRoutes(this.cloud)) this.http.route(route.method, route.path, route.handle)
  }

  get url(): string {
    return this.http.url
  }

  /** Every call served (the newest 20 000), with the errno it was answered. */
  get calls(): SimCall[] {
    return this.http.calls.map((c) => ({ at: c.at, method: c.method, path: c.path, errno: c.tag ?? -1, status: c.status }))
  }

  async start(): Promise<this> {
    await this.http.start()
    return this
  }

  dispose(): Promise<void> {
    return this.http.dispose()
  }

  /** The cloud is gone for this computer: connections are refused and open ones drop. */
  unplug(): Promise<void> {
    return this.http.unplug()
  }

  plug(): Promise<void> {
    return this.http.plug()
  }

  // controls for tests, the CLI and demo mode

  inject(path: string, fault: SimFault, times = 1): void {
    this.http.inject(path, asHttpFault(fault), times)
  }

  setLimits(limits: Partial<SimLimits>): void {
    Object.assign(this.cloud.limits, limits)
  }

  setKey(key: string, state: KeyState): void {
    this.access.keys.set(key, state)
  }

  setCtScenario(sn: string, scenario: CtScenario): void {
    this.cloud.device(sn).ct.changeScenario(scenario, this.cloud.clock.now())
  }

  settingsOf(sn: string): SimSettings {
    return structuredClone(this.cloud.device(sn).settings)
  }

  /** Calls served today for a key. */
  usedToday(key = DEMO_API_KEY): number {
    return this.access.usedToday(key)
  }

  serials(): string[] {
    return [...this.cloud.devices.keys()]
  }

  /** Credentials and limits come before anything else, as on the service. */
  private guard(req: SimRequest): SimReply | null {
    if (isCt(req.path)) {
      const token = req.headers.token
      return typeof token === 'string' && this.access.ctTokens.has(token) ? null : ctEnvelope(401, 401, null, 'token invalid')
    }
    const key = this.access.authenticate(req.headers, req.path)
    this.access.rateLimit(key, req.path)
    return null
  }
}

function openApiAnswer(route: FoxRoute, req: SimRequest): SimReply {
  let body: Record<string, unknown> = {}
  if (req.method === 'POST') {
    const parsed = req.text.trim() ? req.json() : {}
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) fail(ERRNO.body, 'json')
    body = parsed as Record<string, unknown>
  }
  const result = route.handle({ query: req.query, body, key: String(req.headers.token) })
  return { body: { errno: 0, msg: 'success', result: result ?? null }, tag: 0 }
}

/** The cloud's own misbehaviours as faults on the wire. */
function asHttpFault(fault: SimFault): HttpFault {
  switch (fault.kind) {
    case 'garbage':
      return { kind: 'status', status: 502, body: '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>', contentType: 'text/html' }
    case 'truncated':
      return { kind: 'brokenJson', body: '{"errno":0,"result":{"data":[{"stationID"' }
    case 'errno':
      return {
        kind: 'status',
        status: fault.status ?? 200,
        body: JSON.stringify({ errno: fault.errno, msg: MESSAGES[fault.errno] ?? 'error', result: null }),
        contentType: 'application/json;charset=UTF-8',
        tag: fault.errno,
      }
    case 'httpStatus':
      return { kind: 'status', status: fault.status, body: 'Service Unavailable' }
    case 'hang':
      return { kind: 'hang' }
    case 'cutOff':
      return { kind: 'truncated' }
  }
}

/**
 * The Fox ESS cloud on a loopback HTTP port, for demo mode, tests and
 * benches: the open API (signed headers checked as the service checks them,
 * rate limit, daily budget, every documented endpoint) and the CT detection
 * API (Token header, the three actions, the scenarios). It answers errors the
 * way the service does — in the body's errno (the CT API: errorCode).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  type FoxForceCharge,
  FoxLimits,
  FoxReportDimensions,
  type FoxSchedulerGroup,
  FoxSettingKeys,
  FoxWorkModes,
} from '@shared/contract'
import { dayRange, formatFoxTime, isTimeZone, wallClock } from '@shared/devices/foxess/time'
import { hasErrors, validateForceCharge, validateSchedulerGroups } from '@shared/devices/foxess/validation'
import faultsEn from '@locales/en/foxessFaults.json'
import faultsPl from '@locales/pl/foxessFaults.json'
import faultsZh from '@locales/zh/foxessFaults.json'
import type { Logger } from '../../../log/logger'
import { type Clock, systemClock } from '../clock'
import { ERRNO } from '../errno'
import { sign, signaturesEqual } from '../signature'
import { defaultCtTiming, SimulatedCtCheck, type CtTiming } from './ct'
import { type CtScenario, defaultSettings, demoFleet, GRID_CODES, type SimDeviceSpec, type SimFleet, type SimPlant, type SimSettings } from './fleet'
import { EnergyModel, STEP_MS } from './physics'
import { readingsAt, TABLES, VARIABLE_NAMES, VARIABLES, variablesOf } from './readings'

export const DEMO_API_KEY = 'fieldbench-demo-0b6f2c4e9a7d41f3'
export const DEMO_CT_TOKEN = 'fieldbench-demo-ct-5e1a8d27'

export type KeyState = 'active' | 'expired' | 'revoked'

export interface SimLimits {
  /** minimum gap between two calls to the same path with the same key (0: off) */
  pathIntervalMs: number
  /** at most `windowMax` calls per key in any `windowMs` */
  windowMs: number
  windowMax: number
  dailyBudget: number
  /** a timestamp further than this from the service's clock is refused */
  maxSkewMs: number
}

export const defaultSimLimits: SimLimits = { pathIntervalMs: 1000, windowMs: 60_000, windowMax: 120, dailyBudget: 1440, maxSkewMs: 10 * 60_000 }

export interface FoxSimOptions {
  clock?: Clock
  fleet?: SimFleet
  apiKeys?: Record<string, KeyState>
  ctTokens?: string[]
  limits?: Partial<SimLimits>
  ct?: Partial<CtTiming>
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

export interface SimCall {
  at: number
  method: string
  path: string
  /** the errno answered (0 for success), or the CT errorCode */
  errno: number
  status: number
}

class SimErrno extends Error {
  constructor(
    readonly errno: number,
    message: string,
    readonly status = 200,
  ) {
    super(message)
  }
}

const MESSAGES: Record<number, string> = {
  [ERRNO.headers]: 'The request header parameters are missing. Please check whether the request headers are consistent with the document requirements.',
  [ERRNO.body]: 'The request body parameters are invalid. Please check whether the request body is consistent with the document requirements.',
  [ERRNO.tooFrequent]: 'The number of requests is too frequent. Please reduce the frequency of access.',
  [ERRNO.budget]: 'The number of calls today has reached the limit.',
  [ERRNO.keyUnknown]: 'Invalid token.',
  [ERRNO.keyExpired]: 'Token has expired.',
  [ERRNO.keyInvalid]: 'Token is invalid.',
  [ERRNO.offline]: 'Device offline.',
  [ERRNO.scheduleActive]: 'Unsupported function code.',
}

const fail = (errno: number, detail?: string): never => {
  throw new SimErrno(errno, detail ? `${MESSAGES[errno] ?? 'error'} (${detail})` : (MESSAGES[errno] ?? 'error'))
}

interface SimDevice {
  spec: SimDeviceSpec
  settings: SimSettings
  model: EnergyModel
  ct: SimulatedCtCheck
  /** when it went offline (offline devices report their last data) */
  offlineSince: number | null
  clockDriftSeconds: number
}

interface Route {
  method: 'GET' | 'POST'
  handle(req: { query: URLSearchParams; body: Record<string, unknown>; key: string }): unknown
}

export class FoxCloudSimulator {
  readonly kind = 'http' as const
  readonly apiKey = DEMO_API_KEY
  readonly ctToken = DEMO_CT_TOKEN
  url = ''
  readonly calls: SimCall[] = []
  private server: Server | null = null
  private readonly clock: Clock
  private readonly limits: SimLimits
  private readonly keys: Map<string, KeyState>
  private readonly ctTokens: Set<string>
  private readonly plants: SimPlant[]
  private readonly devices = new Map<string, SimDevice>()
  private readonly lastCall = new Map<string, number>()
  private readonly window = new Map<string, number[]>()
  private readonly used = new Map<string, { day: string; count: number }>()
  private readonly faults = new Map<string, { fault: SimFault; times: number }>()
  private readonly hanging = new Set<ServerResponse>()
  private readonly routes: Record<string, Route>
  private nextStation = 100

  constructor(private readonly options: FoxSimOptions = {}) {
    this.clock = options.clock ?? systemClock
    this.limits = { ...defaultSimLimits, ...options.limits }
    this.keys = new Map(Object.entries(options.apiKeys ?? { [DEMO_API_KEY]: 'active' }))
    this.ctTokens = new Set(options.ctTokens ?? [DEMO_CT_TOKEN])
    const now = this.clock.now()
    const fleet = options.fleet ?? demoFleet(now)
    this.plants = fleet.plants.map((p) => ({ ...p }))
    const timing = { ...defaultCtTiming, ...options.ct }
    for (const spec of fleet.devices) {
      const plant = this.plants.find((p) => p.stationID === spec.stationID)!
      const device: SimDevice = {
        spec: { ...spec },
        settings: defaultSettings(spec),
        model: null as unknown as EnergyModel,
        ct: new SimulatedCtCheck(spec.ct, spec.ctFixedOnRerun, timing, now),
        offlineSince: spec.status === 3 ? now - 3 * 3600_000 - 17 * 60_000 : null,
        clockDriftSeconds: spec.clockDriftSeconds,
      }
      device.model = new EnergyModel(device.spec, plant, () => device.settings, now)
      this.devices.set(spec.sn, device)
    }
    this.routes = this.buildRoutes()
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => void this.handle(req, res))
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(this.options.port ?? 0, '127.0.0.1', () => resolve())
    })
    this.server = server
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    return this
  }

  async dispose(): Promise<void> {
    for (const res of this.hanging) res.destroy()
    this.hanging.clear()
    const server = this.server
    this.server = null
    if (!server) return
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  // ---- controls for tests, the CLI and demo mode

  inject(path: string, fault: SimFault, times = 1): void {
    this.faults.set(path, { fault, times })
  }

  setLimits(limits: Partial<SimLimits>): void {
    Object.assign(this.limits, limits)
  }

  setKey(key: string, state: KeyState): void {
    this.keys.set(key, state)
  }

  setCtScenario(sn: string, scenario: CtScenario): void {
    this.device(sn).ct.changeScenario(scenario, this.clock.now())
  }

  settingsOf(sn: string): SimSettings {
    return structuredClone(this.device(sn).settings)
  }

  /** Calls served today for a key. */
  usedToday(key = DEMO_API_KEY): number {
    const u = this.used.get(key)
    return u && u.day === this.budgetDay() ? u.count : 0
  }

  serials(): string[] {
    return [...this.devices.keys()]
  }

  // ---- HTTP

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const path = url.pathname
    const method = req.method ?? 'GET'
    let raw: string
    try {
      raw = await readBody(req)
    } catch {
      res.writeHead(413).end()
      return
    }
    if (path.startsWith('/device/')) return this.handleCt(req, res, path, method, url.searchParams, raw)

    const reply = (status: number, errno: number, payload: Record<string, unknown>) => {
      this.record(method, path, errno, status)
      send(res, status, payload)
    }
    try {
      const route = this.routes[path]
      if (!route) {
        this.record(method, path, -1, 404)
        res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body><h1>404 Not Found</h1></body></html>')
        return
      }
      const key = this.authenticate(req, path)
      this.rateLimit(key, path)
      if (this.playFault(path, res, method)) return
      if (method !== route.method) fail(ERRNO.body, `method ${method}`)
      let body: Record<string, unknown> = {}
      if (method === 'POST') {
        const parsed = raw.trim() ? safeJson(raw) : {}
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) fail(ERRNO.body, 'json')
        body = parsed as Record<string, unknown>
      }
      const result = route.handle({ query: url.searchParams, body, key })
      reply(200, 0, { errno: 0, msg: 'success', result: result ?? null })
    } catch (err) {
      if (err instanceof SimErrno) reply(err.status, err.errno, { errno: err.errno, msg: err.message, result: null })
      else {
        this.options.log?.error('foxsim.crashed', { path, error: err instanceof Error ? (err.stack ?? err.message) : String(err) })
        this.record(method, path, -1, 500)
        res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error')
      }
    }
  }

  /** Headers as the service checks them: present, fresh, signed as the sample signs, with a known key. */
  private authenticate(req: IncomingMessage, path: string): string {
    const header = (name: string) => {
      const v = req.headers[name]
      return typeof v === 'string' ? v : undefined
    }
    const token = header('token')
    const timestamp = header('timestamp')
    const signature = header('signature')
    const lang = header('lang')
    if (!token || !timestamp || !signature || !lang) fail(ERRNO.headers, 'missing header')
    if (!/^\d{10,16}$/.test(timestamp!)) fail(ERRNO.headers, 'timestamp')
    if (Math.abs(this.clock.now() - Number(timestamp)) > this.limits.maxSkewMs) fail(ERRNO.headers, 'timestamp out of range')
    if (!signaturesEqual(signature!.toLowerCase(), sign(path, token!, timestamp!))) fail(ERRNO.headers, 'signature')
    const state = this.keys.get(token!)
    if (!state) fail(ERRNO.keyUnknown)
    if (state === 'expired') fail(ERRNO.keyExpired)
    if (state === 'revoked') fail(ERRNO.keyInvalid)
    return token!
  }

  private rateLimit(key: string, path: string): void {
    const now = this.clock.now()
    const id = `${key} ${path}`
    const last = this.lastCall.get(id)
    if (this.limits.pathIntervalMs > 0 && last !== undefined && now - last < this.limits.pathIntervalMs) {
      this.lastCall.set(id, now)
      fail(ERRNO.tooFrequent)
    }
    this.lastCall.set(id, now)
    const recent = (this.window.get(key) ?? []).filter((t) => now - t < this.limits.windowMs)
    if (recent.length >= this.limits.windowMax) {
      this.window.set(key, recent)
      fail(ERRNO.tooFrequent)
    }
    recent.push(now)
    this.window.set(key, recent)
    const day = this.budgetDay()
    const used = this.used.get(key)
    const count = used && used.day === day ? used.count : 0
    if (count >= this.limits.dailyBudget) fail(ERRNO.budget)
    this.used.set(key, { day, count: count + 1 })
  }

  private budgetDay(): string {
    return new Date(this.clock.now()).toISOString().slice(0, 10)
  }

  private playFault(path: string, res: ServerResponse, method: string): boolean {
    const entry = this.faults.get(path)
    if (!entry) return false
    if (--entry.times <= 0) this.faults.delete(path)
    const { fault } = entry
    this.record(method, path, fault.kind === 'errno' ? fault.errno : -1, fault.kind === 'errno' ? (fault.status ?? 200) : fault.kind === 'httpStatus' ? fault.status : 200)
    switch (fault.kind) {
      case 'garbage':
        res.writeHead(502, { 'content-type': 'text/html' }).end('<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>')
        break
      case 'truncated':
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"errno":0,"result":{"data":[{"stationID"')
        break
      case 'errno':
        send(res, fault.status ?? 200, { errno: fault.errno, msg: MESSAGES[fault.errno] ?? 'error', result: null })
        break
      case 'httpStatus':
        res.writeHead(fault.status, { 'content-type': 'text/plain' }).end('Service Unavailable')
        break
      case 'hang':
        this.hanging.add(res)
        res.on('close', () => this.hanging.delete(res))
        break
    }
    return true
  }

  private record(method: string, path: string, errno: number, status: number): void {
    this.calls.push({ at: this.clock.now(), method, path, errno, status })
    if (this.calls.length > 20_000) this.calls.splice(0, this.calls.length - 20_000)
  }

  // ---- CT detection API

  private handleCt(req: IncomingMessage, res: ServerResponse, path: string, method: string, query: URLSearchParams, raw: string): void {
    const reply = (status: number, errorCode: number, body: unknown, info: string | null = null) => {
      this.record(method, path, errorCode, status)
      send(res, status, { errorCode, info, body, successful: errorCode === 0 })
    }
    const token = req.headers.token
    if (typeof token !== 'string' || !this.ctTokens.has(token)) return reply(401, 401, null, 'token invalid')
    if (this.playFault(path, res, method)) return
    const now = this.clock.now()
    const find = (sn: unknown) => (typeof sn === 'string' ? this.devices.get(sn) : undefined)
    if (path === '/device/getInerterBMSMeterStatus' && method === 'GET') {
      const d = find(query.get('sn'))
      return d ? reply(200, 0, d.ct.status(now)) : reply(200, 10004, null, 'device not found')
    }
    if (path === '/device/startCheck' && method === 'POST') {
      const body = safeJson(raw) as { deviceSn?: unknown } | null
      const d = find(body?.deviceSn)
      return d ? reply(200, 0, d.ct.start(now)) : reply(200, 10004, null, 'device not found')
    }
    if (path === '/device/getCheckResult' && method === 'GET') {
      const d = find(query.get('sn'))
      return d ? reply(200, 0, d.ct.result(now)) : reply(200, 10004, null, 'device not found')
    }
    this.record(method, path, -1, 404)
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found')
  }

  // ---- the open API's endpoints

  private device(sn: unknown): SimDevice {
    const d = typeof sn === 'string' ? this.devices.get(sn) : undefined
    if (!d) fail(ERRNO.body, 'unknown serial number')
    return d!
  }

  private plant(id: string): SimPlant | undefined {
    return this.plants.find((p) => p.stationID === id)
  }

  /** The last minute the logger uploaded (offline devices: when they went offline). */
  private dataTime(d: SimDevice): number {
    const now = this.clock.now()
    return Math.floor(Math.min(now, d.offlineSince ?? now) / 60_000) * 60_000
  }

  private writable(d: SimDevice): void {
    if (d.spec.status === 3) fail(ERRNO.offline)
  }

  private buildRoutes(): Record<string, Route> {
    const page = (body: Record<string, unknown>, max = Number.MAX_SAFE_INTEGER) => {
      const currentPage = body.currentPage
      const pageSize = body.pageSize
      if (!isInt(currentPage) || currentPage < 1 || !isInt(pageSize) || pageSize < FoxLimits.pageSizeMin || pageSize > max) fail(ERRNO.body, 'currentPage/pageSize')
      return { currentPage: currentPage as number, pageSize: pageSize as number }
    }
    const paged = <T>(items: T[], p: { currentPage: number; pageSize: number }) => ({
      currentPage: p.currentPage,
      pageSize: p.pageSize,
      total: items.length,
      data: items.slice((p.currentPage - 1) * p.pageSize, p.currentPage * p.pageSize),
    })
    const owned = () => [...this.devices.values()].filter((d) => d.spec.stationID && this.plant(d.spec.stationID))

    return {
      '/op/v0/plant/list': {
        method: 'POST',
        handle: ({ body }) => paged(this.plants.map((p) => ({ stationID: p.stationID, name: p.name, ianaTimezone: p.timezone })), page(body)),
      },
      '/op/v0/plant/detail': {
        method: 'GET',
        handle: ({ query }) => {
          const p = this.plant(query.get('id') ?? '')
          if (!p) fail(ERRNO.body, 'unknown station')
          return {
            stationName: p!.name,
            country: p!.country,
            city: p!.city,
            address: p!.address,
            createDate: String(p!.createDate),
            postcode: p!.postcode,
            capacity: owned()
              .filter((d) => d.spec.stationID === p!.stationID)
              .reduce((sum, d) => sum + d.spec.pvKw, 0),
            timezone: p!.timezone,
            user: p!.user,
            installer: p!.installer,
            modules: owned()
              .filter((d) => d.spec.stationID === p!.stationID)
              .map((d) => ({ moduleSN: d.spec.moduleSN, deviceSN: d.spec.sn })),
          }
        },
      },
      '/op/v0/plant/create': { method: 'POST', handle: ({ body }) => this.savePlant(body, null) },
      '/op/v0/plant/update': {
        method: 'POST',
        handle: ({ body }) => {
          const id = (body.details as Record<string, unknown> | undefined)?.stationID
          if (typeof id !== 'string' || !this.plant(id)) fail(ERRNO.body, 'details.stationID')
          return this.savePlant(body, id as string)
        },
      },
      '/op/v0/plant/delete': {
        method: 'POST',
        handle: ({ body }) => {
          const i = this.plants.findIndex((p) => p.stationID === body.stationID)
          if (i < 0) fail(ERRNO.body, 'stationID')
          const [removed] = this.plants.splice(i, 1)
          for (const d of this.devices.values()) if (d.spec.stationID === removed!.stationID) d.spec.stationID = ''
          return null
        },
      },
      '/op/v0/device/list': {
        method: 'POST',
        handle: ({ body }) =>
          paged(
            owned().map((d) => ({
              deviceSN: d.spec.sn,
              moduleSN: d.spec.moduleSN,
              stationID: d.spec.stationID,
              stationName: this.plant(d.spec.stationID)!.name,
              status: d.spec.status,
              hasPV: d.spec.pvKw > 0,
              hasBattery: d.spec.hasBattery,
              deviceType: d.spec.deviceType,
              productType: d.spec.productType,
            })),
            page(body),
          ),
      },
      '/op/v0/device/detail': {
        method: 'GET',
        handle: ({ query }) => {
          const d = this.device(query.get('sn'))
          return {
            deviceSN: d.spec.sn,
            moduleSN: d.spec.moduleSN,
            stationID: d.spec.stationID,
            stationName: this.plant(d.spec.stationID)?.name ?? '',
            managerVersion: d.spec.versions.manager,
            masterVersion: d.spec.versions.master,
            slaveVersion: d.spec.versions.slave,
            hardwareVersion: d.spec.versions.hardware,
            afciVersion: d.spec.versions.afci,
            status: d.spec.status,
            function: { scheduler: d.spec.scheduler },
          }
        },
      },
      '/op/v0/device/variable/get': {
        method: 'GET',
        // the app ships zh, en and pl names; fr, pt and de answer with the English one, as the vendor does for many entries
        handle: () =>
          TABLES.variables.map((v) => {
            const en = VARIABLE_NAMES.en[v.key] ?? v.key
            return { [v.key]: { unit: v.unit, name: { zh_CN: VARIABLE_NAMES.zh[v.key] ?? en, en, de: en, pt: en, fr: en, pl: VARIABLE_NAMES.pl[v.key] ?? en } } }
          }),
      },
      '/op/v0/device/fault/get': { method: 'GET', handle: () => faultTable() },
      '/op/v0/device/real/query': {
        method: 'POST',
        handle: ({ body }) => {
          const variables = variableList(body.variables)
          const list = body.sn === undefined || body.sn === '' ? owned() : [this.device(body.sn)]
          return list.map((d) => this.realTime(d, variables))
        },
      },
      '/op/v1/device/real/query': {
        method: 'POST',
        handle: ({ body }) => {
          const sns = body.sns
          if (!Array.isArray(sns) || sns.length === 0 || sns.length > FoxLimits.realTimeBatchMax || !sns.every((s) => typeof s === 'string')) fail(ERRNO.body, 'sns')
          const variables = variableList(body.variables)
          // only the account's own inverters come back
          return (sns as string[]).flatMap((sn) => {
            const d = this.devices.get(sn)
            return d && d.spec.stationID ? [this.realTime(d, variables)] : []
          })
        },
      },
      '/op/v0/device/history/query': {
        method: 'POST',
        handle: ({ body }) => {
          const d = this.device(body.sn)
          const variables = variableList(body.variables)
          const now = this.clock.now()
          let begin = body.begin
          let end = body.end
          if (begin === undefined && end === undefined) {
            // the document: "the last three days without specifying the time"
            end = now
            begin = now - 3 * 24 * 3600_000
          } else {
            if (!isInt(begin) || !isInt(end) || (end as number) <= (begin as number)) fail(ERRNO.body, 'begin/end')
            if ((end as number) - (begin as number) > FoxLimits.historySpanMs) fail(ERRNO.body, 'span over 24 hours')
          }
          return [this.history(d, variables, begin as number, end as number)]
        },
      },
      '/op/v0/device/report/query': {
        method: 'POST',
        handle: ({ body }) => {
          const d = this.device(body.sn)
          const dimension = body.dimension as string
          if (!(FoxReportDimensions as readonly string[]).includes(dimension)) fail(ERRNO.body, 'dimension')
          if (!isInt(body.year) || (body.year as number) < FoxLimits.reportYearMin) fail(ERRNO.body, 'year')
          if (dimension !== 'year' && (!isInt(body.month) || (body.month as number) < 1 || (body.month as number) > 12)) fail(ERRNO.body, 'month')
          if (dimension === 'day' && (!isInt(body.day) || (body.day as number) < 1 || (body.day as number) > daysIn(body.year as number, body.month as number))) fail(ERRNO.body, 'day')
          if (!Array.isArray(body.variables) || body.variables.length === 0) fail(ERRNO.body, 'variables')
          return this.report(d, dimension as 'day' | 'month' | 'year', body.year as number, body.month as number, body.day as number, body.variables as string[])
        },
      },
      '/op/v0/device/generation': {
        method: 'GET',
        handle: ({ query }) => {
          const d = this.device(query.get('sn'))
          const t = this.dataTime(d)
          const plant = this.plant(d.spec.stationID)!
          const w = wallClock(t, plant.timezone)
          const monthStart = dayRange(`${w.year}-${pad(w.month)}-01`, plant.timezone).begin
          const today = d.model.energy(d.model.localMidnight(t), t).generation
          const month = d.model.energy(monthStart, t).generation
          return { today: round2(today), month: round2(month), cumulative: round2(d.spec.generationBase + today) }
        },
      },
      '/op/v0/device/battery/soc/get': {
        method: 'GET',
        handle: ({ query }) => {
          const d = this.battery(query.get('sn'))
          return { minSoc: d.settings.minSoc, minSocOnGrid: d.settings.minSocOnGrid }
        },
      },
      '/op/v0/device/battery/soc/set': {
        method: 'POST',
        handle: ({ body }) => {
          const d = this.battery(body.sn)
          this.writable(d)
          if (!isSoc(body.minSoc) || !isSoc(body.minSocOnGrid)) fail(ERRNO.body, 'minSoc/minSocOnGrid 10–100')
          if (d.settings.schedulerEnabled) fail(ERRNO.scheduleActive)
          this.change(d, (s) => {
            s.minSoc = body.minSoc as number
            s.minSocOnGrid = body.minSocOnGrid as number
          })
          return null
        },
      },
      '/op/v0/device/battery/forceChargeTime/get': {
        method: 'GET',
        // the document types enable1/enable2 as strings in this answer
        handle: ({ query }) => {
          const fc = this.battery(query.get('sn')).settings.forceCharge
          return { ...structuredClone(fc), enable1: String(fc.enable1), enable2: String(fc.enable2) }
        },
      },
      '/op/v0/device/battery/forceChargeTime/set': {
        method: 'POST',
        handle: ({ body }) => {
          const d = this.battery(body.sn)
          this.writable(d)
          const fc = forceChargeOf(body)
          if (d.settings.schedulerEnabled) fail(ERRNO.scheduleActive)
          this.change(d, (s) => (s.forceCharge = fc))
          return null
        },
      },
      '/op/v0/device/setting/get': {
        method: 'POST',
        handle: ({ body }) => {
          const d = this.settingsDevice(body.sn)
          const key = settingKey(body.key)
          return this.settingValue(d, key)
        },
      },
      '/op/v0/device/setting/set': {
        method: 'POST',
        handle: ({ body }) => {
          const d = this.settingsDevice(body.sn)
          const key = settingKey(body.key)
          this.writable(d)
          if (typeof body.value !== 'string' && typeof body.value !== 'number') fail(ERRNO.body, 'value')
          const value = String(body.value).trim()
          if (key === 'GridCode') {
            if (!GRID_CODES.includes(value)) fail(ERRNO.body, 'GridCode')
            this.change(d, (s) => (s.gridCode = value))
            return null
          }
          const { range, precision } = this.settingValue(d, key)
          const n = Number(value)
          if (value === '' || !Number.isFinite(n) || n < range.min || n > range.max || Math.abs(n / precision - Math.round(n / precision)) > 1e-6) fail(ERRNO.body, `${key} out of range`)
          if ((key === 'MinSoc' || key === 'MinSocOnGrid') && d.settings.schedulerEnabled) fail(ERRNO.scheduleActive)
          this.change(d, (s) => {
            if (key === 'ExportLimit') s.exportLimitW = n
            if (key === 'MinSoc') s.minSoc = n
            if (key === 'MinSocOnGrid') s.minSocOnGrid = n
            if (key === 'MaxSoc') s.maxSoc = n
          })
          return null
        },
      },
      '/op/v0/device/time/get': {
        method: 'POST',
        handle: ({ body }) => {
          const d = this.device(body.sn)
          const w = wallClock(this.clock.now() + d.clockDriftSeconds * 1000, this.plant(d.spec.stationID)?.timezone ?? 'UTC')
          return {
            year: d.spec.twoDigitYear ? pad(w.year % 100) : String(w.year),
            month: String(w.month),
            day: String(w.day),
            hour: String(w.hour),
            minute: String(w.minute),
            second: String(w.second),
          }
        },
      },
      '/op/v0/device/time/set': {
        method: 'POST',
        handle: ({ body }) => {
          const d = this.device(body.sn)
          this.writable(d)
          const field = (name: string, min: number, max: number) => {
            const v = body[name]
            if (typeof v !== 'string' || !/^\d{1,4}$/.test(v) || Number(v) < min || Number(v) > max) fail(ERRNO.body, name)
            return Number(v)
          }
          const yearText = body.year
          if (typeof yearText !== 'string' || !/^(\d{2}|\d{4})$/.test(yearText)) fail(ERRNO.body, 'year')
          const year = (yearText as string).length === 2 ? 2000 + Number(yearText) : Number(yearText)
          const month = field('month', 1, 12)
          const dayOfMonth = field('day', 1, daysIn(year, month))
          const target = {
            year,
            month,
            day: dayOfMonth,
            hour: field('hour', 0, 23),
            minute: field('minute', 0, 59),
            second: field('second', 0, 59),
          }
          const tz = this.plant(d.spec.stationID)?.timezone ?? 'UTC'
          const now = this.clock.now()
          const nowWall = wallClock(now, tz)
          const asUtc = (w: typeof target) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second)
          d.clockDriftSeconds = Math.round((asUtc(target) - asUtc(nowWall)) / 1000)
          return null
        },
      },
      '/op/v0/device/scheduler/get/flag': {
        method: 'POST',
        handle: ({ body }) => {
          const d = this.device(body.deviceSN)
          return { support: d.spec.scheduler ? 1 : 0, enable: d.spec.scheduler && d.settings.schedulerEnabled ? 1 : 0 }
        },
      },
      '/op/v0/device/scheduler/set/flag': { method: 'POST', handle: ({ body }) => this.setSchedulerFlag(body) },
      // the Python sample's path for the same operation
      '/op/v0/device/scheduler/set': { method: 'POST', handle: ({ body }) => this.setSchedulerFlag(body) },
      '/op/v0/device/scheduler/get': {
        method: 'POST',
        handle: ({ body }) => {
          const d = this.schedulerDevice(body.deviceSN)
          return { enable: d.settings.schedulerEnabled ? '1' : '0', groups: structuredClone(d.settings.groups) }
        },
      },
      '/op/v0/device/scheduler/enable': {
        method: 'POST',
        handle: ({ body }) => {
          const d = this.schedulerDevice(body.deviceSN)
          this.writable(d)
          const groups = groupsOf(body.groups)
          this.change(d, (s) => (s.groups = groups))
          return null
        },
      },
      '/op/v0/module/list': {
        method: 'POST',
        handle: ({ body }) =>
          paged(
            owned().map((d) => ({ moduleSN: d.spec.moduleSN, stationID: d.spec.stationID, status: d.spec.status === 3 ? 2 : 1, signal: d.spec.moduleSignal })),
            page(body, FoxLimits.modulePageSizeMax),
          ),
      },
      '/op/v0/user/getAccessCount': {
        method: 'GET',
        handle: ({ key }) => ({ total: String(this.limits.dailyBudget), remaining: String(Math.max(0, this.limits.dailyBudget - this.usedToday(key))) }),
      },
    }
  }

  private battery(sn: unknown): SimDevice {
    const d = this.device(sn)
    if (!d.spec.hasBattery) fail(ERRNO.body, 'no battery')
    return d
  }

  private settingsDevice(sn: unknown): SimDevice {
    const d = this.device(sn)
    if (!d.spec.settings) fail(ERRNO.body, 'settings not supported by this series')
    return d
  }

  private schedulerDevice(sn: unknown): SimDevice {
    const d = this.device(sn)
    if (!d.spec.scheduler) fail(ERRNO.body, 'scheduler not supported')
    return d
  }

  private setSchedulerFlag(body: Record<string, unknown>): null {
    const d = this.schedulerDevice(body.deviceSN)
    this.writable(d)
    if (body.enable !== 0 && body.enable !== 1) fail(ERRNO.body, 'enable')
    this.change(d, (s) => (s.schedulerEnabled = body.enable === 1))
    return null
  }

  private change(d: SimDevice, edit: (s: SimSettings) => void): void {
    edit(d.settings)
    d.model.settingsChanged(this.clock.now())
  }

  private settingValue(d: SimDevice, key: (typeof FoxSettingKeys)[number]) {
    const s = d.settings
    switch (key) {
      case 'ExportLimit':
        return { value: String(s.exportLimitW), unit: 'W', precision: 1, range: { min: 0, max: d.spec.ratedW } }
      case 'MinSoc':
        return { value: String(s.minSoc), unit: '%', precision: 1, range: { min: 10, max: 100 } }
      case 'MinSocOnGrid':
        return { value: String(s.minSocOnGrid), unit: '%', precision: 1, range: { min: 10, max: 100 } }
      case 'MaxSoc':
        return { value: String(s.maxSoc), unit: '%', precision: 1, range: { min: 10, max: 100 } }
      case 'GridCode':
        return { value: s.gridCode, unit: '', precision: 1, range: { min: 0, max: 0 } }
    }
  }

  private realTime(d: SimDevice, variables: string[] | null) {
    const t = this.dataTime(d)
    const values = readingsAt(d.spec, d.model, t, d.spec.faults)
    const wanted = variables ?? Object.keys(values)
    return {
      deviceSN: d.spec.sn,
      time: formatFoxTime(t),
      datas: wanted
        .filter((v) => v in values)
        .map((v) => ({ variable: v, unit: VARIABLES.get(v)?.unit ?? '', name: VARIABLE_NAMES.en[v] ?? v, value: values[v] })),
    }
  }

  private history(d: SimDevice, variables: string[] | null, begin: number, end: number) {
    const last = Math.min(end, this.dataTime(d))
    const keys = (variables ?? variablesOf(d.spec)).filter((v) => VARIABLES.has(v) && variablesOf(d.spec).includes(v))
    const series = new Map<string, { time: string; value: number }[]>(keys.map((k) => [k, []]))
    for (let t = Math.ceil(begin / STEP_MS) * STEP_MS; t <= last; t += STEP_MS) {
      const values = readingsAt(d.spec, d.model, t, d.spec.faults)
      for (const k of keys) {
        const v = values[k]
        if (typeof v === 'number') series.get(k)!.push({ time: formatFoxTime(t), value: v })
      }
    }
    return {
      deviceSN: d.spec.sn,
      datas: keys.map((k) => ({ variable: k, unit: VARIABLES.get(k)?.unit ?? '', name: VARIABLE_NAMES.en[k] ?? k, data: series.get(k)! })),
    }
  }

  private report(d: SimDevice, dimension: 'day' | 'month' | 'year', year: number, month: number, dayOfMonth: number, variables: string[]) {
    const tz = this.plant(d.spec.stationID)?.timezone ?? 'UTC'
    const now = this.dataTime(d)
    const buckets: [number, number][] = []
    if (dimension === 'day') {
      const { begin, end } = dayRange(`${year}-${pad(month)}-${pad(dayOfMonth)}`, tz)
      for (let h = begin; h < end; h += 3600_000) buckets.push([h, Math.min(end, h + 3600_000)])
    } else if (dimension === 'month') {
      for (let day = 1; day <= daysIn(year, month); day++) {
        const r = dayRange(`${year}-${pad(month)}-${pad(day)}`, tz)
        buckets.push([r.begin, r.end])
      }
    } else {
      for (let m = 1; m <= 12; m++) {
        const from = dayRange(`${year}-${pad(m)}-01`, tz).begin
        const to = m === 12 ? dayRange(`${year + 1}-01-01`, tz).begin : dayRange(`${year}-${pad(m + 1)}-01`, tz).begin
        buckets.push([from, to])
      }
    }
    const energies = buckets.map(([from, to]) => (from >= now ? null : d.model.energy(from, Math.min(to, now))))
    const known = ['generation', 'feedin', 'gridConsumption', 'chargeEnergyToTal', 'dischargeEnergyToTal'] as const
    return variables
      .filter((v): v is (typeof known)[number] => (known as readonly string[]).includes(v))
      .map((v) => ({ variable: v, unit: 'kWh', values: energies.map((e) => (e ? round2(e[v]) : 0)) }))
  }

  private savePlant(body: Record<string, unknown>, stationID: string | null) {
    const details = body.details as Record<string, unknown> | undefined
    if (!details || typeof details !== 'object') fail(ERRNO.body, 'details')
    for (const field of ['name', 'countryCode', 'city', 'address', 'postcode'] as const) {
      if (typeof details![field] !== 'string' || !(details![field] as string).trim()) fail(ERRNO.body, `details.${field}`)
    }
    if (![1, 2, 3, 4].includes(details!.type as number)) fail(ERRNO.body, 'details.type')
    if (!/^[A-Z]{2}$/.test(details!.countryCode as string)) fail(ERRNO.body, 'details.countryCode')
    if (typeof body.timezone !== 'string' || !isTimeZone(body.timezone)) fail(ERRNO.body, 'timezone')
    const id = stationID ?? `st-new-${String(this.nextStation++).padStart(4, '0')}`
    const existing = this.plant(id)
    const plant: SimPlant = {
      ...(existing ?? this.plants[0]!),
      stationID: id,
      name: (details!.name as string).trim(),
      timezone: body.timezone as string,
      countryCode: details!.countryCode as string,
      country: details!.countryCode as string,
      city: details!.city as string,
      address: details!.address as string,
      postcode: details!.postcode as string,
      createDate: existing?.createDate ?? this.clock.now(),
    }
    if (existing) Object.assign(existing, plant)
    else this.plants.push(plant)
    const devices = Array.isArray(body.devices) ? (body.devices as { sn?: unknown }[]) : []
    return {
      stationID: id,
      devices: devices.map((entry) => {
        const d = typeof entry?.sn === 'string' ? this.devices.get(entry.sn) : undefined
        if (d) d.spec.stationID = id
        return { device: { sn: String(entry?.sn ?? '') }, sn: String(entry?.sn ?? ''), errno: d ? 0 : ERRNO.body }
      }),
    }
  }
}

// ---- request checks shared by the endpoints

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v)
const isSoc = (v: unknown) => isInt(v) && v >= FoxLimits.socMin && v <= FoxLimits.socMax
const pad = (n: number) => String(n).padStart(2, '0')
const round2 = (v: number) => Math.round(v * 100) / 100
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate()

function variableList(v: unknown): string[] | null {
  if (v === undefined || v === null) return null
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) fail(ERRNO.body, 'variables')
  return (v as string[]).length ? (v as string[]) : null
}

function settingKey(v: unknown): (typeof FoxSettingKeys)[number] {
  if (!(FoxSettingKeys as readonly unknown[]).includes(v)) fail(ERRNO.body, 'key')
  return v as (typeof FoxSettingKeys)[number]
}

function forceChargeOf(body: Record<string, unknown>): FoxForceCharge {
  const time = (v: unknown) => {
    const t = v as { hour?: unknown; minute?: unknown } | undefined
    if (!t || !isInt(t.hour) || !isInt(t.minute)) fail(ERRNO.body, 'time')
    return { hour: t!.hour as number, minute: t!.minute as number }
  }
  if (typeof body.enable1 !== 'boolean' || typeof body.enable2 !== 'boolean') fail(ERRNO.body, 'enable1/enable2')
  const fc: FoxForceCharge = {
    enable1: body.enable1 as boolean,
    enable2: body.enable2 as boolean,
    startTime1: time(body.startTime1),
    endTime1: time(body.endTime1),
    startTime2: time(body.startTime2),
    endTime2: time(body.endTime2),
  }
  if (hasErrors(validateForceCharge(fc))) fail(ERRNO.body, 'force charge time')
  return fc
}

function groupsOf(v: unknown): FoxSchedulerGroup[] {
  if (!Array.isArray(v)) fail(ERRNO.body, 'groups')
  const groups = (v as Record<string, unknown>[]).map((g) => {
    if (!g || typeof g !== 'object') fail(ERRNO.body, 'group')
    if (!(FoxWorkModes as readonly unknown[]).includes(g.workMode)) fail(ERRNO.body, 'workMode')
    for (const k of ['enable', 'startHour', 'startMinute', 'endHour', 'endMinute', 'minSocOnGrid', 'fdSoc']) if (!isInt(g[k])) fail(ERRNO.body, k)
    if (typeof g.fdPwr !== 'number') fail(ERRNO.body, 'fdPwr')
    return g as unknown as FoxSchedulerGroup
  })
  if (hasErrors(validateSchedulerGroups(groups))) fail(ERRNO.body, 'groups')
  return structuredClone(groups)
}

function faultTable() {
  const en = FAULT_NAMES.en
  const zh = FAULT_NAMES.zh
  const pl = FAULT_NAMES.pl
  return TABLES.faults.map((f) => {
    const key = `f${f.code}`
    const placeholder = f.seedPlaceholder ?? `TBD${f.code}`
    return {
      [String(f.code)]: f.placeholder
        ? { en: placeholder, zh_CN: `未知${f.code}`, pl: placeholder }
        : { en: en[key] ?? placeholder, zh_CN: zh[key] ?? en[key] ?? placeholder, pl: (f.plSource === 'vendor' ? pl[key] : en[key]) ?? placeholder },
    }
  })
}

const FAULT_NAMES = {
  en: faultsEn as Record<string, string>,
  zh: faultsZh as Record<string, string>,
  pl: faultsPl as Record<string, string>,
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return null
  }
}

function send(res: ServerResponse, status: number, payload: unknown): void {
  const body = JSON.stringify(payload)
  res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', 'content-length': Buffer.byteLength(body) }).end(body)
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > 1024 * 1024) {
        reject(new Error('too large'))
        req.destroy()
        return
      }
      chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

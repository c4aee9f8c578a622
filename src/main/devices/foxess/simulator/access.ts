/**
 * Who may call the simulated cloud and how often: the open API's signed
 * headers checked as the service checks them, its rate limits and daily
 * budget per key, and the CT API's tokens.
 */
import type { IncomingHttpHeaders } from 'node:http'
import { ERRNO } from '../errno'
import { sign, signaturesEqual } from '../signature'
import { fail } from './sim-errno'
import type { FoxCloudState, KeyState } from './state'

export class FoxCloudAccess {
  readonly keys: Map<string, KeyState>
  readonly ctTokens: Set<string>
  private readonly lastCall = new Map<string, number>()
  private readonly window = new Map<string, number[]>()
  private readonly used = new Map<string, { day: string; count: number }>()

  constructor(
    private readonly cloud: FoxCloudState,
    keys: Record<string, KeyState>,
    ctTokens: string[],
  ) {
    this.keys = new Map(Object.entries(keys))
    this.ctTokens = new Set(ctTokens)
  }

  /** Calls served today for a key. */
  usedToday(key: string): number {
    const u = this.used.get(key)
    return u && u.day === this.budgetDay() ? u.count : 0
  }

  /** Headers as the service checks them: present, fresh, signed as the sample signs, with a known key. */
  authenticate(headers: IncomingHttpHeaders, path: string): string {
    const header = (name: string) => {
      const v = headers[name]
      return typeof v === 'string' ? v : undefined
    }
    const token = header('token')
    const timestamp = header('timestamp')
    const signature = header('signature')
    const lang = header('lang')
    if (!token || !timestamp || !signature || !lang) fail(ERRNO.headers, 'missing header')
    if (!/^\d{10,16}$/.test(timestamp!)) fail(ERRNO.headers, 'timestamp')
    if (Math.abs(this.cloud.clock.now() - Number(timestamp)) > this.cloud.limits.maxSkewMs) fail(ERRNO.headers, 'timestamp out of range')
    if (!signaturesEqual(signature!.toLowerCase(), sign(path, token!, timestamp!))) fail(ERRNO.headers, 'signature')
    const state = this.keys.get(token!)
    if (!state) fail(ERRNO.keyUnknown)
    if (state === 'expired') fail(ERRNO.keyExpired)
    if (state === 'revoked') fail(ERRNO.keyInvalid)
    return token!
  }

  rateLimit(key: string, path: string): void {
    const now = this.cloud.clock.now()
    const id = `${key} ${path}`
    const last = this.lastCall.get(id)
    if (this.cloud.limits.pathIntervalMs > 0 && last !== undefined && now - last < this.cloud.limits.pathIntervalMs) {
      this.lastCall.set(id, now)
      fail(ERRNO.tooFrequent)
    }
    this.lastCall.set(id, now)
    const recent = (this.window.get(key) ?? []).filter((t) => now - t < this.cloud.limits.windowMs)
    if (recent.length >= this.cloud.limits.windowMax) {
      this.window.set(key, recent)
      fail(ERRNO.tooFrequent)
    }
    recent.push(now)
    this.window.set(key, recent)
    const day = this.budgetDay()
    const used = this.used.get(key)
    const count = used && used.day === day ? used.count : 0
    if (count >= this.cloud.limits.dailyBudget) fail(ERRNO.budget)
    this.used.set(key, { day, count: count + 1 })
  }

  private budgetDay(): string {
    return new Date(this.cloud.clock.now()).toISOString().slice(0, 10)
  }
}

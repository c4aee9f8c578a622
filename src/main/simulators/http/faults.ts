/**
 * Faults a simulated HTTP device can play on its next calls to a path: the
 * ways real devices on a LAN misbehave. A refused connection is not a fault
 * of one path: unplug the whole simulator (`HttpSimServer.unplug`).
 */
export type HttpFault =
  /** answers as usual after `ms` of the simulator's clock */
  | { kind: 'slow'; ms: number }
  /** takes the request and never answers (until unplugged or disposed) */
  | { kind: 'hang' }
  /** an HTTP error with the device's error page; `tag` is the device's own code, for the call log */
  | { kind: 'status'; status: number; body?: string; contentType?: string; tag?: number }
  /** a whole HTTP answer whose JSON stops half-way */
  | { kind: 'brokenJson'; body?: string }
  /** the route's own answer, cut off mid-body by a closed connection (a device restarting mid-answer) */
  | { kind: 'truncated' }
  /** the connection is dropped as soon as the request arrives, with no answer */
  | { kind: 'reset' }

export type HttpFaultKind = HttpFault['kind']

export const BROKEN_JSON = '{"errno":0,"result":{"data":[{"id"'

/** Faults waiting per path, each for a number of calls. */
export class FaultBook {
  private readonly faults = new Map<string, { fault: HttpFault; times: number }>()

  inject(path: string, fault: HttpFault, times = 1): void {
    if (times > 0) this.faults.set(path, { fault, times })
  }

  clear(): void {
    this.faults.clear()
  }

  pending(path: string): number {
    return this.faults.get(path)?.times ?? 0
  }

  /** The fault for this call to `path`, used up by it. */
  take(path: string): HttpFault | null {
    const entry = this.faults.get(path)
    if (!entry) return null
    if (--entry.times <= 0) this.faults.delete(path)
    return entry.fault
  }
}

/**
 * A Fox ESS client and the simulator on a real loopback port, sharing one
 * virtual clock: a day of pacing and polling runs in milliseconds.
 */
import { seededUnit } from '../../../core/seeded-random'
import { MemoryLogger } from '../../../log/logger'
import { VirtualClock } from '../../../core/clock'
import { FoxCtApi } from '../ct-api'
import { FoxOpenApi, type FoxClientOptions } from '../open-api'
import { CallPacer } from '../pacer'
import { FoxCloudSimulator, type FoxSimOptions } from '../simulator/server'

export interface Harness {
  clock: VirtualClock
  sim: FoxCloudSimulator
  api: FoxOpenApi
  ct: FoxCtApi
  pacer: CallPacer
  calls: string[]
  close(): Promise<void>
}

export async function harness(
  options: { sim?: FoxSimOptions; client?: Partial<FoxClientOptions>; apiKey?: string; start?: number; baseUrl?: string } = {},
): Promise<Harness> {
  const clock = new VirtualClock(options.start ?? Date.UTC(2026, 10, 21, 10, 0, 0), true)
  const sim = await new FoxCloudSimulator({ clock, ...options.sim }).start()
  const pacer = new CallPacer(clock, seededUnit(42))
  const calls: string[] = []
  const api = new FoxOpenApi({
    clock,
    pacer,
    userAgent: 'Fieldbench/test',
    credentials: async () => ({ baseUrl: options.baseUrl ?? sim.url, apiKey: options.apiKey ?? sim.apiKey }),
    onCall: (path) => calls.push(path),
    log: new MemoryLogger(),
    timeoutMs: 5000,
    ...options.client,
  })
  const ct = new FoxCtApi({ clock, pacer, userAgent: 'Fieldbench/test', credentials: async () => ({ baseUrl: sim.url, token: sim.ctToken }), onCall: (path) => calls.push(path) })
  return { clock, sim, api, ct, pacer, calls, close: () => sim.dispose() }
}

export const SN = {
  krakow: '60H3103A12345601',
  phaseOrder: '60H3080B22345602',
  singlePhase: '60H1050C32345603',
  reversed: '60H3120D42345604',
  bms: '60H3060E52345605',
  meterMissing: '60H3150F62345606',
  offline: '60H3100G72345607',
  alreadyChecking: '60H3100H82345608',
  slow: '60H3100J92345609',
  neverFinishes: '60H3100K02345610',
  gridTied: '60T1000L12345611',
  fails: '60H3050M22345612',
  noDetails: '60H3080N32345613',
} as const

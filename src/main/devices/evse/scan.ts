/**
 * Finding chargers: every address of a range the installer named (and no
 * other) is asked for its SystemInfo, a few at a time, each with a short
 * timeout and no retry: an address where nothing answers is not a charger
 * restarting. Whatever answers as a charger is asked for its Status too, for
 * the state and the meters' health. A cancel stops the requests under way and
 * starts no more.
 */
import { EVSE_SCAN_CONCURRENCY, EVSE_SCAN_TIMEOUT_MS, type EvseScanHealth, type EvseScanHit, type EvseScanProgress } from '@shared/contract'
import type { EvseStatus } from '@shared/devices/evse/answers'
import { isEvseErrorState } from '@shared/devices/evse/states'
import type { Clock } from '../../core/clock'
import type { HostQueue } from '../../transport/http'
import { EvseClient } from './client'

export interface ScanOptions {
  /** the addresses to ask, from `parseScanRange`; nothing else is contacted */
  addresses: readonly string[]
  /** the WebAPI's port; absent: 80 */
  port?: number
  clock: Clock
  concurrency?: number
  timeoutMs?: number
  signal?: AbortSignal
  /** after each address is settled, and once at the end */
  onProgress?: (progress: Omit<EvseScanProgress, 'scanId'>) => void
  queue?: HostQueue
}

export type ScanResult = Omit<EvseScanProgress, 'scanId'>

export function scanHealth(status: EvseStatus | null): EvseScanHealth {
  if (!status) return 'unknown'
  if (isEvseErrorState(status.state)) return 'fault'
  return (status.meter1Errors ?? 0) > 0 || (status.meter2Errors ?? 0) > 0 ? 'warning' : 'ok'
}

export async function scanChargers(options: ScanOptions): Promise<ScanResult> {
  const { addresses, clock, signal } = options
  const concurrency = Math.max(1, Math.min(options.concurrency ?? EVSE_SCAN_CONCURRENCY, 32))
  const hits: EvseScanHit[] = []
  let scanned = 0
  let requests = 0
  let next = 0
  const progress = (phase: ScanResult['phase']): ScanResult => {
    // hits in the range's order, whichever answered first
    const order = (host: string) => addresses.indexOf(host.split(':')[0]!)
    const result = { total: addresses.length, scanned, requests, hits: [...hits].sort((a, b) => order(a.host) - order(b.host)), phase }
    options.onProgress?.(result)
    return result
  }

  const ask = async (address: string): Promise<void> => {
    const host = options.port && options.port !== 80 ? `${address}:${options.port}` : address
    const client = new EvseClient({ host, clock, timeoutMs: options.timeoutMs ?? EVSE_SCAN_TIMEOUT_MS, retry: { retries: 0 }, queue: options.queue, tap: () => requests++ })
    let info
    try {
      info = await client.info(signal)
    } catch {
      return
    }
    // an answer without the charger's identity is some other device's JSON
    if (info.productType === null && info.mac === null) return
    let status: EvseStatus | null = null
    try {
      status = await client.status(signal)
    } catch {
      // found all the same: its health is unknown
    }
    hits.push({
      host,
      productType: info.productType,
      firmware: info.systemVersion ?? status?.systemVersion ?? null,
      mac: info.mac,
      wifi: info.wifi ?? status?.wifi ?? null,
      state: status?.state ?? null,
      generalInfo: info.generalInfo,
      meter1Errors: status?.meter1Errors ?? null,
      meter2Errors: status?.meter2Errors ?? null,
      health: scanHealth(status),
    })
  }

  const worker = async () => {
    while (next < addresses.length && !signal?.aborted) {
      const address = addresses[next++]!
      await ask(address)
      if (signal?.aborted) return
      scanned++
      progress('running')
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, addresses.length) }, worker))
  return progress(signal?.aborted ? 'cancelled' : 'done')
}

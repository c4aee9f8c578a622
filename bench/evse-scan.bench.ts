/**
 * EV charger scan: a 256-address loopback range (127.0.1.0-255) with
 * simulated chargers on five of the addresses, sharing one port as chargers
 * on a site share port 80; the scan as the app runs it (8 addresses at a
 * time, 1.5 s per address, no retry) on the system clock. Every other address
 * refuses the connection at once, as a host without the WebAPI does; a host
 * that does not answer at all costs the timeout instead, figured below from
 * the scan's own numbers.
 */
import { loadavg } from 'node:os'
import { afterAll, it } from 'vitest'
import { EVSE_SCAN_CONCURRENCY, EVSE_SCAN_TIMEOUT_MS } from '../src/shared/contract'
import { parseScanRange } from '../src/shared/devices/evse/range'
import { systemClock } from '../src/main/core/clock'
import { scanChargers } from '../src/main/devices/evse/scan'
import { type Site, site } from '../src/main/devices/evse/test/site'
import { type Figure, percentile, recordFigures } from './lib'

const CHARGERS = ['127.0.1.17', '127.0.1.60', '127.0.1.101', '127.0.1.200', '127.0.1.254']
const RUNS = 5
let chargers: Site | null = null
afterAll(async () => {
  await chargers?.dispose()
})

it('EV charger scan of a 256-address loopback range', async () => {
  chargers = await site(CHARGERS, systemClock)
  const range = parseScanRange('127.0.1.0-255')
  if (!range.ok || range.addresses.length !== 256) throw new Error('the range should hold 256 addresses')
  const walls: number[] = []
  let requests = 0
  let served = 0
  for (let run = 0; run < RUNS; run++) {
    const before = chargers.sims.reduce((n, s) => n + s.server.calls.length, 0)
    const t0 = performance.now()
    const result = await scanChargers({ addresses: range.addresses, port: chargers.port, clock: systemClock })
    walls.push(performance.now() - t0)
    if (result.hits.length !== CHARGERS.length) throw new Error(`found ${result.hits.length} chargers, not ${CHARGERS.length}`)
    requests = result.requests
    served = chargers.sims.reduce((n, s) => n + s.server.calls.length, 0) - before
  }
  const median = percentile(walls, 50)
  const figures: Figure[] = [
    {
      name: `wall time, 256 addresses, ${CHARGERS.length} chargers, ${EVSE_SCAN_CONCURRENCY} at a time — median of ${RUNS}`,
      value: median,
      unit: 'ms',
      note: `load average ${loadavg()[0]!.toFixed(1)} on this machine while measured`,
    },
    { name: 'wall time, slowest run', value: Math.max(...walls), unit: 'ms' },
    { name: 'requests sent per scan — one SystemInfo per address, one Status per charger found', value: requests, unit: 'requests', target: `= 256 + ${CHARGERS.length}`, met: requests === 256 + CHARGERS.length },
    { name: 'requests the chargers served per scan', value: served, unit: 'requests', target: `= 2 × ${CHARGERS.length}`, met: served === 2 * CHARGERS.length },
    {
      name: `worst case on a LAN: every address silent until its ${EVSE_SCAN_TIMEOUT_MS / 1000} s timeout — 256 / ${EVSE_SCAN_CONCURRENCY} × timeout (computed, not measured)`,
      value: (256 / EVSE_SCAN_CONCURRENCY) * (EVSE_SCAN_TIMEOUT_MS / 1000),
      unit: 's',
    },
  ]
  recordFigures('evse-scan', figures)
})

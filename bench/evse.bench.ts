/**
 * EV charger figures against the simulated charger on a loopback address, on
 * a virtual clock shared by client and simulator:
 * - the live status poll at 1 Hz with 8 simulated hours of samples already in
 *   the bounded series store (fed on the clock), each answer stored and the
 *   chart's whole-session window asked of it again (as the open chart redraws
 *   each second): CPU per poll, and memory after 1 h and 8 h;
 * - the power-limit response: from the EVSEPowerAvailable write to Status
 *   showing the new current settled, against the simulator's own settling time.
 */
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterAll, it } from 'vitest'
import { SeriesStore } from '@shared/series/store'
import { VirtualClock } from '../src/main/core/clock'
import { EvseClient } from '../src/main/devices/evse/client'
import { EvseSimulator, SETTLE_MS } from '../src/main/devices/evse/simulator'
import { setPowerAvailable } from '../src/main/devices/evse/toggles'
import { type Figure, percentile, recordFigures } from './lib'

const figures: Figure[] = []
afterAll(() => recordFigures('evse', figures))

const POLL_MS = 1000
/** what the chart shows: the whole session, about a point per pixel of a laptop-wide plot */
const CHART_POINTS = 1200
const SERIES = ['currentA', 'powerW', 'powerAvailableW', 'energyWs'] as const
/** live polls measured after the 8 fed hours: five minutes at 1 Hz */
const LIVE_POLLS = 300
/** Status read while waiting for the current to settle: the figure's resolution */
const SETTLE_POLL_MS = 100
/** the simulator's ramp: a full 32 A step in SETTLE_MS */
const RAMP_MS_PER_A = SETTLE_MS / 32
const VOLTS_3P = 230 * 3

// the heap is read after a full collection, so the figure is what is kept, not garbage not yet collected
setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void
const heapMb = () => {
  gc()
  return process.memoryUsage().heapUsed / 1024 / 1024
}

it('1 Hz status poll with the live chart open, after 8 simulated hours', async () => {
  const clock = new VirtualClock()
  const sim = await new EvseSimulator({ host: '127.0.0.2', clock }).start()
  try {
    sim.charger.plug()
    sim.charger.evWantsCharge = true
    sim.charger.setStarted(true)
    const client = new EvseClient({ host: new URL(sim.url).host, clock })
    const store = new SeriesStore()
    const start = clock.now()
    const stored = () => SERIES.reduce((n, key) => n + store.entries(key, start, clock.now()).length, 0)
    // 8 hours fed as the poll would have fed them: a slow charge curve, one sample a second
    const feed = (hours: number) => {
      for (let i = 0; i < hours * 3600; i++) {
        clock.advance(POLL_MS)
        const amps = 16 + 6 * Math.sin(i / 5000)
        store.append('currentA', clock.now(), amps)
        store.append('powerW', clock.now(), amps * VOLTS_3P)
        store.append('powerAvailableW', clock.now(), 22 * VOLTS_3P)
        store.append('energyWs', clock.now(), i * 16 * VOLTS_3P)
      }
    }
    feed(1)
    const heapAt1h = heapMb()
    const entriesAt1h = stored()
    feed(7)
    const heapAt8h = heapMb()
    // then the live poll for real over loopback HTTP, each answer stored and the chart's whole-session window asked again
    let failed = 0
    const cpu0 = process.cpuUsage()
    const wall0 = performance.now()
    for (let i = 0; i < LIVE_POLLS; i++) {
      clock.advance(POLL_MS)
      try {
        const s = await client.status()
        for (const key of SERIES) store.append(key, clock.now(), s[key] ?? NaN)
      } catch {
        failed++
      }
      for (const key of SERIES) store.query(key, { from: start, to: clock.now(), points: CHART_POINTS })
    }
    const used = process.cpuUsage(cpu0)
    const perPoll = (used.user + used.system) / 1000 / LIVE_POLLS
    const wallPerPoll = (performance.now() - wall0) / LIVE_POLLS
    figures.push(
      { name: 'CPU per 1 Hz status poll after 8 h (HTTP read, parse, 4 series stored, chart window queried)', value: perPoll, unit: 'ms', target: '< 10 ms (1 % of a core at 1 Hz)', met: perPoll < 10, note: `${((perPoll / POLL_MS) * 100).toFixed(2)} % of one core at 1 Hz; ${LIVE_POLLS} polls over loopback, ${failed} failed, ${wallPerPoll.toFixed(1)} ms of wall time each` },
      { name: 'heap after 1 simulated hour of samples', value: heapAt1h, unit: 'MB' },
      { name: 'heap after 8 simulated hours of samples', value: heapAt8h, unit: 'MB', target: '< heap after 1 h + 16 MB (bounded store)', met: heapAt8h < heapAt1h + 16 },
      { name: 'heap after the live polls', value: heapMb(), unit: 'MB' },
      { name: 'series entries kept after 8 h', value: stored(), unit: 'entries', note: `${entriesAt1h} after 1 h; 4 series, bounded by the store's tiers` },
    )
  } finally {
    await sim.dispose()
  }
})

it('power-limit response: the write to the settled current, against the simulator\'s settling', async () => {
  const clock = new VirtualClock(undefined, true)
  const sim = await new EvseSimulator({ host: '127.0.0.3', clock }).start()
  try {
    sim.charger.config = { ...sim.charger.config, ControlStrategy: 1, ChargeCurrent: 16 }
    sim.charger.plug()
    sim.charger.evWantsCharge = true
    sim.charger.setStarted(true)
    const client = new EvseClient({ host: new URL(sim.url).host, clock })
    await clock.sleep(SETTLE_MS)
    // three-phase steps: 16 A → 10 A, 10 A → 6 A, 6 A → 16 A (the limit lifted above the charge current)
    const steps = [
      { watts: 10 * VOLTS_3P, amps: 10 },
      { watts: 6 * VOLTS_3P, amps: 6 },
      { watts: 22 * VOLTS_3P, amps: 16 },
    ]
    const lags: number[] = []
    const wall: number[] = []
    for (const step of steps) {
      const from = (await client.status()).currentA ?? 0
      const wall0 = performance.now()
      const writtenAt = clock.now()
      const result = await setPowerAvailable(client, clock, step.watts)
      let settledAt: number | null = null
      while (clock.now() - writtenAt < 4 * SETTLE_MS) {
        const s = await client.status()
        if (s.currentA === step.amps) {
          settledAt = clock.now()
          break
        }
        await clock.sleep(SETTLE_POLL_MS)
      }
      wall.push(performance.now() - wall0)
      const own = Math.abs(step.amps - from) * RAMP_MS_PER_A
      const measured = settledAt === null ? NaN : settledAt - writtenAt
      lags.push(measured - own)
      figures.push({
        name: `power limit ${step.watts} W (${from} A → ${step.amps} A): write to settled current`,
        value: measured,
        unit: 'ms',
        target: `≤ simulator's own ${own} ms + ${SETTLE_POLL_MS} ms of Status polling`,
        met: measured <= own + SETTLE_POLL_MS,
        note: `limit ${result.outcome} in Status after ${result.afterMs} ms; the simulator settles any step within ${SETTLE_MS} ms`,
      })
    }
    figures.push(
      { name: 'power-limit response beyond the simulator\'s settling (worst step)', value: Math.max(...lags), unit: 'ms', note: 'the write, the Status reads and their resolution' },
      { name: 'wall time of one limit step over loopback (virtual clock)', value: percentile(wall, 50), unit: 'ms', note: 'median of the three steps' },
    )
  } finally {
    await sim.dispose()
  }
})

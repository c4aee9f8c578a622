/**
 * UPS protocol files: load and lint time of the maker's seed file (flattened,
 * UTF-8) and of a generated multi-line file with 10,000 values, in UTF-8 and
 * in GBK (decode included: the editor re-reads the text as the user types).
 * The monitor: one full poll of every value against its wire time at the
 * profile's baud rate, and main's memory after a simulated day at 1 Hz (the
 * monitor polling the simulator, every poll logged to CSV) against after its
 * first hour. The page's memory is bench/ups-monitor-page.bench.ts.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { it } from 'vitest'
import { VirtualClock } from '../src/main/core/clock'
import { UpsClient } from '../src/main/devices/ups/client'
import { defaultFraming } from '../src/main/devices/ups/framing'
import { directLinkPair } from '../src/main/devices/ups/direct-link'
import { startPtyUps, UPS_LINE } from '../src/main/devices/ups/harness'
import { UpsMonitor } from '../src/main/devices/ups/monitor'
import { UpsPollLog } from '../src/main/devices/ups/poll-log'
import { shippedProtocol } from '../src/main/devices/ups/shipped'
import { UpsSimulator } from '../src/main/devices/ups/simulator'
import { MemoryLogger } from '../src/main/log/logger'
import { PortManager } from '../src/main/transport/serial/manager'
import { MemoryLinkPair } from '../src/main/transport/serial/memory-link'
import { pollCommands } from '../src/shared/devices/ups/readings'
import { expectedUnits, replyBytes, requestBytes } from '../src/shared/devices/ups/wire'
import { decodeIni, encodeGbk } from '../src/shared/devices/ups/encoding'
import { overlay } from '../src/shared/devices/ups/inspect'
import { loadProtocol } from '../src/shared/devices/ups/lint'
import { type Figure, percentile, recordFigures, round } from './lib'

const SEED = resolve(import.meta.dirname, '../docs/devices/ups-rs232-protocol.zh.ini')

/** 10,000 values in 40 commands of 250 words each; every fifth a run of status bits sharing a word. */
function generated(count: number): string {
  const lines = ['; generated for the bench', '[CMD]', `cmd-count=${count}`]
  for (let n = 1; n <= count; n++) {
    if (n % 250 === 1) lines.push(`;第${Math.ceil(n / 250)}组`)
    lines.push(`cmd-${n}=数值${n}电压`)
  }
  for (let n = 1; n <= count; n++) {
    const slot = (n - 1) % 250
    const bits = slot % 5 === 4
    lines.push(`;数值${n}`, `[cmd-${n}]`, `SendCmd=${(Math.floor((n - 1) / 250) + 1).toString(16).padStart(2, '0')}`, `Index=${slot * 4}`, 'Len=4')
    if (bits) lines.push('Sbit=3', 'Ebit=3')
    lines.push('type=WORD')
  }
  return `${lines.join('\r\n')}\r\n`
}

/** Wall time, and CPU time of this process, which a machine shared with other work distorts less. */
function time(runs: number, fn: () => unknown): { median: number; p95: number; cpu: number } {
  fn()
  const samples: number[] = []
  const cpu: number[] = []
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    fn()
    samples.push(performance.now() - t0)
    const c = process.cpuUsage(c0)
    cpu.push((c.user + c.system) / 1000)
  }
  return { median: percentile(samples, 50), p95: percentile(samples, 95), cpu: percentile(cpu, 50) }
}

it('UPS protocol files: load and lint', () => {
  const seed = new Uint8Array(readFileSync(SEED))
  const big = generated(10_000)
  const bigUtf8 = new TextEncoder().encode(big)
  const bigGbk = encodeGbk(big)
  const check = loadProtocol(decodeIni(bigGbk).text)
  if (check.protocol.values.length !== 10_000 || check.findings.length) throw new Error('the generated file should load clean with 10,000 values')
  const seedTime = time(200, () => loadProtocol(decodeIni(seed).text))
  const bigTime = time(20, () => loadProtocol(decodeIni(bigUtf8).text))
  const bigGbkTime = time(20, () => loadProtocol(decodeIni(bigGbk).text))
  const load = `load average ${loadavg()[0]!.toFixed(1)} on this machine while measured`
  const figures: Figure[] = [
    { name: `seed file (121 values, flattened, ${seed.length} B): decode + load + lint, wall — median of 200`, value: seedTime.median, unit: 'ms', note: load },
    { name: 'seed file, wall p95', value: seedTime.p95, unit: 'ms' },
    { name: 'seed file, CPU time — median', value: seedTime.cpu, unit: 'ms' },
    { name: `generated file, 10,000 values (${bigUtf8.length} B, UTF-8, CR LF): decode + load + lint, wall — median of 20`, value: bigTime.median, unit: 'ms' },
    { name: 'same, wall p95', value: bigTime.p95, unit: 'ms' },
    { name: 'same, CPU time — median', value: bigTime.cpu, unit: 'ms' },
    { name: `same file in GBK (${bigGbk.length} B; UTF-8 tried first, then GBK), wall — median of 20`, value: bigGbkTime.median, unit: 'ms' },
    { name: 'same in GBK, CPU time — median', value: bigGbkTime.cpu, unit: 'ms' },
  ]
  recordFigures('ups-protocol-files', figures)
})

/** The seed's mistake at scale: 10,000 values on one placeholder place (every status bit at bit 0). */
function placeholder(count: number): string {
  const lines = ['; generated for the bench', '[CMD]', `cmd-count=${count}`, ';占位']
  for (let n = 1; n <= count; n++) lines.push(`cmd-${n}=数值${n}电压`)
  for (let n = 1; n <= count; n++) {
    lines.push(`[cmd-${n}]`, 'SendCmd=01', 'Index=13', 'Len=4')
    if (n % 5 === 0) lines.push('Sbit=0', 'Ebit=0')
    lines.push('type=WORD')
  }
  return `${lines.join('\r\n')}\r\n`
}

it('UPS protocol editor: live lint and the answer inspector at 10,000 values', () => {
  const text = placeholder(10_000)
  const bytes = new TextEncoder().encode(text)
  const check = loadProtocol(text)
  if (!check.findings.some((f) => f.code === 'placeholder' && f.params.count === 10_000)) throw new Error('the generated file should be one placeholder of 10,000 values')
  const lintTime = time(20, () => loadProtocol(decodeIni(bytes).text))
  const reply = new Uint8Array(1 + 1000 + 1).fill(0x30)
  reply[0] = 0x7e
  reply[reply.length - 1] = 0x0d
  const shape = { prefixLength: 1, terminator: new Uint8Array([0x0d]), data: 'ascii-hex' as const, byteOrder: 'big' as const }
  const overlayTime = time(20, () => overlay(check.protocol.values, { command: 1, bytes: reply }, shape))
  const { protocol: clean } = loadProtocol(generated(10_000))
  const cleanOverlay = time(20, () => overlay(clean.values, { command: 1, bytes: reply }, shape))
  recordFigures('ups-protocol-editor', [
    { name: `placeholder file, 10,000 values at one place (${bytes.length} B, UTF-8, CR LF): decode + load + lint, wall — median of 20`, value: lintTime.median, unit: 'ms', note: `load average ${loadavg()[0]!.toFixed(1)} on this machine while measured` },
    { name: 'same, CPU time — median (each value was copied into its run before: quadratic)', value: lintTime.cpu, unit: 'ms' },
    { name: 'answer inspector: a 1,002-byte reply under those 10,000 overlapping values, CPU time — median of 20', value: overlayTime.cpu, unit: 'ms' },
    { name: 'answer inspector: a 1,002-byte reply under the clean file’s 250 values of that command, CPU time — median of 20', value: cleanOverlay.cpu, unit: 'ms' },
  ])
})

/** Bytes one poll puts on the line both ways: each command's request and its whole reply. */
function pollBytes(): number {
  const protocol = shippedProtocol()
  return pollCommands(protocol).reduce((n, c) => n + requestBytes(defaultFraming, c).length + replyBytes(defaultFraming, new Uint8Array(expectedUnits(defaultFraming, c)!)).length, 0)
}

it('UPS monitor: one full poll of all values, wall time against wire time', async () => {
  const protocol = shippedProtocol()
  const bytes = pollBytes()
  const baud = defaultFraming.line.baud
  const wireMs = (bytes * 10 * 1000) / baud
  const poll = async (client: UpsClient) => {
    const t0 = performance.now()
    for (const c of pollCommands(protocol)) if (!(await client.read(c)).ok) throw new Error('the simulator should answer every command')
    return performance.now() - t0
  }
  // a pseudo-terminal pair: socat does not pace bytes at the baud rate, so this is the app's and the simulator's own time
  const ups = await startPtyUps()
  const session = await ups.ports.open(ups.path, UPS_LINE, 'bench')
  const ptyClient = new UpsClient(session, defaultFraming)
  const pty: number[] = []
  for (let i = 0; i < 30; i++) pty.push(await poll(ptyClient))
  ptyClient.dispose()
  await ups.close()
  // demo mode's in-process line, paced like a UART at the profile's baud rate
  const pair = new MemoryLinkPair('sim:ups', { baudRate: baud })
  const sim = new UpsSimulator()
  sim.attach(pair.device)
  const ports = new PortManager({ lister: { list: async () => [] }, opener: { open: async () => pair.host }, log: new MemoryLogger(), pollMs: 60_000 })
  const paced = new UpsClient(await ports.open('sim:ups', UPS_LINE, 'bench'), defaultFraming)
  const memory: number[] = []
  for (let i = 0; i < 10; i++) memory.push(await poll(paced))
  paced.dispose()
  await ports.stop()
  recordFigures('ups-monitor-poll', [
    { name: `wire time of one poll at ${baud} baud (${pollCommands(protocol).length} commands, ${bytes} B both ways, 10 bits a byte)`, value: round(wireMs), unit: 'ms', note: `load average ${loadavg()[0]!.toFixed(1)} on this machine while measured` },
    { name: 'one full poll over a pseudo-terminal pair (no line pacing), wall — median of 30', value: round(percentile(pty, 50)), unit: 'ms' },
    { name: 'same, wall p95', value: round(percentile(pty, 95)), unit: 'ms' },
    { name: `one full poll over demo mode's line paced at ${baud} baud, wall — median of 10`, value: round(percentile(memory, 50)), unit: 'ms' },
  ])
})

/** main's heap after the GC the bench worker may call (bench/vitest.config.ts gives it --expose-gc) */
function heapAfterGc(): number {
  if (!globalThis.gc) throw new Error('run the bench through bench/vitest.config.ts: its worker needs --expose-gc for a heap figure that is not garbage')
  globalThis.gc()
  globalThis.gc()
  return process.memoryUsage().heapUsed
}

/** A mains failure of a minute every half hour, so alarms rise and clear through the day and main's alarm history reaches its cap. */
const MAINS_EVERY_S = 1800
const MAINS_OUT_S = 60

it('UPS monitor: memory of main after a simulated 24 hours at 1 Hz against after the first hour', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fieldbench-ups-bench-'))
  // the monitor as the module runs it: polls over an in-process line on a virtual clock that jumps to the next poll
  const clock = new VirtualClock(Date.UTC(2026, 10, 21, 10, 0, 0), true)
  const sim = new UpsSimulator({ clock })
  const pair = directLinkPair()
  sim.attach(pair.device)
  const ports = new PortManager({ lister: { list: async () => [] }, opener: pair.opener, log: new MemoryLogger(), pollMs: 60_000 })
  try {
    const protocol = shippedProtocol()
    const session = await ports.open('/dev/ttyUPS', UPS_LINE, 'bench')
    const monitor = new UpsMonitor({ session, protocol, framing: defaultFraming, clock, intervalMs: 1000 })
    const log = new UpsPollLog({ path: join(dir, 'ups.csv'), protocol, framing: defaultFraming, timeZone: 'UTC' })
    const startedAt = clock.now()
    const before = heapAfterGc()
    // main's heap after GC at the end of each hour
    const hourly: number[] = []
    const day = new Promise<void>((done) => {
      monitor.onPoll((poll) => {
        log.write(poll)
        // the virtual clock's list of every sleep is a test aid the app's clock does not keep
        clock.sleeps.length = 0
        const second = Math.round((poll.at - startedAt) / 1000)
        if (second % MAINS_EVERY_S === MAINS_EVERY_S - MAINS_OUT_S) sim.setScenario('mainsFailure')
        if (second % MAINS_EVERY_S === 0) sim.setScenario('normal')
        if (second > 0 && second % 3600 === 0) hourly.push(heapAfterGc())
        if (second >= 24 * 3600) done()
      })
    })
    monitor.onAlarm((alarm) => log.alarm(alarm))
    const t0 = performance.now()
    monitor.start()
    await day
    const wall = performance.now() - t0
    await monitor.stop()
    const alarms = monitor.alarms()
    const summary = log.close({ startedAt, endedAt: clock.now(), port: 'bench', file: 'shipped', link: 'ok', alarms })
    const mb = (n: number) => n / 1024 / 1024
    const [firstHour, dayHeap, highest] = [hourly[0]!, hourly.at(-1)!, Math.max(...hourly.slice(1))]
    const growth = ((dayHeap - firstHour) / firstHour) * 100
    const highGrowth = ((highest - firstHour) / firstHour) * 100
    const pct = (n: number) => `${n >= 0 ? '+' : ''}${n.toFixed(1)} %`
    recordFigures('ups-monitor-memory', [
      { name: 'main heap after the first simulated hour at 1 Hz (monitor + poll log)', value: mb(firstHour), unit: 'MB', note: `after GC; ${mb(firstHour - before).toFixed(2)} MB over the heap before the monitor started; load average ${loadavg()[0]!.toFixed(1)} on this machine while measured` },
      { name: 'main heap after 24 simulated hours', value: mb(dayHeap), unit: 'MB', note: `after GC; ${pct(growth)} against the first hour; ${monitor.polls} polls, a minute's mains failure every ${MAINS_EVERY_S / 60} min, ${alarms.history.length} cleared alarms kept`, target: 'within 10 % of 1 h', met: Math.abs(growth) <= 10 },
      { name: 'main heap, highest of the hours 2 to 24', value: mb(highest), unit: 'MB', note: `after GC; ${pct(highGrowth)} against the first hour` },
      { name: `CSV written in 24 h (${summary.rows} rows, ${summary.files.length} files)`, value: mb(summary.bytes), unit: 'MB' },
      { name: 'wall time of the simulated 24 h (poll + decode + log)', value: wall / 1000, unit: 's' },
    ])
  } finally {
    await ports.stop()
    rmSync(dir, { recursive: true, force: true })
  }
})

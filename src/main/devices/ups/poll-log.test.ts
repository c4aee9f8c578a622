import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { VirtualClock } from '../../core/clock'
import { MemoryLogger } from '../../log/logger'
import { PortManager } from '../../transport/serial/manager'
import { directLinkPair } from './direct-link'
import { defaultFraming } from './framing'
import { UPS_LINE } from './harness'
import { UpsMonitor } from './monitor'
import { UpsPollLog } from './poll-log'
import { shippedProtocol } from './shipped'
import { UpsSimulator } from './simulator'
import { pollCommands, readCommand } from '@shared/devices/ups/readings'
import { replyData } from '@shared/devices/ups/wire'


describe('UPS poll log', () => {
  let dir: string
  let ports: PortManager
  let clock: VirtualClock
  let sim: UpsSimulator
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fieldbench-ups-log-'))
    // 10:00 UTC: a day of logging crosses midnight once
    clock = new VirtualClock(Date.UTC(2026, 10, 21, 10, 0, 0), true)
    sim = new UpsSimulator({ clock })
    const pair = directLinkPair()
    sim.attach(pair.device)
    ports = new PortManager({ lister: { list: async () => [] }, opener: pair.opener, log: new MemoryLogger(), pollMs: 60_000 })
  })
  afterEach(async () => {
    await ports.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  const monitorWithLog = async (path: string, rotateBytes?: number) => {
    const session = await ports.open('/dev/ttyUPS', UPS_LINE, 'test')
    const protocol = shippedProtocol()
    const monitor = new UpsMonitor({ session, protocol, framing: defaultFraming, clock, intervalMs: 1000 })
    const log = new UpsPollLog({ path, protocol, framing: defaultFraming, timeZone: 'UTC', rotateBytes })
    monitor.onPoll((p) => log.write(p))
    monitor.onAlarm((a) => log.alarm(a))
    return { monitor, log }
  }
  const after = (monitor: UpsMonitor, polls: number) =>
    new Promise<void>((resolve) => {
      const off = monitor.onPoll(() => {
        if (monitor.polls < polls) return
        off()
        resolve()
      })
    })

  it('logs every poll of a simulated 24 hours at 1 Hz, a file a day, with memory flat after the first hour', { timeout: 300_000 }, () => {
    // the UPS's replies decoded as the monitor decodes them, a poll a second on the clock moved by hand
    const path = join(dir, 'ups.csv')
    const protocol = shippedProtocol()
    const log = new UpsPollLog({ path, protocol, framing: defaultFraming, timeZone: 'UTC' })
    const commands = pollCommands(protocol)
    const started = clock.now()
    let firstHour = 0
    for (let second = 1; second <= 24 * 3600; second++) {
      clock.advance(1000)
      if (second === 14 * 3600) sim.setScenario('mainsFailure')
      if (second === 14 * 3600 + 60) sim.setScenario('normal')
      const raw = new Map<number, number | null>()
      for (const command of commands) {
        const data = replyData(defaultFraming, command, sim.replyUnits(command)!)
        if (data.ok) for (const [n, value] of readCommand(protocol, defaultFraming, command, data.bytes)) raw.set(n, value)
      }
      log.write({ at: clock.now(), raw, link: 'ok' })
      if (second === 3600) {
        global.gc?.()
        firstHour = process.memoryUsage().heapUsed
      }
    }
    global.gc?.()
    const day = process.memoryUsage().heapUsed
    const summary = log.close({ startedAt: started, endedAt: clock.now(), port: '/dev/ttyUPS', file: 'shipped', link: 'ok', alarms: { active: [], history: [] } })
    expect(summary.rows).toBe(24 * 3600)
    expect(summary.files.map((f) => f.slice(dir.length + 1))).toEqual(['ups.csv', 'ups.1.csv'])
    const first = readFileSync(summary.files[0]!, 'utf8').split('\r\n')
    const second = readFileSync(summary.files[1]!, 'utf8').split('\r\n')
    // a header in each and one row a second: 14 hours to midnight, 10 after it
    expect([first.length - 2, second.length - 2]).toEqual([14 * 3600 - 1, 10 * 3600 + 1])
    expect(first[1]).toMatch(/^2026-11-21T10:00:01\.000\+00:00,ok,2[12]\d\.\d,/)
    expect(second[1]).toMatch(/^2026-11-22T00:00:00\.000\+00:00,ok,/)
    // the mains failure at 00:00 the next day: mains input at 0 V for a minute
    expect(second[1]!.split(',')[2]).toBe('0.0')
    expect(first[0]!.split(',')).toHaveLength(2 + 121)
    // flat: a day adds noise, not a day of samples (86,400 rows of 121 values held would be tens of MB)
    expect(day - firstHour).toBeLessThan(16 * 1024 * 1024)
  })

  it('starts a new file when one reaches its size, each with its header', async () => {
    const path = join(dir, 'small.csv')
    const { monitor, log } = await monitorWithLog(path, 10_000)
    monitor.start()
    await after(monitor, 40)
    sim.setScenario('mainsFailure')
    await after(monitor, 60)
    sim.setScenario('normal')
    await after(monitor, 100)
    await monitor.stop()
    const summary = log.close({ startedAt: 0, endedAt: clock.now(), port: 'p', file: 'f', link: 'ok', alarms: monitor.alarms() })
    expect(summary.files.length).toBeGreaterThan(4)
    expect(readdirSync(dir).filter((f) => /^small(\.\d+)?\.csv$/.test(f))).toHaveLength(summary.files.length)
    for (const file of summary.files) expect(readFileSync(file, 'utf8').startsWith('\uFEFFtime,link,cmd-1 ')).toBe(true)
    const rows = summary.files.reduce((n, f) => n + readFileSync(f, 'utf8').split('\r\n').length - 2, 0)
    expect(rows).toBe(100)
    const alarms = readFileSync(join(dir, 'small.alarms.csv'), 'utf8')
    expect(alarms).toMatch(/,raised,cmd-23,/)
    expect(alarms).toMatch(/,cleared,cmd-23,/)
    const session = JSON.parse(readFileSync(join(dir, 'small.session.json'), 'utf8')) as { rows: number; alarms: { key: string; cleared?: string }[] }
    expect(session.rows).toBe(100)
    expect(session.alarms.find((a) => a.key === 'cmd-23')?.cleared).toMatch(/\+00:00$/)
  })
})

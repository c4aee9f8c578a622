import { mkdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import {
  AppError,
  serialPortKey,
  type UpsFileInUse,
  UPS_SIM_ID,
  type UpsMonitorLayout,
  type UpsMonitorView,
  type upsMonitorInvokeMethods,
  type UpsSimState,
} from '@shared/contract'
import type { FramingProfile } from '@shared/devices/ups/framing'
import { indicatorKind } from '@shared/devices/ups/indicators'
import type { UpsProtocol } from '@shared/devices/ups/protocol'
import type { DeviceModule, ModuleContext } from '../../core/module'
import { serialSimPanel } from '../../core/serial-sim-panel'
import type { PortSession } from '../../transport/serial/session'
import { unitOf } from './files'
import { closeLeftOpenSessions, logCsv, UpsLogJob } from './log-job'
import { UpsMonitor } from './monitor'
import { monitorSource } from './monitor-source'
import { UpsPollLog } from './poll-log'
import type { UpsSimulator } from './simulator'
import zhNames from '../../../../locales/zh/upsNames.json'

const OWNER = 'upsMonitor'

const notRunning = (): UpsSimState => ({ running: false, plugged: false, mains: true, scenario: 'normal', lineFault: 'none', stage: 'online', capacity: 0, load: 0 })

export const lineOf = (framing: FramingProfile) => ({
  baudRate: framing.line.baud,
  dataBits: framing.line.dataBits,
  parity: framing.line.parity,
  stopBits: framing.line.stopBits,
})

/** How the page lays the file out: groups, names, lights, and what the file leaves unplaced. */
export function layoutOf(protocol: UpsProtocol, framing: FramingProfile, file: UpsFileInUse): UpsMonitorLayout {
  const groups = new Map(protocol.groups.map((g) => [g.id, g]))
  return {
    file: file.name,
    fileInUse: file,
    groups: protocol.groups.map((g) => ({ id: g.id, name: g.name, values: [...g.values], localized: zhNames.groups[`c${g.id}` as keyof typeof zhNames.groups] === g.name })),
    values: protocol.values.map((v) => ({
      n: v.n,
      name: v.name,
      ...(v.group !== undefined ? { group: v.group } : {}),
      indicator: indicatorKind(v, v.group !== undefined ? groups.get(v.group) : undefined),
      unit: unitOf(v, framing).unit,
      localized: zhNames.values[`c${v.n}` as keyof typeof zhNames.values] === v.name,
    })),
    notMeasurable: protocol.values.filter((v) => !v.measurable).map((v) => v.n),
  }
}

interface Running {
  monitor: UpsMonitor
  session: PortSession
  log: UpsLogJob | null
  logPath: string | null
  layout: UpsMonitorLayout
}

/** The UPS monitor: one at a time, polling while it runs (not only while the page is open, so a night's log goes on), and the demo panel of its simulator. */
export function upsMonitorModule(context: ModuleContext): DeviceModule<typeof upsMonitorInvokeMethods> {
  const { bus, ports, simulators, clock, jobs, records, platform } = context
  closeLeftOpenSessions(records, bus)
  let running: Running | null = null
  let lastLayout: UpsMonitorLayout | null = null

  const view = (): UpsMonitorView => {
    if (!running) {
      return {
        running: false,
        path: null,
        file: lastLayout?.file ?? null,
        intervalMs: 0,
        link: { state: 'connecting', lastAnswerAt: null, problem: null },
        readings: [],
        alarms: { active: [], history: [] },
        stats: { polls: 0, requests: 0, answers: 0, timeouts: 0, badAnswers: 0, junkBytes: 0 },
        logPath: null,
        logRecordId: null,
      }
    }
    const { monitor, session, log, logPath, layout } = running
    return {
      running: true,
      path: session.path,
      file: layout.file,
      intervalMs: monitor.intervalMs,
      link: monitor.link,
      readings: monitor.readings(),
      alarms: monitor.alarms(),
      stats: monitor.stats,
      logPath: log && !log.done ? logPath : null,
      logRecordId: log && !log.done ? log.recordId : null,
    }
  }

  const stop = async () => {
    const was = running
    if (!was) return
    running = null
    if (was.log) {
      was.log.stop()
      await jobs.whenStopped(was.log.recordId)
    }
    await was.monitor.stop()
    await ports.close(was.session.path, OWNER).catch(() => undefined)
    bus.emit('ups:monitor', view())
  }

  const panel = serialSimPanel<UpsSimState, UpsSimulator>({ simulators, ports }, UPS_SIM_ID, (state) => bus.emit('ups:sim', state))
  const simulator = panel.simulator

  return {
    id: 'upsMonitor',
    handlers: {
      upsMonitorStart: async ({ path, file, intervalMs, log: logging, logPath }) => {
        await stop()
        const { protocol, framing, inUse } = await monitorSource(file, platform.dataDir)
        const logTo = logging || logPath ? (logPath ?? join(platform.dataDir, 'ups-logs', `ups-${new Date(clock.now()).toISOString().replace(/[:.]/g, '-')}.csv`)) : null
        const session = await ports.open(path, lineOf(framing), OWNER)
        const monitor = new UpsMonitor({ session, protocol, framing, clock, intervalMs })
        let log: UpsLogJob | null = null
        try {
          if (logTo) {
            await mkdir(dirname(logTo), { recursive: true })
            const names = new Map(protocol.values.map((v) => [v.n, v.name]))
            await jobs.launch(serialPortKey(path), () => {
              log = UpsLogJob.create(context.jobDeps, { port: path, file: inUse, intervalMs: monitor.intervalMs, monitor, log: new UpsPollLog({ path: logTo, protocol, framing }), valueName: (n) => names.get(n) })
              return log
            })
          }
        } catch (err) {
          await ports.close(path, OWNER).catch(() => undefined)
          throw err
        }
        lastLayout = layoutOf(protocol, framing, inUse)
        running = { monitor, session, log, logPath: logTo, layout: lastLayout }
        monitor.onPoll(() => bus.emit('ups:monitor', view()))
        monitor.start()
        return view()
      },
      upsMonitorStop: async () => {
        await stop()
        return view()
      },
      upsLogCsv: ({ id, index }) => logCsv(records, id, index),
      upsMonitorState: () => view(),
      upsMonitorLayout: () => lastLayout,
      upsSimState: () => simulator()?.state() ?? notRunning(),
      upsSimControl: async (input) => {
        const sim = simulator()
        if (!sim) throw new AppError('upsSimulatorOff')
        switch (input.action) {
          case 'scenario':
            sim.setScenario(input.scenario)
            break
          case 'lineFault':
            sim.setLineFault(input.fault)
            break
          case 'mains':
            sim.setMains(input.on)
            break
          case 'pullCable':
          case 'plugCable':
            await panel.cable(sim, input.action === 'plugCable')
            break
        }
        return panel.show(sim)
      },
    },
    async dispose() {
      panel.dispose()
      await stop()
    },
  }
}

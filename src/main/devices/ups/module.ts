import {
  AppError,
  UPS_SIM_ID,
  type UpsMonitorLayout,
  type UpsMonitorView,
  type upsMonitorInvokeMethods,
  type UpsSimState,
} from '@shared/contract'
import type { FramingProfile } from '@shared/devices/ups/framing'
import { indicatorKind } from '@shared/devices/ups/indicators'
import type { UpsProtocol } from '@shared/devices/ups/protocol'
import { pollCommands } from '@shared/devices/ups/readings'
import type { DeviceModule, ModuleContext } from '../../core/module'
import { serialSimPanel } from '../../core/serial-sim-panel'
import type { PortSession } from '../../transport/serial/session'
import { readProtocolFile, unitOf } from './files'
import { defaultFraming } from './framing'
import { UpsMonitor } from './monitor'
import { UpsPollLog } from './poll-log'
import { SHIPPED_INI_NAME, shippedProtocol } from './shipped'
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
export function layoutOf(protocol: UpsProtocol, framing: FramingProfile, file: string): UpsMonitorLayout {
  const groups = new Map(protocol.groups.map((g) => [g.id, g]))
  return {
    file,
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
  log: UpsPollLog | null
  layout: UpsMonitorLayout
  startedAt: number
}

/** The UPS monitor: one at a time, polling while it runs (not only while the page is open, so a night's log goes on), and the demo panel of its simulator. */
export function upsMonitorModule(context: ModuleContext): DeviceModule<typeof upsMonitorInvokeMethods> {
  const { bus, ports, simulators, clock } = context
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
      }
    }
    const { monitor, session, log, layout } = running
    return {
      running: true,
      path: session.path,
      file: layout.file,
      intervalMs: monitor.intervalMs,
      link: monitor.link,
      readings: monitor.readings(),
      alarms: monitor.alarms(),
      stats: monitor.stats,
      logPath: log?.files.at(-1) ?? null,
    }
  }

  const stop = async () => {
    const was = running
    if (!was) return
    running = null
    await was.monitor.stop()
    was.log?.close({ startedAt: was.startedAt, endedAt: clock.now(), port: was.session.path, file: was.layout.file, link: was.monitor.link.state, alarms: was.monitor.alarms() })
    await ports.close(was.session.path, OWNER).catch(() => undefined)
    bus.emit('ups:monitor', view())
  }

  const panel = serialSimPanel<UpsSimState, UpsSimulator>({ simulators, ports }, UPS_SIM_ID, (state) => bus.emit('ups:sim', state))
  const simulator = panel.simulator

  return {
    id: 'upsMonitor',
    handlers: {
      upsMonitorStart: async ({ path, ini, intervalMs, logPath }) => {
        await stop()
        const { protocol, framing, file } = ini
          ? await readProtocolFile(ini).then((f) => ({ protocol: f.protocol, framing: f.framing, file: f.path }))
          : { protocol: shippedProtocol(), framing: defaultFraming, file: SHIPPED_INI_NAME }
        if (!pollCommands(protocol).length) throw new AppError('upsNothingToRead')
        const session = await ports.open(path, lineOf(framing), OWNER)
        const monitor = new UpsMonitor({ session, protocol, framing, clock, intervalMs })
        const log = logPath ? new UpsPollLog({ path: logPath, protocol, framing }) : null
        lastLayout = layoutOf(protocol, framing, file)
        running = { monitor, session, log, layout: lastLayout, startedAt: clock.now() }
        monitor.onPoll((poll) => {
          log?.write(poll)
          bus.emit('ups:monitor', view())
        })
        monitor.onAlarm((alarm) => log?.alarm(alarm))
        monitor.start()
        return view()
      },
      upsMonitorStop: async () => {
        await stop()
        return view()
      },
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

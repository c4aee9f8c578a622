import {
  AppError,
  CABINET_SIM_ID,
  CABINET_SLOTS,
  type cabinetInvokeMethods,
  type CabinetSimState,
  recordDeviceKey,
  serialPortKey,
} from '@shared/contract'
import type { DeviceModule, ModuleContext } from '../../core/module'
import { serialSimPanel } from '../../core/serial-sim-panel'
import { type CabinetTestDeps, CabinetTestJob } from './cabinet-test'
import { defaultProfile, parseProfile } from './profile'
import { exportShift, shiftSummary } from './shift'
import type { CabinetSimulator } from './simulator'
import { CabinetTerminals } from './terminal'

const notRunning = (): CabinetSimState => ({
  running: false,
  plugged: false,
  firmware: 0,
  lockReports: 'opensAndCloses',
  locks: Array.from({ length: CABINET_SLOTS }, () => ({ open: false, openCount: 0 })),
  relays: new Array<boolean>(CABINET_SLOTS).fill(false),
  fan: false,
  faults: { dropAnswers: 0, lateAnswers: 0, corruptCrc: 0, garbage: false, stuckLocks: [], deadChannels: [] },
})

/** The battery-swap cabinet: its factory test, its terminal, and the demo panel of its simulator. */
export function cabinetModule(context: ModuleContext): DeviceModule<typeof cabinetInvokeMethods> {
  const { bus, jobs, ports, simulators, records, redactor } = context
  const deps: CabinetTestDeps = {
    ...context.jobDeps,
    cabinetEvents: {
      run: (run) => bus.emit('cabinet:run', run),
      samples: (batch) => bus.emit('cabinet:samples', batch),
    },
  }
  jobs.registerResumer('cabinetTest', (recordId) => CabinetTestJob.resume(deps, recordId))
  const terminals = new CabinetTerminals(ports, (frames) => bus.emit('cabinet:frames', frames))

  const panel = serialSimPanel<CabinetSimState, CabinetSimulator>({ simulators, ports }, CABINET_SIM_ID, (state) => bus.emit('cabinet:sim', state))
  const simulator = panel.simulator
  const requireSimulator = () => {
    const sim = simulator()
    if (!sim) throw new AppError('cabinetSimulatorOff')
    return sim
  }
  const running = (recordId: number): CabinetTestJob => {
    const job = jobs.get(recordId)
    if (!(job instanceof CabinetTestJob)) throw new AppError('jobNotRunning', { id: recordId })
    return job
  }

  return {
    id: 'cabinet',
    handlers: {
      cabinetDefaultProfile: () => defaultProfile,
      cabinetParseProfile: ({ text }) => parseProfile(text),
      cabinetStartTest: async (input) => {
        const operator = input.operator || context.settings.get().operatorName
        return jobs.launch(serialPortKey(input.path), () => CabinetTestJob.create(deps, { ...input, operator }))
      },
      cabinetConfirm: ({ recordId, what, ok }) => running(recordId).confirm(what, ok),
      cabinetRetest: async ({ recordId, steps }) => {
        if (jobs.isActive(recordId)) throw new AppError('jobAlreadyRunning', { id: recordId })
        const device = recordDeviceKey(context.records.summary(recordId).deviceIds)
        if (!device) throw new AppError('recordClosed', { id: recordId })
        return jobs.launch(device, () => CabinetTestJob.retest(deps, recordId, [...new Set(steps)]))
      },
      cabinetGetRun: ({ recordId }) => {
        const job = jobs.get(recordId)
        return job instanceof CabinetTestJob ? job.runState() : null
      },
      cabinetShiftSummary: (shift) => shiftSummary(records, shift),
      cabinetExportShift: async ({ shift, language }) => {
        const file = await exportShift(records, shift, language)
        return { ...file, content: redactor.text(file.content) }
      },
      cabinetTerminalOpen: ({ path }) => terminals.openPort(path),
      cabinetTerminalClose: ({ path }) => terminals.closePort(path),
      cabinetTerminalSend: (input) => terminals.send(input),
      cabinetSimState: () => simulator()?.state() ?? notRunning(),
      cabinetSimControl: async (input) => {
        const sim = requireSimulator()
        switch (input.action) {
          case 'pushDoor':
            sim.pushDoor(input.slot)
            break
          case 'closeAllDoors':
            sim.closeAllDoors()
            break
          case 'setFaults':
            sim.setFaults(input.faults)
            break
          case 'clearFaults':
            sim.clearFaults()
            break
          case 'setFirmware':
            sim.setFirmware(input.firmware)
            break
          case 'setLockReports':
            sim.setLockReports(input.lockReports)
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
      await terminals.closeAll()
    },
  }
}

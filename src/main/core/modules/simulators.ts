import type { CoreModule, ModuleContext } from '../module'

export type SimulatorsMethod = 'listSimulators' | 'unplugSimulator' | 'plugSimulator' | 'startDemo' | 'stopDemo'

/** The simulated devices and demo mode: after each change the port list is read again, so pages see it at once. */
export function simulatorsModule({ simulators, settings, ports, bus }: ModuleContext): CoreModule<SimulatorsMethod> {
  async function setDemo(on: boolean) {
    const list = on ? await simulators.startAll() : await simulators.stopAll()
    settings.update(on ? { demoMode: true, firstRunDone: true } : { demoMode: false })
    bus.emit('settings:changed', settings.get())
    await ports.poll()
    return list
  }
  return {
    id: 'simulators',
    handlers: {
      listSimulators: () => simulators.list('info'),
      unplugSimulator: async ({ id }) => {
        await simulators.unplug(id)
        await ports.poll()
        return simulators.list('info')
      },
      plugSimulator: async ({ id }) => {
        await simulators.plug(id)
        await ports.poll()
        return simulators.list('info')
      },
      startDemo: () => setDemo(true),
      stopDemo: () => setDemo(false),
    },
  }
}

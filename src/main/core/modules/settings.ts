import type { CoreModule, ModuleContext } from '../module'

export type SettingsMethod = 'getSettings' | 'updateSettings' | 'listSecrets' | 'setSecret' | 'deleteSecret'

/** The person's settings and the secrets kept for the devices (names only ever leave main). */
export function settingsModule({ settings, secrets, simulators, ports, bus }: ModuleContext): CoreModule<SettingsMethod> {
  return {
    id: 'settings',
    handlers: {
      getSettings: () => settings.get(),
      updateSettings: async (patch) => {
        const before = settings.get()
        const next = settings.update(patch)
        if (patch.demoMode !== undefined && patch.demoMode !== before.demoMode) {
          if (patch.demoMode) await simulators.startAll()
          else await simulators.stopAll()
          await ports.poll()
        }
        bus.emit('settings:changed', next)
        return next
      },
      listSecrets: () => secrets.list(),
      setSecret: ({ name, value }) => secrets.set(name, value),
      deleteSecret: ({ name }) => secrets.delete(name),
    },
  }
}

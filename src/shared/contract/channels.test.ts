import { describe, expect, it } from 'vitest'
import { invokeOps } from './api'
import { cabinetEventMethods, cabinetInvokeMethods } from './cabinet/cabinet'
import { coreEventMethods, coreInvokeMethods, eventMethods, invokeMethods } from './channels'
import { disjoint } from './disjoint'
import { evseEventMethods, evseInvokeMethods } from './evse/evse'
import { evseSiteEventMethods, evseSiteInvokeMethods } from './evse/evse-site'
import { evseServiceEventMethods, evseServiceInvokeMethods } from './evse/evse-service'
import { evseSetupEventMethods, evseSetupInvokeMethods } from './evse/setup'
import { foxessEventMethods, foxessInvokeMethods } from './foxess/foxess'
import { upsFilesEventMethods, upsFilesInvokeMethods } from './ups/ups-files'
import { upsMonitorEventMethods, upsMonitorInvokeMethods } from './ups/monitor'
import { upsTestEventMethods, upsTestInvokeMethods } from './ups/acceptance'

/** Each device's maps; its method names start with its id, its events with `on` and the id, its channels with `<id>:`. */
const devices = [
  { device: 'cabinet', invoke: cabinetInvokeMethods, events: cabinetEventMethods },
  { device: 'foxess', invoke: foxessInvokeMethods, events: foxessEventMethods },
  { device: 'evse', invoke: evseInvokeMethods, events: evseEventMethods },
  { device: 'evse', invoke: evseSiteInvokeMethods, events: evseSiteEventMethods },
  { device: 'ups', invoke: upsFilesInvokeMethods, events: upsFilesEventMethods },
  { device: 'evse', invoke: evseServiceInvokeMethods, events: evseServiceEventMethods },
  { device: 'evse', invoke: evseSetupInvokeMethods, events: evseSetupEventMethods },
  { device: 'ups', invoke: upsMonitorInvokeMethods, events: upsMonitorEventMethods },
  { device: 'ups', invoke: upsTestInvokeMethods, events: upsTestEventMethods },
] as const

const startsWithWord = (name: string, prefix: string): boolean =>
  name.startsWith(prefix) && /^[A-Z]/.test(name.slice(prefix.length))
const capitalised = (prefix: string): string => prefix[0].toUpperCase() + prefix.slice(1)

const allInvokeMaps = [coreInvokeMethods, ...devices.map((d) => d.invoke)]
const allEventMaps = [coreEventMethods, ...devices.map((d) => d.events)]

describe('method maps', () => {
  it('declares every method name once across core and devices', () => {
    const names = [...allInvokeMaps, ...allEventMaps].flatMap((map) => Object.keys(map))
    expect(names.length).toBe(new Set(names).size)
    expect(Object.keys(invokeMethods)).toHaveLength(allInvokeMaps.reduce((n, map) => n + Object.keys(map).length, 0))
    expect(Object.keys(eventMethods)).toHaveLength(allEventMaps.reduce<number>((n, map) => n + Object.keys(map).length, 0))
  })

  it('gives every method its own channel', () => {
    const channels = [...Object.values(invokeMethods), ...Object.values(eventMethods)]
    expect(channels.length).toBe(new Set(channels).size)
  })

  it('has a schema for exactly the invoke methods', () => {
    expect(Object.keys(invokeOps).sort()).toEqual(Object.keys(invokeMethods).sort())
  })

  it.each(devices)('names $device methods, events and channels with its id', (d) => {
    for (const name of Object.keys(d.invoke)) expect(startsWithWord(name, d.device), name).toBe(true)
    for (const name of Object.keys(d.events)) expect(startsWithWord(name, `on${capitalised(d.device)}`), name).toBe(true)
    for (const channel of [...Object.values(d.invoke), ...Object.values(d.events)]) expect(channel.startsWith(`${d.device}:`), channel).toBe(true)
  })

  it('keeps device prefixes out of the core names and channels', () => {
    const methodPrefixes = devices.map((d) => d.device)
    const channelPrefixes = devices.map((d) => `${d.device}:`)
    for (const name of Object.keys(coreInvokeMethods)) {
      expect(methodPrefixes.some((p) => startsWithWord(name, p)), name).toBe(false)
    }
    for (const name of Object.keys(coreEventMethods)) {
      expect(methodPrefixes.some((p) => startsWithWord(name, `on${capitalised(p)}`)), name).toBe(false)
    }
    for (const channel of [...Object.values(coreInvokeMethods), ...Object.values(coreEventMethods)]) {
      expect(channelPrefixes.some((p) => channel.startsWith(p)), channel).toBe(false)
    }
  })
})

describe('disjoint', () => {
  it('merges maps with distinct names', () => {
    expect(disjoint({ listPorts: 'ports:list' }, { cabinetGetRun: 'cabinet:getRun' })).toEqual({
      listPorts: 'ports:list',
      cabinetGetRun: 'cabinet:getRun',
    })
  })

  it('refuses a name declared twice, at compile time and at run time', () => {
    const core = { listPorts: 'ports:list', getAppInfo: 'app:info' } as const
    const device = { listPorts: 'cabinet:listPorts' } as const
    // @ts-expect-error a device map may not redeclare a core method
    expect(() => disjoint(core, device)).toThrow('method names declared twice: listPorts')
  })
})

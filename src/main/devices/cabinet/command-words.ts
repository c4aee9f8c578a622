import { CABINET_CHANNELS, CABINET_SLOTS, type CabinetCommand } from '@shared/contract'

/**
 * A catalogue command as words on a command line: `open-all-locks`,
 * `open-lock 3`, `relays on`, `relay 2 off`, `fan on`, `current 9`,
 * `voltage`, `power`, `energy`, `temp-internal`, `temp-external`, `reboot`.
 * Null when the words are not one (they may be a raw frame).
 */
export function commandFromWords(words: string[]): CabinetCommand | null {
  const [verb, ...rest] = words.map((w) => w.toLowerCase())
  const n = (value: string | undefined, max: number) => {
    const parsed = Number(value)
    return Number.isInteger(parsed) && parsed >= 1 && parsed <= max ? parsed : null
  }
  const onOff = (value: string | undefined) => (value === 'on' ? true : value === 'off' ? false : null)
  switch (verb) {
    case 'open-all-locks':
      return rest.length ? null : { kind: 'openAllLocks' }
    case 'open-lock': {
      const slot = n(rest[0], CABINET_SLOTS)
      return slot && rest.length === 1 ? { kind: 'openLock', slot } : null
    }
    case 'relays': {
      const on = onOff(rest[0])
      return on !== null && rest.length === 1 ? { kind: 'allRelays', on } : null
    }
    case 'relay': {
      const relay = n(rest[0], CABINET_SLOTS)
      const on = onOff(rest[1])
      return relay && on !== null && rest.length === 2 ? { kind: 'relay', relay, on } : null
    }
    case 'fan': {
      const on = onOff(rest[0])
      return on !== null && rest.length === 1 ? { kind: 'fan', on } : null
    }
    case 'current': {
      const channel = n(rest[0], CABINET_CHANNELS)
      return channel && rest.length === 1 ? { kind: 'readCurrent', channel } : null
    }
    default: {
      if (rest.length) return null
      const simple: Record<string, CabinetCommand> = {
        voltage: { kind: 'readVoltage' },
        power: { kind: 'readActivePower' },
        energy: { kind: 'readEnergy' },
        'temp-internal': { kind: 'readInternalTemperature' },
        'temp-external': { kind: 'readExternalTemperature' },
        reboot: { kind: 'reboot' },
      }
      return (verb && simple[verb]) || null
    }
  }
}

/** The cabinet simulator as `fieldbench sim cabinet` and the simulator catalogue start it. */
import { parseArgs } from 'node:util'
import { CABINET_CHANNELS, CABINET_SIM_ID, CABINET_SLOTS } from '@shared/contract'
import type { SimulatorDefinition } from '../../simulators/registry'
import { type CabinetSimOptions, CabinetSimulator } from './simulator'

/** `fieldbench sim cabinet [--firmware 5061] [--closes-only] [--auto-close MS] [--dead-channel N]… [--stuck-lock N]… [--noise] [--seed N]` */
export function simOptionsFromArgs(args: string[]): CabinetSimOptions {
  const { values } = parseArgs({
    args,
    strict: false,
    allowPositionals: true,
    options: {
      firmware: { type: 'string' },
      'auto-close': { type: 'string' },
      'dead-channel': { type: 'string', multiple: true },
      'stuck-lock': { type: 'string', multiple: true },
      noise: { type: 'boolean' },
      'closes-only': { type: 'boolean' },
      seed: { type: 'string' },
    },
  })
  const int = (v: unknown, min: number, max: number, name: string): number => {
    const n = Number(v)
    if (!Number.isInteger(n) || n < min || n > max) throw new RangeError(`--${name} ${String(v)}`)
    return n
  }
  const list = (v: unknown, max: number, name: string) => (Array.isArray(v) ? v.map((x) => int(x, 1, max, name)) : [])
  return {
    ...(values.firmware !== undefined ? { firmware: int(values.firmware, 1, 999_999, 'firmware') } : {}),
    ...(values['auto-close'] !== undefined ? { autoCloseDoorsMs: int(values['auto-close'], 0, 3_600_000, 'auto-close') } : {}),
    ...(values['closes-only'] === true ? { lockReports: 'closesOnly' as const } : {}),
    ...(values.seed !== undefined ? { seed: int(values.seed, 0, 0xffffffff, 'seed') } : {}),
    faults: {
      deadChannels: list(values['dead-channel'], CABINET_CHANNELS, 'dead-channel'),
      stuckLocks: list(values['stuck-lock'], CABINET_SLOTS, 'stuck-lock'),
      garbage: values.noise === true,
    },
  }
}

export const cabinetSimulator: SimulatorDefinition = {
  id: CABINET_SIM_ID,
  device: 'cabinet',
  create: ({ args }) => new CabinetSimulator(args ? simOptionsFromArgs(args) : {}),
}

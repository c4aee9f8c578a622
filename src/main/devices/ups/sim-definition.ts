/** The UPS simulator as `fieldbench sim ups` and the simulator catalogue start it. */
import { parseArgs } from 'node:util'
import { UPS_SIM_ID, type UpsLineFault, UpsLineFaults, type UpsScenario, UpsScenarios } from '@shared/contract'
import type { SimulatorDefinition } from '../../simulators/registry'
import { type UpsSimOptions, UpsSimulator } from './simulator'

/** `fieldbench sim ups [--scenario S] [--line-fault F] [--runtime-minutes M] [--seed N]` */
export function upsSimOptionsFromArgs(args: string[]): UpsSimOptions {
  const { values } = parseArgs({
    args,
    strict: false,
    allowPositionals: true,
    options: {
      scenario: { type: 'string' },
      'line-fault': { type: 'string' },
      'runtime-minutes': { type: 'string' },
      seed: { type: 'string' },
    },
  })
  const oneOf = <T extends string>(v: unknown, known: readonly T[], name: string): T => {
    if (!known.includes(v as T)) throw new RangeError(`--${name} ${String(v)} (${known.join(', ')})`)
    return v as T
  }
  const int = (v: unknown, min: number, max: number, name: string): number => {
    const n = Number(v)
    if (!Number.isInteger(n) || n < min || n > max) throw new RangeError(`--${name} ${String(v)}`)
    return n
  }
  return {
    ...(values.scenario !== undefined ? { scenario: oneOf<UpsScenario>(values.scenario, UpsScenarios, 'scenario') } : {}),
    ...(values['line-fault'] !== undefined ? { lineFault: oneOf<UpsLineFault>(values['line-fault'], UpsLineFaults, 'line-fault') } : {}),
    ...(values['runtime-minutes'] !== undefined ? { runtimeMs: int(values['runtime-minutes'], 1, 24 * 60, 'runtime-minutes') * 60_000 } : {}),
    ...(values.seed !== undefined ? { seed: int(values.seed, 0, 0xffffffff, 'seed') } : {}),
  }
}

export const upsSimulator: SimulatorDefinition = {
  id: UPS_SIM_ID,
  device: 'ups',
  create: ({ args }) => new UpsSimulator(args ? upsSimOptionsFromArgs(args) : {}),
}

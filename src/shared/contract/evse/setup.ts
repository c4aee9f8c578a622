/**
 * The EV charger setup job: find the charger, back up its configuration,
 * configure it with a read-back of every field, run a test charge and hand
 * over a report. zod-free (schemas are in `setup.schemas.ts`).
 */
import type { WifiInfo } from '../../devices/evse/answers'
import type { EvseConfig } from '../../devices/evse/config'
import type { Measurement } from '../records'
import type { ConfigWriteResult } from './evse'

export const EvseSetupSteps = ['identify', 'backup', 'configure', 'testCharge', 'verdict'] as const
export type EvseSetupStep = (typeof EvseSetupSteps)[number]

/** What the job waits for from the installer. */
export type EvseSetupPrompt = 'configTarget' | 'plugIn'

export interface EvseIdentity {
  productType: string | null
  firmware: string | null
  mac: string | null
  wifi: WifiInfo | null
  generalInfo: string | null
  state: number
  meter1Errors: number | null
  meter2Errors: number | null
}

/** One Status reading of the test charge, for the live chart and the report. */
export interface TestChargeSample {
  at: number
  state: number
  currentA: number | null
  powerW: number | null
  energyWh: number | null
}

export const TestChargePhases = ['starting', 'charging', 'boost', 'powerLimit', 'stopping', 'meters', 'done'] as const
export type TestChargePhase = (typeof TestChargePhases)[number]

export interface TestChargeView {
  phase: TestChargePhase
  samples: TestChargeSample[]
  /** the checks made so far: each a measurement with its verdict */
  checks: Measurement[]
  /** the first failed check's note, when one failed */
  failure: string | null
}

export interface EvseSetupView {
  recordId: number
  host: string
  identity: EvseIdentity | null
  /** SystemConfig as read before anything was changed: what "Restore" writes back */
  backup: Partial<EvseConfig> | null
  /** the configuration read just before the installer chose the target */
  current: Partial<EvseConfig> | null
  target: Partial<EvseConfig> | null
  write: ConfigWriteResult | null
  testCharge: TestChargeView | null
  awaiting: EvseSetupPrompt | null
  finished: boolean
}

/** A field the setup form refuses, with the reason's code (`evseSetup:invalid.<code>`) and its figures. */
export interface EvseSetupIssue {
  field: keyof EvseConfig
  code: string
  params: Record<string, number | string>
}

export const evseSetupInvokeMethods = {
  evseSetupStart: 'evse:setupStart',
  evseSetupAnswer: 'evse:setupAnswer',
  evseSetupView: 'evse:setupView',
  evseSetupRestore: 'evse:setupRestore',
} as const satisfies Record<string, `evse:${string}`>

export const evseSetupEventMethods = {
  onEvseSetup: 'evse:setup',
} as const satisfies Record<string, `evse:${string}`>

export interface EvseSetupEventPayloads {
  onEvseSetup: EvseSetupView
}

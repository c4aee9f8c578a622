/**
 * The charger's renderer → main payloads, parsed in main before anything is
 * sent to a charger; the renderer takes only the types.
 */
import { z } from 'zod'
import { EvseConfigRanges } from '../../devices/evse/config'
import {
  type ConfigWriteResult,
  EVSE_HOST_MAX,
  EVSE_HOST_PATTERN,
  EVSE_LIVE_INTERVAL_MS,
  type EvseSnapshot,
  EvseToggleActions,
  type evseInvokeMethods,
  type ToggleResult,
} from './evse'
import { type InvokeOp, op } from '../invoke-op'

export const EvseHostSchema = z.string().trim().max(EVSE_HOST_MAX).regex(EVSE_HOST_PATTERN)
const HostInput = z.object({ host: EvseHostSchema }).strict()

const range = (field: keyof typeof EvseConfigRanges) => {
  const [min, max] = EvseConfigRanges[field]!
  return z.number().int().min(min).max(max)
}

/** What the page may write: each field within what the charger takes (the charger's own read-back still decides). */
export const EvseConfigPatchSchema = z
  .object({
    ChargerMode: range('ChargerMode'),
    LockMethod: range('LockMethod'),
    ChargeCurrent: range('ChargeCurrent'),
    ChargeCurrentBoost: range('ChargeCurrentBoost'),
    Meter1Type: range('Meter1Type'),
    Meter1Ip: z.string().trim().max(15),
    Meter2Type: range('Meter2Type'),
    Meter2Ip: z.string().trim().max(15),
    PhaseCurrentLimit: range('PhaseCurrentLimit'),
    ControlStrategy: range('ControlStrategy'),
    ControlLimit: range('ControlLimit'),
    ChargeAutoStart: z.boolean(),
    Charge3Phase: z.boolean(),
  })
  .partial()
  .strict()

export const EvseLiveStartSchema = HostInput.extend({
  intervalMs: z.number().int().min(EVSE_LIVE_INTERVAL_MS.min).max(EVSE_LIVE_INTERVAL_MS.max).optional(),
  /** renews the page's lease instead of taking another */
  leaseId: z.string().min(1).max(64).optional(),
})
export type EvseLiveStart = z.input<typeof EvseLiveStartSchema>

export const EvseWriteConfigSchema = HostInput.extend({ config: EvseConfigPatchSchema })
export type EvseWriteConfig = z.input<typeof EvseWriteConfigSchema>

export const EvseToggleSchema = HostInput.extend({ action: z.enum(EvseToggleActions) })
export type EvseToggle = z.input<typeof EvseToggleSchema>

export const evseInvokeOps = {
  evseConnect: op<EvseSnapshot>()(HostInput),
  evseLiveStart: op<{ leaseId: string; leaseUntil: number }>()(EvseLiveStartSchema),
  evseLiveStop: op<void>()(z.object({ leaseId: z.string().min(1).max(64) }).strict()),
  evseWriteConfig: op<ConfigWriteResult>()(EvseWriteConfigSchema),
  evseToggle: op<ToggleResult>()(EvseToggleSchema),
} as const satisfies { [M in keyof typeof evseInvokeMethods]: InvokeOp<z.ZodType, unknown> }

/** The UPS monitor's renderer → main payloads, parsed in main; the renderer takes only the types. */
import { z } from 'zod'
import { type InvokeOp, noInput, op } from '../invoke-op'
import {
  UPS_POLL_MAX_MS,
  UPS_POLL_MIN_MS,
  UpsLineFaults,
  type UpsMonitorLayout,
  type UpsMonitorView,
  type upsMonitorInvokeMethods,
  UpsScenarios,
  type UpsSimState,
} from './monitor'

const path = z.string().trim().min(1).max(1024)

export const UpsMonitorStartSchema = z
  .object({
    path,
    /** a protocol file on disk; the shipped one when absent */
    ini: path.optional(),
    intervalMs: z.number().int().min(UPS_POLL_MIN_MS).max(UPS_POLL_MAX_MS),
    /** where to log every poll as CSV; no log when absent */
    logPath: path.optional(),
  })
  .strict()
export type UpsMonitorStart = z.input<typeof UpsMonitorStartSchema>

export const UpsSimControlSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('scenario'), scenario: z.enum(UpsScenarios) }).strict(),
  z.object({ action: z.literal('lineFault'), fault: z.enum(UpsLineFaults) }).strict(),
  z.object({ action: z.literal('mains'), on: z.boolean() }).strict(),
  z.object({ action: z.literal('pullCable') }).strict(),
  z.object({ action: z.literal('plugCable') }).strict(),
])
export type UpsSimControl = z.input<typeof UpsSimControlSchema>

export const upsMonitorInvokeOps = {
  upsMonitorStart: op<UpsMonitorView>()(UpsMonitorStartSchema),
  upsMonitorStop: op<UpsMonitorView>()(noInput),
  upsMonitorState: op<UpsMonitorView>()(noInput),
  upsMonitorLayout: op<UpsMonitorLayout | null>()(noInput),
  upsSimState: op<UpsSimState>()(noInput),
  upsSimControl: op<UpsSimState>()(UpsSimControlSchema),
} as const satisfies { [M in keyof typeof upsMonitorInvokeMethods]: InvokeOp<z.ZodType, unknown> }

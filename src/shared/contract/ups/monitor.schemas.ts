/** The UPS monitor's renderer → main payloads, parsed in main; the renderer takes only the types. */
import { z } from 'zod'
import { type InvokeOp, noInput, op } from '../invoke-op'
import type { ExportedFile } from '../records'
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
import { UPS_EDITS_MAX } from './ups-files'
import { DocIdSchema, UpsValueEditSchema } from './ups-files.schemas'

const path = z.string().trim().min(1).max(1024)

export const UpsMonitorFileSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('shipped') }).strict(),
  z.object({ kind: z.literal('path'), path }).strict(),
  z
    .object({
      kind: z.literal('document'),
      docId: DocIdSchema,
      edits: z.array(UpsValueEditSchema).max(UPS_EDITS_MAX).optional(),
      /** checked in main against the framing profile's schema, with a reason per field */
      framing: z.unknown().optional(),
    })
    .strict(),
])

export const UpsMonitorStartSchema = z
  .object({
    path,
    /** the shipped corrected file when absent */
    file: UpsMonitorFileSchema.optional(),
    intervalMs: z.number().int().min(UPS_POLL_MIN_MS).max(UPS_POLL_MAX_MS),
    /** log every poll as CSV, with a record of the session */
    log: z.boolean().optional(),
    /** where the CSV goes; a file in the app's data folder when absent */
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
  /** one CSV file of a logging session's record, to save */
  upsLogCsv: op<ExportedFile>()(z.object({ id: z.number().int().positive(), index: z.number().int().min(0).max(100_000) }).strict()),
  upsMonitorState: op<UpsMonitorView>()(noInput),
  upsMonitorLayout: op<UpsMonitorLayout | null>()(noInput),
  upsSimState: op<UpsSimState>()(noInput),
  upsSimControl: op<UpsSimState>()(UpsSimControlSchema),
} as const satisfies { [M in keyof typeof upsMonitorInvokeMethods]: InvokeOp<z.ZodType, unknown> }

/** The setup job's renderer → main payloads, parsed in main before a charger is touched. */
import { z } from 'zod'
import type { ConfigWriteResult } from './evse'
import { EvseConfigPatchSchema, EvseHostSchema } from './evse.schemas'
import type { EvseSetupView, evseSetupInvokeMethods } from './setup'
import type { JobUpdate } from '../jobs'
import { type InvokeOp, op } from '../invoke-op'

const text = z.string().trim().max(200).default('')

export const EvseSetupStartSchema = z
  .object({
    host: EvseHostSchema,
    site: text,
    customer: text,
    operator: text,
  })
  .strict()
export type EvseSetupStart = z.input<typeof EvseSetupStartSchema>

export const EvseSetupAnswerSchema = z.discriminatedUnion('kind', [
  /** the configuration to write; null keeps the charger's as it is */
  z.object({ kind: z.literal('config'), target: EvseConfigPatchSchema.nullable() }).strict(),
  /** the EV is plugged in (ready) or the test charge is skipped */
  z.object({ kind: z.literal('plugIn'), ready: z.boolean() }).strict(),
])
export type EvseSetupAnswer = z.output<typeof EvseSetupAnswerSchema>

const RecordInput = z.object({ recordId: z.number().int().positive() }).strict()

export const evseSetupInvokeOps = {
  evseSetupStart: op<JobUpdate>()(EvseSetupStartSchema),
  evseSetupAnswer: op<EvseSetupView>()(RecordInput.extend({ answer: EvseSetupAnswerSchema })),
  evseSetupView: op<EvseSetupView | null>()(RecordInput),
  evseSetupRestore: op<ConfigWriteResult>()(RecordInput),
} as const satisfies { [M in keyof typeof evseSetupInvokeMethods]: InvokeOp<z.ZodType, unknown> }

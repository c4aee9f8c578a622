/** The service actions' payloads, parsed in main before anything is sent to a charger. */
import { z } from 'zod'
import type { JobUpdate } from '../jobs'
import { type InvokeOp, op } from '../invoke-op'
import { EvseServiceActions, EvseServiceConfirmed, type evseServiceInvokeMethods } from './evse-service'
import { EvseHostSchema } from './evse.schemas'

/**
 * `confirmed`: the page asked twice (the second time naming the action) for
 * what cannot be taken back; `fromRecord`: the service record whose backup a
 * restore writes.
 */
export const EvseServiceStartSchema = z
  .object({
    host: EvseHostSchema,
    action: z.enum(EvseServiceActions),
    confirmed: z.enum(EvseServiceActions).optional(),
    fromRecord: z.number().int().positive().optional(),
    site: z.string().trim().max(200).optional(),
    operator: z.string().trim().max(200).optional(),
  })
  .strict()
  .refine((input) => !EvseServiceConfirmed.includes(input.action) || input.confirmed === input.action, { path: ['confirmed'], message: 'notConfirmed' })
  .refine((input) => input.action !== 'restore' || input.fromRecord !== undefined, { path: ['fromRecord'], message: 'required' })
export type EvseServiceStart = z.input<typeof EvseServiceStartSchema>

export const evseServiceInvokeOps = {
  evseServiceStart: op<JobUpdate>()(EvseServiceStartSchema),
} as const satisfies { [M in keyof typeof evseServiceInvokeMethods]: InvokeOp<z.ZodType, unknown> }

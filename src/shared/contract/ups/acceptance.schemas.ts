/** The UPS acceptance test's renderer → main payloads, parsed in main; the renderer takes only the types. */
import { z } from 'zod'
import type { JobUpdate } from '../jobs'
import { type InvokeOp, noInput, op } from '../invoke-op'
import { JobContextSchema, JobRecordSchema, PortPathSchema } from '../schemas'
import {
  DEFAULT_UPS_BANDS,
  UPS_DISCHARGE_DEFAULT_S,
  UPS_DISCHARGE_MAX_S,
  UPS_DISCHARGE_MIN_S,
  type UpsBands,
  type UpsTestRun,
  type upsTestInvokeMethods,
} from './acceptance'
import { UPS_POLL_MAX_MS, UPS_POLL_MIN_MS } from './monitor'

const BandSchema = z
  .object({ min: z.number().finite(), max: z.number().finite() })
  .strict()
  .refine((band) => band.min <= band.max, { message: 'min above max', path: ['max'] })

export const UpsBandsSchema = z
  .object({
    mainsVoltage: BandSchema,
    outputVoltage: BandSchema,
    outputFrequency: BandSchema,
    load: BandSchema,
    batteryVoltage: BandSchema,
    batteryCapacity: BandSchema,
    temperature: BandSchema,
  })
  .strict()

export const UpsTestStartSchema = JobContextSchema.extend({
  path: PortPathSchema,
  /** a protocol file on disk; the shipped one when absent */
  ini: z.string().trim().min(1).max(1024).optional(),
  /** the UPS's own label or serial number, as the engineer reads it off the unit */
  serial: z.string().trim().max(100).default(''),
  bands: UpsBandsSchema.default(DEFAULT_UPS_BANDS),
  dischargeS: z.number().int().min(UPS_DISCHARGE_MIN_S).max(UPS_DISCHARGE_MAX_S).default(UPS_DISCHARGE_DEFAULT_S),
  pollMs: z.number().int().min(UPS_POLL_MIN_MS).max(UPS_POLL_MAX_MS).default(1000),
  /** how long the test waits for the UPS to go to battery, or back, after it asked */
  transferTimeoutS: z.number().int().min(5).max(600).default(60),
  /** a person answers the questions; without one (the CLI with no terminal) each wait runs from the question to its timeout */
  attended: z.boolean().default(true),
})
export type UpsTestStart = z.input<typeof UpsTestStartSchema>
export type UpsTestInput = z.output<typeof UpsTestStartSchema>

export const UpsTestAnswerSchema = JobRecordSchema.extend({
  answer: z.discriminatedUnion('kind', [z.object({ kind: z.literal('mainsCut') }).strict(), z.object({ kind: z.literal('mainsRestored') }).strict()]),
})
export type UpsTestAnswerInput = z.input<typeof UpsTestAnswerSchema>

export const upsTestInvokeOps = {
  upsTestDefaults: op<{ bands: UpsBands; dischargeS: number }>()(noInput),
  upsTestStart: op<JobUpdate>()(UpsTestStartSchema),
  upsTestAnswer: op<void>()(UpsTestAnswerSchema),
  upsTestGetRun: op<UpsTestRun | null>()(JobRecordSchema),
} as const satisfies { [M in keyof typeof upsTestInvokeMethods]: InvokeOp<z.ZodType, unknown> }

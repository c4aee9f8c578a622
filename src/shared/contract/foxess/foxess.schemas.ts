/**
 * zod schemas of every Fox ESS and CT payload the renderer sends (main parses
 * with these before any URL is touched), and `foxessInvokeOps`. The renderer
 * imports only types from here.
 */
import { z } from 'zod'
import { type InvokeOp, noInput, op } from '../invoke-op'
import type { JobUpdate } from '../jobs'
import {
  type CommissioningView,
  CtSystemKinds,
  type CtView,
  type FoxCallStats,
  FoxConfigLimits,
  type FoxConnectionView,
  type FoxDevice,
  type FoxDeviceDetail,
  type FoxHistory,
  FoxLimits,
  type FoxPlant,
  FoxReportDimensions,
  type FoxReportSeries,
  type FoxRealTime,
  type foxessInvokeMethods,
  FoxWorkModes,
} from './foxess'
import { JobContextSchema } from '../schemas'

/** An inverter serial as Fox ESS prints them (letters, digits; the document's examples mask with *). */
export const SerialSchema = z
  .string()
  .trim()
  .min(4)
  .max(40)
  .regex(/^[A-Za-z0-9][A-Za-z0-9*_-]*$/)

/** A variable name from the variable table (e.g. `pvPower`, `SoC`, `RVolt`). */
export const VariableSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/)

const isLoopback = (host: string) => host === '127.0.0.1' || host === 'localhost' || host === '[::1]'

/** https, or http to this computer only (the simulator): keys never travel in clear text over a network. */
export const CloudUrlSchema = z
  .string()
  .trim()
  .max(300)
  .refine((value) => {
    try {
      const url = new URL(value)
      if (url.username || url.password || url.search || url.hash) return false
      return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname))
    } catch {
      return false
    }
  }, 'url')
  .transform((value) => value.replace(/\/+$/, ''))

const seconds = (limits: { min: number; max: number }) => z.number().int().min(limits.min).max(limits.max)

export const FoxConfigPatchSchema = z
  .object({
    openApiBaseUrl: CloudUrlSchema,
    ctBaseUrl: z.union([z.literal(''), CloudUrlSchema]),
    livePollSeconds: seconds(FoxConfigLimits.livePollSeconds),
    ctPollSeconds: seconds(FoxConfigLimits.ctPollSeconds),
    ctTimeoutSeconds: seconds(FoxConfigLimits.ctTimeoutSeconds),
    ctStartTimeoutSeconds: seconds(FoxConfigLimits.ctStartTimeoutSeconds),
  })
  .partial()
  .strict()
export type FoxConfigPatch = z.infer<typeof FoxConfigPatchSchema>

export const SnInputSchema = z.object({ sn: SerialSchema })

export const RealTimeInputSchema = z.object({
  sns: z.array(SerialSchema).min(1).max(FoxLimits.realTimeBatchMax),
  variables: z.array(VariableSchema).max(200).optional(),
})

/** Up to 31 days per request from the UI: 31 history calls, the most a person should spend at once. */
export const HistoryInputSchema = z
  .object({
    sn: SerialSchema,
    variables: z.array(VariableSchema).min(1).max(200),
    begin: z.number().int().min(Date.UTC(2015, 0, 1)),
    end: z.number().int(),
  })
  .refine((q) => q.end > q.begin && q.end - q.begin <= 31 * FoxLimits.historySpanMs, { message: 'span', path: ['end'] })

export const ReportInputSchema = z.object({
  sn: SerialSchema,
  dimension: z.enum(FoxReportDimensions),
  year: z.number().int().min(FoxLimits.reportYearMin).max(2100),
  month: z.number().int().min(1).max(12).optional(),
  day: z.number().int().min(1).max(31).optional(),
  variables: z.array(VariableSchema).min(1).max(20),
})

export const LiveStartSchema = z.object({
  sns: z.array(SerialSchema).min(1).max(200),
  variables: z.array(VariableSchema).min(1).max(200),
  intervalSeconds: seconds(FoxConfigLimits.livePollSeconds).optional(),
  /** renews (and updates) a running subscription instead of starting another */
  subscriptionId: z.string().min(1).max(64).optional(),
  /** the person chose a refresh that spends the rest of today's budget */
  spendBudget: z.boolean().optional(),
})
export const LiveStopSchema = z.object({ subscriptionId: z.string().min(1).max(64) })

// ---- settings the wizard writes (ranges are checked with reasons by shared/devices/foxess/validation)

const TimeOfDaySchema = z.object({ hour: z.number().int(), minute: z.number().int() })
export const ForceChargeSchema = z.object({
  enable1: z.boolean(),
  startTime1: TimeOfDaySchema,
  endTime1: TimeOfDaySchema,
  enable2: z.boolean(),
  startTime2: TimeOfDaySchema,
  endTime2: TimeOfDaySchema,
})
export const SchedulerGroupSchema = z.object({
  enable: z.union([z.literal(0), z.literal(1)]),
  startHour: z.number().int(),
  startMinute: z.number().int(),
  endHour: z.number().int(),
  endMinute: z.number().int(),
  workMode: z.enum(FoxWorkModes),
  minSocOnGrid: z.number().int(),
  fdSoc: z.number().int(),
  fdPwr: z.number(),
})
export const SettingsTargetSchema = z.object({
  minSoc: z.number().nullable(),
  minSocOnGrid: z.number().nullable(),
  maxSoc: z.number().nullable(),
  exportLimit: z.number().nullable(),
  forceCharge: ForceChargeSchema.nullable(),
  scheduler: z.object({ enabled: z.boolean(), groups: z.array(SchedulerGroupSchema).max(FoxLimits.schedulerGroupsMax) }).nullable(),
})

const SystemSchema = z.enum(CtSystemKinds)

export const CtAnswerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ctApplicability'), system: SystemSchema }),
  /** after the preconditions: start anyway is not offered; re-check or stop */
  z.object({ kind: z.literal('ctAfterPreconditions'), action: z.enum(['recheck', 'stop']) }),
  z.object({ kind: z.literal('ctAfterResult'), action: z.enum(['rerun', 'finish']) }),
  /** stop waiting for the running check (the device may still finish it) */
  z.object({ kind: z.literal('ctStopPolling') }),
])

export const CommissioningAnswerSchema = z.discriminatedUnion('kind', [
  ...CtAnswerSchema.options,
  z.object({ kind: z.literal('settingsTarget'), target: SettingsTargetSchema.nullable() }),
  z.object({ kind: z.literal('settingsAfterWrite'), action: z.enum(['retry', 'continue']) }),
  z.object({ kind: z.literal('clock'), action: z.enum(['set', 'skip']) }),
  /** "something is wrong" says what: the note is required then (the job refuses the answer without one) */
  z.object({ kind: z.literal('liveConfirm'), plausible: z.boolean(), note: z.string().trim().max(500).optional() }),
])
export type CommissioningAnswer = z.infer<typeof CommissioningAnswerSchema>
export type CtAnswer = z.infer<typeof CtAnswerSchema>

const RecordRef = z.object({ recordId: z.number().int().positive() })

export const CommissioningStartSchema = JobContextSchema.extend({ sn: SerialSchema })
export type CommissioningStart = z.input<typeof CommissioningStartSchema>
/** `productType` (from the device list) only seeds the suggestion for the applicability question */
export const CtStartSchema = JobContextSchema.extend({ sn: SerialSchema, system: SystemSchema.optional(), productType: z.string().trim().max(40).optional() })
export type CtStart = z.input<typeof CtStartSchema>

export const foxessInvokeOps = {
  foxessGetConnection: op<FoxConnectionView>()(noInput),
  foxessSetConfig: op<FoxConnectionView>()(FoxConfigPatchSchema),
  foxessGetStatus: op<FoxCallStats>()(noInput),
  foxessRefreshAccessCount: op<FoxCallStats>()(noInput),
  foxessListPlants: op<FoxPlant[]>()(noInput),
  foxessListDevices: op<FoxDevice[]>()(noInput),
  foxessDeviceDetail: op<FoxDeviceDetail>()(SnInputSchema),
  foxessRealTime: op<FoxRealTime[]>()(RealTimeInputSchema),
  foxessHistory: op<FoxHistory>()(HistoryInputSchema),
  foxessReport: op<FoxReportSeries[]>()(ReportInputSchema),
  foxessLiveStart: op<{ subscriptionId: string; leaseUntil: number }>()(LiveStartSchema),
  foxessLiveStop: op<void>()(LiveStopSchema),
  foxessCommissioningStart: op<JobUpdate>()(CommissioningStartSchema),
  foxessCommissioningAnswer: op<CommissioningView>()(RecordRef.extend({ answer: CommissioningAnswerSchema })),
  foxessCommissioningView: op<CommissioningView>()(RecordRef),
  foxessCtStart: op<JobUpdate>()(CtStartSchema),
  foxessCtAnswer: op<CtView>()(RecordRef.extend({ answer: CtAnswerSchema })),
  foxessCtView: op<CtView>()(RecordRef),
} as const satisfies { [M in keyof typeof foxessInvokeMethods]: InvokeOp<z.ZodType, unknown> }

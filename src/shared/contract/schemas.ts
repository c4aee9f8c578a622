/**
 * Every renderer → main payload schema. Main parses with these before a port,
 * a file or a URL is touched; the renderer never imports this file (it would
 * ship zod for nothing), only the types derived from it.
 */
import { z } from 'zod'
import { LineEndings, type SerialSettings } from './ports'
import { JobTypes, RecordStatuses, Verdicts } from './records'
import { Languages, PowerUnits, type Settings, TemperatureUnits } from './settings'
import { SecretNames } from './system'

// ---- settings
export const LanguageSchema = z.enum(Languages)
export const SettingsSchema = z.object({
  language: LanguageSchema.nullable(),
  temperatureUnit: z.enum(TemperatureUnits),
  powerUnit: z.enum(PowerUnits),
  operatorName: z.string().trim().max(80),
  firstRunDone: z.boolean(),
  demoMode: z.boolean(),
}) satisfies z.ZodType<Settings>
export const SettingsPatchSchema = SettingsSchema.partial().strict()

// ---- ports and terminal
export const PortPathSchema = z
  .string()
  .trim()
  .min(1)
  .max(256)
  .refine((p) => !/[\0\r\n]/.test(p), { message: 'control characters' })

export const SerialSettingsSchema = z.object({
  baudRate: z.number().int().min(300).max(4_000_000),
  dataBits: z.union([z.literal(5), z.literal(6), z.literal(7), z.literal(8)]).default(8),
  parity: z.enum(['none', 'even', 'odd']).default('none'),
  stopBits: z.union([z.literal(1), z.literal(2)]).default(1),
}) satisfies z.ZodType<SerialSettings, Partial<SerialSettings> & { baudRate: number }>

export const PortPathInputSchema = z.object({ path: PortPathSchema })
export const TerminalOpenSchema = z.object({ path: PortPathSchema, settings: SerialSettingsSchema })
export const TerminalSendSchema = z.object({
  path: PortPathSchema,
  encoding: z.enum(['ascii', 'hex']),
  text: z.string().max(8192),
  lineEnding: z.enum(LineEndings).default('none'),
})
export const TrafficQuerySchema = z.object({
  path: PortPathSchema,
  afterSeq: z.number().int().min(-1).default(-1),
  limit: z.number().int().min(1).max(5000).default(2000),
})
export const TrafficExportSchema = z.object({ path: PortPathSchema, format: z.enum(['txt', 'csv']) })

// ---- records
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
export const RecordSearchSchema = z.object({
  text: z.string().trim().max(200).default(''),
  deviceSerial: z.string().trim().max(100).default(''),
  site: z.string().trim().max(200).default(''),
  from: day.optional(),
  to: day.optional(),
  verdict: z.enum(Verdicts).optional(),
  status: z.enum(RecordStatuses).optional(),
  jobType: z.enum(JobTypes).optional(),
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
})
export type RecordSearch = z.input<typeof RecordSearchSchema>
export const RecordIdSchema = z.object({ id: z.number().int().positive() })
export const RecordExportSchema = z.object({
  id: z.number().int().positive(),
  format: z.enum(['json', 'html', 'pdf']),
  language: LanguageSchema,
})
export type RecordExport = z.infer<typeof RecordExportSchema>

// ---- jobs
const label = z.string().trim().max(200)
/** What every job asks before it starts; the operator comes from Settings unless typed here. */
export const JobContextSchema = z.object({
  site: label.default(''),
  customer: label.default(''),
  operator: label.default(''),
})
export const JobRecordSchema = z.object({ recordId: z.number().int().positive() })
export const LinkCheckStartSchema = JobContextSchema.extend({
  path: PortPathSchema,
  baudRate: z.number().int().min(300).max(4_000_000),
  /** what is being checked: the adapter's or cable's label */
  adapterLabel: z.string().trim().max(100).default(''),
})
export type LinkCheckStart = z.input<typeof LinkCheckStartSchema>
export type LinkCheckInput = z.output<typeof LinkCheckStartSchema>

// ---- system
export const OpenExternalSchema = z.object({ url: z.string().url().max(2048) })
export const SecretSetSchema = z.object({ name: z.enum(SecretNames), value: z.string().min(1).max(4096) })
export const SecretNameSchema = z.object({ name: z.enum(SecretNames) })
export const SimulatorIdSchema = z.object({ id: z.string().min(1).max(64).regex(/^[a-z][a-zA-Z0-9-]*$/) })

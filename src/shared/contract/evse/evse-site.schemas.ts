/**
 * The site operations' payloads (scan, templates, the template job, demo
 * controls), parsed in main before a charger or a file is touched.
 */
import { z } from 'zod'
import { SCAN_RANGE_MAX_CHARS } from '../../devices/evse/range'
import { type JobUpdate } from '../jobs'
import { JobContextSchema } from '../schemas'
import { EvseConfigPatchSchema, EvseHostSchema } from './evse.schemas'
import {
  EVSE_SITE_CHARGERS_MAX,
  EVSE_TEMPLATE_NAME_MAX,
  EvseDemoActions,
  EvseDemoAnswerFaults,
  type EvseDemoCharger,
  EvseDemoFaults,
  type EvseScanProgress,
  type evseSiteInvokeMethods,
  type EvseSiteTemplate,
} from './evse-site'
import { type InvokeOp, noInput, op } from '../invoke-op'

export const EvseScanSchema = z
  .object({
    /** `192.168.1.10-60`, a /24 or narrower network, or a list; read by `parseScanRange` */
    range: z.string().max(SCAN_RANGE_MAX_CHARS),
    /** the WebAPI's port; absent: 80 */
    port: z.number().int().min(1).max(65_535).optional(),
  })
  .strict()
export type EvseScan = z.input<typeof EvseScanSchema>

export const EvseTemplateNameSchema = z.string().trim().min(1).max(EVSE_TEMPLATE_NAME_MAX)

export const EvseTemplateSaveSchema = z.object({ name: EvseTemplateNameSchema, config: EvseConfigPatchSchema }).strict()
export type EvseTemplateSave = z.input<typeof EvseTemplateSaveSchema>

export const EvseSiteApplySchema = JobContextSchema.extend({
  template: EvseTemplateNameSchema,
  hosts: z.array(EvseHostSchema).min(1).max(EVSE_SITE_CHARGERS_MAX),
})
export type EvseSiteApply = z.input<typeof EvseSiteApplySchema>
export type EvseSiteApplyInput = z.output<typeof EvseSiteApplySchema>

export const EvseDemoControlSchema = z
  .object({
    host: EvseHostSchema,
    action: z.enum(EvseDemoActions),
    fault: z.enum(EvseDemoFaults).nullable().optional(),
    meter: z.union([z.literal(1), z.literal(2)]).optional(),
    on: z.boolean().optional(),
    answers: z.enum(EvseDemoAnswerFaults).optional(),
  })
  .strict()
export type EvseDemoControl = z.input<typeof EvseDemoControlSchema>

export const evseSiteInvokeOps = {
  evseScan: op<EvseScanProgress>()(EvseScanSchema),
  evseScanCancel: op<void>()(noInput),
  evseTemplates: op<EvseSiteTemplate[]>()(noInput),
  evseTemplateSave: op<EvseSiteTemplate[]>()(EvseTemplateSaveSchema),
  evseTemplateDelete: op<EvseSiteTemplate[]>()(z.object({ name: EvseTemplateNameSchema }).strict()),
  evseSiteApply: op<JobUpdate>()(EvseSiteApplySchema),
  evseDemoChargers: op<EvseDemoCharger[]>()(noInput),
  evseDemoControl: op<EvseDemoCharger[]>()(EvseDemoControlSchema),
} as const satisfies { [M in keyof typeof evseSiteInvokeMethods]: InvokeOp<z.ZodType, unknown> }

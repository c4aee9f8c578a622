/** The protocol-file editor's payloads, parsed in main; the renderer takes only the types. */
import { z } from 'zod'
import { type InvokeOp, noInput, op } from '../invoke-op'
import { PortPathSchema } from '../schemas'
import {
  UPS_EDITS_MAX,
  UPS_FILE_MAX_BYTES,
  UPS_FILE_NAME_MAX,
  UpsBundledFiles,
  type UpsCapture,
  type UpsFramingIssue,
  type upsFilesInvokeMethods,
  type UpsProtocolDocument,
  type UpsSaveResult,
} from './ups-files'

export const DocIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,64}$/)

export const UpsValueEditSchema = z
  .object({
    section: z.string().min(1).max(64),
    key: z.string().min(1).max(64),
    value: z.string().max(256),
  })
  .strict()

export const UpsFilesUploadSchema = z
  .object({
    name: z.string().min(1).max(UPS_FILE_NAME_MAX),
    /** the file's bytes; its decoded size is checked against UPS_FILE_MAX_BYTES in main */
    base64: z.string().max(Math.ceil(UPS_FILE_MAX_BYTES / 3) * 4 + 8),
  })
  .strict()
export type UpsFilesUpload = z.input<typeof UpsFilesUploadSchema>

export const UpsFilesSaveSchema = z
  .object({
    docId: DocIdSchema,
    edits: z.array(UpsValueEditSchema).max(UPS_EDITS_MAX),
    /** checked in main against the framing profile's schema, with a reason per field */
    framing: z.unknown(),
  })
  .strict()
export type UpsFilesSave = z.input<typeof UpsFilesSaveSchema>

export const UpsFilesCaptureSchema = z
  .object({
    docId: DocIdSchema,
    path: PortPathSchema,
    /** the corrections typed so far: the commands come from the file as edited */
    edits: z.array(UpsValueEditSchema).max(UPS_EDITS_MAX).default([]),
    /** the profile as edited, checked in main like a save's */
    framing: z.unknown(),
    /** one of the file's commands; all of them when left out */
    command: z.number().int().min(0).max(255).optional(),
  })
  .strict()
export type UpsFilesCapture = z.input<typeof UpsFilesCaptureSchema>

export const upsFilesInvokeOps = {
  upsFilesOpenBundled: op<UpsProtocolDocument>()(z.object({ which: z.enum(UpsBundledFiles) }).strict()),
  upsFilesOpenPath: op<UpsProtocolDocument>()(z.object({ path: z.string().min(1).max(4096) }).strict()),
  upsFilesPick: op<UpsProtocolDocument | null>()(noInput),
  upsFilesUpload: op<UpsProtocolDocument>()(UpsFilesUploadSchema),
  upsFilesCheckFraming: op<UpsFramingIssue[]>()(z.object({ framing: z.unknown() }).strict()),
  upsFilesSave: op<UpsSaveResult>()(UpsFilesSaveSchema),
  upsFilesCapture: op<UpsCapture>()(UpsFilesCaptureSchema),
} as const satisfies { [M in keyof typeof upsFilesInvokeMethods]: InvokeOp<z.ZodType, unknown> }

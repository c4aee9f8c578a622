/**
 * The cabinet's renderer → main payloads, parsed in main before a port or a
 * record is touched; the renderer takes only the types.
 */
import { z } from 'zod'
import {
  CABINET_CHANNELS,
  CABINET_SERIAL_PATTERN,
  CABINET_SLOTS,
  CabinetConfirmations,
  type CabinetFrames,
  type CabinetProfile,
  type CabinetRun,
  type CabinetShiftSummary,
  type CabinetSimState,
  type CabinetTerminalAnswer,
  FrameTypes,
  RetestableSteps,
  CabinetLockReportKinds,
  type cabinetInvokeMethods,
} from './cabinet'
import { type InvokeOp, noInput, op } from '../invoke-op'
import type { JobUpdate } from '../jobs'
import type { ExportedFile } from '../records'
import { JobContextSchema, JobRecordSchema, LanguageSchema, PortPathInputSchema, PortPathSchema } from '../schemas'
import { shiftRange } from '../../devices/cabinet/shift'

const slot = z.number().int().min(1).max(CABINET_SLOTS)
const channel = z.number().int().min(1).max(CABINET_CHANNELS)
const finite = z.number().finite()

const BandSchema = z
  .object({ min: finite, max: finite })
  .strict()
  .refine((b) => b.min <= b.max, { message: 'minAboveMax' })
const ScaleSchema = z.object({ factor: finite.positive(), unit: z.string().trim().max(12), signed: z.boolean() }).strict()

export const CabinetProfileSchema = z
  .object({
    format: z.literal('fieldbench.cabinetProfile'),
    version: z.literal(1),
    id: z
      .string()
      .regex(/^[a-z][A-Za-z0-9]{0,39}$/)
      .optional(),
    name: z.string().trim().min(1).max(80),
    note: z.string().trim().max(1000),
    scaling: z
      .object({ current: ScaleSchema, voltage: ScaleSchema, activePower: ScaleSchema, energy: ScaleSchema, temperature: ScaleSchema })
      .strict(),
    channels: z.array(BandSchema).length(CABINET_CHANNELS),
    relayOnMinCurrent: finite.nonnegative(),
    relayOffMaxCurrent: finite.nonnegative(),
    voltage: BandSchema,
    activePower: BandSchema,
    energy: BandSchema,
    internalTemperature: BandSchema,
    externalTemperature: BandSchema,
    timing: z
      .object({
        answerTimeoutMs: z.number().int().min(50).max(10_000),
        lockOpenTimeoutMs: z.number().int().min(100).max(60_000),
        doorCloseTimeoutS: z.number().min(0.1).max(3600),
        relaySettleMs: z.number().int().min(0).max(30_000),
        samples: z.number().int().min(1).max(100),
        sampleIntervalMs: z.number().int().min(0).max(10_000),
      })
      .strict(),
  })
  .strict()
  .refine((p) => p.relayOffMaxCurrent < p.relayOnMinCurrent, { message: 'offAboveOn', path: ['relayOffMaxCurrent'] }) satisfies z.ZodType<CabinetProfile>

export const CabinetCommandSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('openAllLocks') }),
  z.object({ kind: z.literal('openLock'), slot }),
  z.object({ kind: z.literal('allRelays'), on: z.boolean() }),
  z.object({ kind: z.literal('relay'), relay: slot, on: z.boolean() }),
  z.object({ kind: z.literal('fan'), on: z.boolean() }),
  z.object({ kind: z.literal('readCurrent'), channel }),
  z.object({ kind: z.literal('readVoltage') }),
  z.object({ kind: z.literal('readActivePower') }),
  z.object({ kind: z.literal('readEnergy') }),
  z.object({ kind: z.literal('readInternalTemperature') }),
  z.object({ kind: z.literal('readExternalTemperature') }),
  z.object({ kind: z.literal('reboot') }),
])

/**
 * A cabinet serial as typed or scanned: printable ASCII, no control
 * characters a scanner may add. The wizard asks for one; a bench script may
 * leave it empty.
 */
export const CabinetSerialSchema = z.string().trim().max(64).regex(CABINET_SERIAL_PATTERN).default('')

/** As printed on the board: `v5062` or `5062`; empty when not known. */
export const FirmwareSchema = z
  .string()
  .trim()
  .max(16)
  .regex(/^(?:[vV]?\d{1,6})?$/)
  .default('')

export const CabinetTestStartSchema = JobContextSchema.extend({
  path: PortPathSchema,
  serial: CabinetSerialSchema,
  firmware: FirmwareSchema,
  profile: CabinetProfileSchema,
})
export type CabinetTestStart = z.input<typeof CabinetTestStartSchema>
export type CabinetTestInput = z.output<typeof CabinetTestStartSchema>

export const CabinetConfirmSchema = JobRecordSchema.extend({
  what: z.enum(CabinetConfirmations),
  ok: z.boolean(),
})
export type CabinetConfirm = z.input<typeof CabinetConfirmSchema>

/** one step, or every failed step at once ("retest all failed"): one run, one safety confirmation */
export const CabinetRetestSchema = JobRecordSchema.extend({
  steps: z.array(z.enum(RetestableSteps)).min(1).max(RetestableSteps.length),
})

export const CabinetParseProfileSchema = z.object({ text: z.string().max(256 * 1024) })

/** A shift as chosen: the page and the command line check it first and word what is wrong; this refuses what slips past. */
export const CabinetShiftSchema = z
  .object({ day: z.string().max(10), start: z.string().max(5), end: z.string().max(5) })
  .strict()
  .superRefine((shift, ctx) => {
    const range = shiftRange(shift)
    if ('problem' in range) ctx.addIssue({ code: 'custom', path: [range.problem], message: 'shift' })
  })

export const CabinetShiftExportSchema = z.object({ shift: CabinetShiftSchema, language: LanguageSchema }).strict()
export type CabinetShiftExport = z.input<typeof CabinetShiftExportSchema>

export const CabinetTerminalSendSchema = z.union([
  z.object({ path: PortPathSchema, type: z.enum(FrameTypes).default('comm'), command: CabinetCommandSchema }).strict(),
  z.object({ path: PortPathSchema, raw: z.string().trim().min(1).max(64) }).strict(),
])
export type CabinetTerminalSend = z.input<typeof CabinetTerminalSendSchema>

export const CabinetSimFaultsSchema = z
  .object({
    dropAnswers: z.number().int().min(0).max(1000),
    lateAnswers: z.number().int().min(0).max(1000),
    corruptCrc: z.number().int().min(0).max(1000),
    garbage: z.boolean(),
    stuckLocks: z.array(slot).max(CABINET_SLOTS),
    deadChannels: z.array(channel).max(CABINET_CHANNELS),
  })
  .strict()

export const CabinetSimActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('pushDoor'), slot }),
  z.object({ action: z.literal('closeAllDoors') }),
  z.object({ action: z.literal('setFaults'), faults: CabinetSimFaultsSchema.partial() }),
  z.object({ action: z.literal('clearFaults') }),
  z.object({ action: z.literal('pullCable') }),
  z.object({ action: z.literal('plugCable') }),
  z.object({ action: z.literal('setFirmware'), firmware: z.number().int().min(1).max(999_999) }),
  z.object({ action: z.literal('setLockReports'), lockReports: z.enum(CabinetLockReportKinds) }),
])
export type CabinetSimActionInput = z.input<typeof CabinetSimActionSchema>

export const cabinetInvokeOps = {
  cabinetDefaultProfile: op<CabinetProfile>()(noInput),
  cabinetParseProfile: op<CabinetProfile>()(CabinetParseProfileSchema),
  cabinetStartTest: op<JobUpdate>()(CabinetTestStartSchema),
  cabinetConfirm: op<void>()(CabinetConfirmSchema),
  cabinetRetest: op<JobUpdate>()(CabinetRetestSchema),
  cabinetGetRun: op<CabinetRun | null>()(JobRecordSchema),
  cabinetShiftSummary: op<CabinetShiftSummary>()(CabinetShiftSchema),
  cabinetExportShift: op<ExportedFile>()(CabinetShiftExportSchema),
  cabinetTerminalOpen: op<CabinetFrames>()(PortPathInputSchema),
  cabinetTerminalClose: op<void>()(PortPathInputSchema),
  cabinetTerminalSend: op<CabinetTerminalAnswer>()(CabinetTerminalSendSchema),
  cabinetSimState: op<CabinetSimState>()(noInput),
  cabinetSimControl: op<CabinetSimState>()(CabinetSimActionSchema),
} as const satisfies { [M in keyof typeof cabinetInvokeMethods]: InvokeOp<z.ZodType, unknown> }

/**
 * Protocol files of the UPS as the editor sees them: open one (the shipped
 * corrected file, the maker's seed, an upload, or a file chosen in the
 * desktop app's dialog), check a framing profile, and save the corrections.
 * The file's text comes to the renderer, which runs the same lint as main as
 * the person types; a save sends only the changed keys, applied in main to
 * the bytes as they were opened. zod-free (schemas are in `ups-files.schemas.ts`).
 */
import type { IniEncoding } from '../../devices/ups/encoding'
import type { FramingProfile } from '../../devices/ups/framing'
import type { ExportedFile } from '../records'

export type { IniEncoding } from '../../devices/ups/encoding'
export type { FramingProfile } from '../../devices/ups/framing'
export type { ValueEdit } from '../../devices/ups/edit'

/** a protocol file with 10,000 values is under 1 MiB; anything much larger is not one (and an upload must fit one browser-mode message) */
export const UPS_FILE_MAX_BYTES = 2 * 1024 * 1024
export const UPS_FILE_NAME_MAX = 200
/** corrections one save may carry: every key of 10,000 values */
export const UPS_EDITS_MAX = 60_000

export const UpsBundledFiles = ['corrected', 'seed'] as const
export type UpsBundledFile = (typeof UpsBundledFiles)[number]

export type UpsFileOrigin = UpsBundledFile | 'upload' | 'disk'

export interface UpsProtocolDocument {
  /** names this opened file in later calls; good while the app runs */
  docId: string
  fileName: string
  origin: UpsFileOrigin
  /** where a save goes: the file itself for one opened from disk, else a copy in the app's data folder */
  savePath: string
  encoding: IniEncoding
  sizeBytes: number
  text: string
  framing: FramingProfile
  /** the profile was beside the file; otherwise the shipped default */
  framingBeside: boolean
}

export interface UpsFramingIssue {
  /** the field's path in the profile, `line.baud` */
  field: string
  /** a key of `upsFiles:framingReason.*` */
  reason: 'required' | 'notNumber' | 'notWhole' | 'wrongType' | 'notOneOf' | 'tooSmall' | 'tooBig' | 'notHex' | 'needEnd' | 'unknownField' | 'invalid'
  params: Record<string, string | number>
}

export interface UpsSaveResult {
  document: UpsProtocolDocument
  savedPath: string
  framingPath: string
  /** keys whose text changed */
  changedKeys: number
  /** the saved protocol file, for a download in browser mode */
  file: ExportedFile
}

/** What a captured reply lacks: nothing came, a frame began and never ended, bytes came that were no frame, or the frame is not what its command's reply must be. */
export type UpsCaptureProblem = 'noAnswer' | 'cutShort' | 'garbage' | 'wrongLength' | 'notHex' | 'badChecksum'

/** One command's reply read from the port for the answer inspector: sent once, kept exactly as it came. */
export interface UpsCapturedReply {
  command: number
  /** the frame from its prefix on (terminator included) as hex pairs, or every byte that came when no frame began; empty when nothing came */
  hex: string
  /** bytes that came before the frame began, as hex pairs */
  junkHex: string
  /** when the frame ended, or the wait for it did */
  at: number
  /** from the request's write to `at` */
  waitedMs: number
  problem: UpsCaptureProblem | null
}

export interface UpsCapture {
  path: string
  replies: UpsCapturedReply[]
}

export const UpsFilesInvokeChannel = {
  openBundled: 'ups:filesOpenBundled',
  openPath: 'ups:filesOpenPath',
  pick: 'ups:filesPick',
  upload: 'ups:filesUpload',
  checkFraming: 'ups:filesCheckFraming',
  save: 'ups:filesSave',
  capture: 'ups:filesCapture',
} as const

export const upsFilesInvokeMethods = {
  upsFilesOpenBundled: UpsFilesInvokeChannel.openBundled,
  upsFilesOpenPath: UpsFilesInvokeChannel.openPath,
  upsFilesPick: UpsFilesInvokeChannel.pick,
  upsFilesUpload: UpsFilesInvokeChannel.upload,
  upsFilesCheckFraming: UpsFilesInvokeChannel.checkFraming,
  upsFilesSave: UpsFilesInvokeChannel.save,
  upsFilesCapture: UpsFilesInvokeChannel.capture,
} as const satisfies Record<string, `ups:${string}`>

export const upsFilesEventMethods = {} as const satisfies Record<string, `ups:${string}`>

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface UpsFilesEventPayloads {}

/**
 * Protocol files on disk: read (any encoding the maker's tools write), judge
 * with the framing profile beside it (or the shipped one), and save edits
 * back in place, in the file's own encoding.
 */
import { existsSync } from 'node:fs'
import { readFile, rename, writeFile } from 'node:fs/promises'
import { AppError } from '@shared/contract'
import { EditError, saveEdited, type ValueEdit } from '@shared/devices/ups/edit'
import { decodeIni, type IniEncoding, UnencodableCharacter } from '@shared/devices/ups/encoding'
import { type FramingProfile, unitsPerByte } from '@shared/devices/ups/framing'
import { type Finding, loadProtocol } from '@shared/devices/ups/lint'
import type { UpsProtocol, UpsValue } from '@shared/devices/ups/protocol'
import { defaultUnit, type ValueUnit } from '@shared/devices/ups/units'
import { defaultFraming, framingPathFor, parseFraming } from './framing'

export interface ProtocolFile {
  path: string
  encoding: IniEncoding
  protocol: UpsProtocol
  findings: Finding[]
  framing: FramingProfile
  /** where the framing came from: the file beside the protocol, or the shipped default */
  framingPath?: string
}

/** A readable file that is not a protocol file still loads: lint says what is wrong with it. */
export async function readProtocolFile(path: string): Promise<ProtocolFile> {
  let bytes: Uint8Array
  try {
    bytes = await readFile(path)
  } catch (err) {
    throw new AppError('upsFileUnreadable', { file: path, reason: (err as NodeJS.ErrnoException).code ?? 'EIO' })
  }
  const framingPath = framingPathFor(path)
  const framing = existsSync(framingPath) ? parseFraming(await readFramingText(framingPath)) : defaultFraming
  const { text, encoding } = decodeIni(bytes)
  const { protocol, findings } = loadProtocol(text, { unitsPerByte: unitsPerByte(framing) })
  return { path, encoding, protocol, findings, framing, framingPath: existsSync(framingPath) ? framingPath : undefined }
}

async function readFramingText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (err) {
    throw new AppError('upsFileUnreadable', { file: path, reason: (err as NodeJS.ErrnoException).code ?? 'EIO' })
  }
}

/** Unit and scale of a value: the profile's override, else the default from its name. */
export function unitOf(value: UpsValue, framing: FramingProfile): ValueUnit {
  return { ...defaultUnit(value), ...framing.values?.[`cmd-${value.n}`] }
}

/** Writes the edits into the file (through a temporary file, so a failed write leaves the old one whole). */
export async function saveProtocolEdits(path: string, edits: ValueEdit[]): Promise<void> {
  let bytes: Uint8Array
  try {
    bytes = await readFile(path)
  } catch (err) {
    throw new AppError('upsFileUnreadable', { file: path, reason: (err as NodeJS.ErrnoException).code ?? 'EIO' })
  }
  let saved: Uint8Array
  try {
    saved = saveEdited(bytes, edits).bytes
  } catch (err) {
    if (err instanceof EditError) throw new AppError('upsEditRefused', { section: err.edit.section, key: err.edit.key })
    if (err instanceof UnencodableCharacter) throw new AppError('upsNotEncodable', { character: err.character })
    throw err
  }
  await writeFile(`${path}.tmp`, saved)
  await rename(`${path}.tmp`, path)
}

/**
 * Protocol files opened in the editor. Each is held with the bytes it was
 * opened with, so a save applies the person's corrections to exactly those
 * bytes (everything else stays byte for byte). A file opened from disk is
 * saved in place; the shipped files and uploads are saved as a copy in the
 * app's data folder, never over the app's own resources.
 */
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises'
import { basename, isAbsolute, join } from 'node:path'
import { AppError, UPS_FILE_MAX_BYTES, type UpsFileOrigin, type UpsProtocolDocument, type UpsSaveResult, type ValueEdit } from '@shared/contract'
import { EditError, saveEdited } from '@shared/devices/ups/edit'
import { decodeIni, UnencodableCharacter } from '@shared/devices/ups/encoding'
import type { FramingProfile } from '@shared/devices/ups/framing'
import { NAMES_SECTION, parseProtocol, valueSectionNumber } from '@shared/devices/ups/protocol'
import correctedText from '../../../../resources/ups/ups-rs232-protocol.zh.ini?raw'
import seedText from '../../../../docs/devices/ups-rs232-protocol.zh.ini?raw'
import { defaultFraming, FramingProfileSchema, framingIssues, framingPathFor, parseFraming } from './framing'

export const BUNDLED = {
  corrected: { fileName: 'ups-rs232-protocol.zh.ini', bytes: () => new TextEncoder().encode(correctedText), framing: true },
  seed: { fileName: 'ups-rs232-protocol.zh.seed.ini', bytes: () => new TextEncoder().encode(seedText), framing: false },
} as const

/** documents kept at once; the oldest is let go first */
const MAX_DOCUMENTS = 16

interface Held {
  doc: UpsProtocolDocument
  bytes: Uint8Array
}

/** Refuses a path that is not an absolute path to a regular .ini file within the size cap. */
export async function checkProtocolPath(path: string): Promise<number> {
  if (!isAbsolute(path) || path.includes('\0')) throw new AppError('upsFilePathNotAbsolute', { file: path })
  if (!/\.ini$/i.test(path)) throw new AppError('upsFileNotIni', { file: path })
  let size: number
  try {
    const st = await stat(path)
    if (!st.isFile()) throw new AppError('upsFileNotRegular', { file: path })
    size = st.size
  } catch (err) {
    if (err instanceof AppError) throw err
    throw new AppError('upsFileUnreadable', { file: path, reason: (err as NodeJS.ErrnoException).code ?? 'EIO' })
  }
  if (size > UPS_FILE_MAX_BYTES) throw new AppError('upsFileTooLarge', { file: path, size, max: UPS_FILE_MAX_BYTES })
  return size
}

/** The decoded text, when the bytes are a protocol file at all: text with a [CMD] list or [cmd-N] sections. */
export function protocolText(bytes: Uint8Array, file: string): ReturnType<typeof decodeIni> {
  if (bytes.length > UPS_FILE_MAX_BYTES) throw new AppError('upsFileTooLarge', { file, size: bytes.length, max: UPS_FILE_MAX_BYTES })
  const decoded = decodeIni(bytes)
  const sections = bytes.includes(0) ? [] : parseProtocol(decoded.text).sections
  if (!sections.some((s) => s.name === NAMES_SECTION || valueSectionNumber(s.name) !== undefined)) throw new AppError('upsNotProtocolFile', { file })
  return decoded
}

async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path))
  } catch (err) {
    throw new AppError('upsFileUnreadable', { file: path, reason: (err as NodeJS.ErrnoException).code ?? 'EIO' })
  }
}

const shared = new Map<string, ProtocolDocuments>()

/** The documents open in one app (by its copies folder): the editor opens them, the monitor reads them. */
export function protocolDocumentsIn(copiesDir: string): ProtocolDocuments {
  let documents = shared.get(copiesDir)
  if (!documents) shared.set(copiesDir, (documents = new ProtocolDocuments(copiesDir)))
  return documents
}

export class ProtocolDocuments {
  private readonly held = new Map<string, Held>()

  constructor(private readonly copiesDir: string) {}

  /** An open document and the bytes it was opened (or last saved) with. */
  opened(docId: string): { doc: UpsProtocolDocument; bytes: Uint8Array } {
    const held = this.held.get(docId)
    if (!held) throw new AppError('upsDocumentGone')
    return held
  }

  openBundled(which: keyof typeof BUNDLED): UpsProtocolDocument {
    const b = BUNDLED[which]
    return this.hold(which, b.fileName, b.bytes(), join(this.copiesDir, b.fileName), b.framing ? defaultFraming : undefined)
  }

  async openPath(path: string): Promise<UpsProtocolDocument> {
    await checkProtocolPath(path)
    const bytes = await readBytes(path)
    const beside = framingPathFor(path)
    const framing = existsSync(beside) ? parseFraming(new TextDecoder().decode(await readBytes(beside))) : undefined
    return this.hold('disk', basename(path), bytes, path, framing)
  }

  upload(name: string, base64: string): UpsProtocolDocument {
    const fileName = basename(name.replace(/\\/g, '/')).replace(/[^\p{L}\p{N}._-]/gu, '_')
    if (!/\.ini$/i.test(fileName)) throw new AppError('upsFileNotIni', { file: name })
    const bytes = new Uint8Array(Buffer.from(base64, 'base64'))
    return this.hold('upload', fileName, bytes, join(this.copiesDir, fileName), undefined)
  }

  async save(docId: string, edits: ValueEdit[], framingJson: unknown): Promise<UpsSaveResult> {
    const held = this.held.get(docId)
    if (!held) throw new AppError('upsDocumentGone')
    const issues = framingIssues(framingJson)
    if (issues.length) throw new AppError('upsFramingInvalid', { field: issues[0]!.field })
    const framing = FramingProfileSchema.parse(framingJson)
    let saved: Uint8Array
    try {
      saved = saveEdited(held.bytes, edits).bytes
    } catch (err) {
      if (err instanceof EditError) throw new AppError('upsEditRefused', { section: err.edit.section, key: err.edit.key })
      if (err instanceof UnencodableCharacter) throw new AppError('upsNotEncodable', { character: err.character })
      throw err
    }
    const path = held.doc.savePath
    const framingPath = framingPathFor(path)
    await mkdir(join(path, '..'), { recursive: true })
    await writeThrough(path, saved)
    await writeThrough(framingPath, new TextEncoder().encode(`${JSON.stringify(framing, null, 2)}\n`))
    const document = this.hold('disk', held.doc.fileName, saved, path, framing)
    const changedKeys = new Set(edits.map((e) => `${e.section}\n${e.key}`)).size
    return { document, savedPath: path, framingPath, changedKeys, file: { fileName: held.doc.fileName, mime: 'text/plain', content: Buffer.from(saved).toString('base64'), base64: true } }
  }

  /** The bytes a document was opened with: corrections apply to these. */
  bytesOf(docId: string): Uint8Array {
    const held = this.held.get(docId)
    if (!held) throw new AppError('upsDocumentGone')
    return held.bytes
  }

  private hold(origin: UpsFileOrigin, fileName: string, bytes: Uint8Array, savePath: string, framing: FramingProfile | undefined): UpsProtocolDocument {
    const { text, encoding } = protocolText(bytes, fileName)
    const doc: UpsProtocolDocument = {
      docId: randomUUID(),
      fileName,
      origin,
      savePath,
      encoding,
      sizeBytes: bytes.length,
      text,
      framing: framing ?? defaultFraming,
      framingBeside: framing !== undefined,
    }
    if (this.held.size >= MAX_DOCUMENTS) this.held.delete(this.held.keys().next().value!)
    this.held.set(doc.docId, { doc, bytes })
    return doc
  }
}

/** Through a temporary file, so a failed write leaves the old file whole. */
async function writeThrough(path: string, bytes: Uint8Array): Promise<void> {
  try {
    await writeFile(`${path}.tmp`, bytes)
    await rename(`${path}.tmp`, path)
  } catch (err) {
    throw new AppError('upsFileUnreadable', { file: path, reason: (err as NodeJS.ErrnoException).code ?? 'EIO' })
  }
}

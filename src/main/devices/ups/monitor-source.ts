/**
 * The protocol file the monitor reads, from wherever the person chose it: the
 * shipped corrected file, a file on disk, or a file open in the editor with
 * the corrections and framing typed there and not yet saved. A file whose
 * values sit on the maker's placeholder is refused before any port is opened:
 * those numbers would look like measurements and are not.
 */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { AppError, type UpsFileInUse, type UpsMonitorFile } from '@shared/contract'
import { EditError, saveEdited } from '@shared/devices/ups/edit'
import { decodeIni, UnencodableCharacter } from '@shared/devices/ups/encoding'
import { type FramingProfile, unitsPerByte } from '@shared/devices/ups/framing'
import { type Finding, loadProtocol } from '@shared/devices/ups/lint'
import type { UpsProtocol } from '@shared/devices/ups/protocol'
import { pollCommands } from '@shared/devices/ups/readings'
import shippedIni from '../../../../resources/ups/ups-rs232-protocol.zh.ini?raw'
import { checkProtocolPath, protocolDocumentsIn } from './documents'
import { checkedFraming } from './capture'
import { defaultFraming } from './framing'
import { readProtocolFile } from './files'
import { SHIPPED_INI_NAME } from './shipped'

export interface MonitorSource {
  protocol: UpsProtocol
  framing: FramingProfile
  inUse: UpsFileInUse
}

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex')

/** Refuses a file the monitor must not read: values on the template's placeholder, or nothing placed at all. */
export function refuseUnreadable(name: string, protocol: UpsProtocol, findings: Finding[]): void {
  const placeholder = findings.find((f) => f.code === 'placeholder')
  if (placeholder) throw new AppError('upsFilePlaceholder', { file: name, count: placeholder.params.count ?? 0, index: placeholder.params.index ?? '' })
  if (!pollCommands(protocol).length) throw new AppError('upsNothingToRead')
}

function fromText(name: string, text: string, framing: FramingProfile): UpsProtocol {
  const { protocol, findings } = loadProtocol(text, { unitsPerByte: unitsPerByte(framing) })
  refuseUnreadable(name, protocol, findings)
  return protocol
}

/** `dataDir`: the app's data folder, where the editor's open documents are kept. */
export async function monitorSource(file: UpsMonitorFile | undefined, dataDir: string): Promise<MonitorSource> {
  if (!file || file.kind === 'shipped') {
    const protocol = fromText(SHIPPED_INI_NAME, shippedIni, defaultFraming)
    return { protocol, framing: defaultFraming, inUse: { name: SHIPPED_INI_NAME, sha256: sha256(shippedIni), framingOwn: false, origin: 'shipped' } }
  }
  if (file.kind === 'path') {
    await checkProtocolPath(file.path)
    const read = await readProtocolFile(file.path)
    const name = basename(file.path)
    refuseUnreadable(name, read.protocol, read.findings)
    const bytes = new Uint8Array(await readFile(file.path))
    return { protocol: read.protocol, framing: read.framing, inUse: { name, sha256: sha256(bytes), framingOwn: read.framingPath !== undefined, origin: 'disk' } }
  }
  const { doc, bytes } = protocolDocumentsIn(join(dataDir, 'ups-files')).opened(file.docId)
  let framing = doc.framing
  if (file.framing !== undefined) framing = checkedFraming(file.framing)
  let corrected = bytes
  try {
    if (file.edits?.length) corrected = saveEdited(bytes, file.edits).bytes
  } catch (err) {
    if (err instanceof EditError) throw new AppError('upsEditRefused', { section: err.edit.section, key: err.edit.key })
    if (err instanceof UnencodableCharacter) throw new AppError('upsNotEncodable', { character: err.character })
    throw err
  }
  const protocol = fromText(doc.fileName, decodeIni(corrected).text, framing)
  const framingOwn = doc.framingBeside || JSON.stringify(framing) !== JSON.stringify(defaultFraming)
  return { protocol, framing, inUse: { name: doc.fileName, sha256: sha256(corrected), framingOwn, origin: 'editor' } }
}

/**
 * Corrections to a protocol file: an edit replaces the value text of one key
 * in place, so every comment, the order and the line breaks stay as they
 * were, and the file is written back in the encoding it came in.
 */
import { decodeIni, encodeIni, type IniEncoding } from './encoding'
import { entry, parseProtocol } from './protocol'

export interface ValueEdit {
  section: string
  key: string
  value: string
}

export class EditError extends Error {
  constructor(
    readonly reason: 'noKey' | 'breaksFile',
    readonly edit: ValueEdit,
  ) {
    super(`${reason}: [${edit.section}] ${edit.key}=${edit.value}`)
  }
}

/** The text with each edit applied; an edit naming a missing key, or a value that would read back differently, changes nothing and throws. */
export function applyEdits(text: string, edits: ValueEdit[]): string {
  const p = parseProtocol(text)
  const spans = edits.map((edit) => {
    const e = entry(p.sections.find((s) => s.name === edit.section), edit.key)
    if (!e) throw new EditError('noKey', edit)
    if (/[\r\n]/.test(edit.value) || edit.value.trim() !== edit.value) throw new EditError('breaksFile', edit)
    return { start: e.valueStart, end: e.valueEnd, edit }
  })
  let out = text
  for (const span of [...spans].sort((a, b) => b.start - a.start)) out = out.slice(0, span.start) + span.edit.value + out.slice(span.end)
  const after = parseProtocol(out)
  for (const edit of edits) {
    if (entry(after.sections.find((s) => s.name === edit.section), edit.key)?.value !== edit.value) throw new EditError('breaksFile', edit)
  }
  return out
}

/** Bytes of the corrected file in its original encoding. */
export function saveEdited(bytes: Uint8Array, edits: ValueEdit[]): { bytes: Uint8Array; encoding: IniEncoding } {
  const { text, encoding } = decodeIni(bytes)
  return { bytes: encodeIni(applyEdits(text, edits), encoding), encoding }
}

/**
 * The protocol-file editor's state: the opened file, the person's corrections
 * (key by key, against the text as opened), the framing profile being edited,
 * and the lint of the corrected text, run again shortly after each keystroke.
 */
import { useEffect, useMemo, useState } from 'react'
import type { FramingProfile, UpsProtocolDocument, ValueEdit } from '@shared/contract'
import { applyEdits, EditError } from '@shared/devices/ups/edit'
import { unitsPerByte } from '@shared/devices/ups/framing'
import { type Finding, loadProtocol } from '@shared/devices/ups/lint'
import { entry, type UpsProtocol } from '@shared/devices/ups/protocol'
import { defaultUnit, type ValueUnit } from '@shared/devices/ups/units'

/** long enough to let a typed number finish, short enough to feel live */
export const LINT_DELAY_MS = 200

/** a key of the locale files for a name with dashes (`utf-8-bom` → `utf8Bom`) */
export const camel = (s: string): string => s.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())

export const editKey = (section: string, key: string): string => `${section}\n${key}`

export interface Linted {
  protocol: UpsProtocol
  findings: Finding[]
  /** findings by the value they concern (`cmd-N` → N), the placeholder at each value it holds */
  byValue: Map<number, Finding[]>
  /** a correction the file cannot take as typed (a space or line break in a value) */
  refused: string | null
}

function lint(text: string, edits: Map<string, string>, units: 1 | 2): Linted {
  const list: ValueEdit[] = [...edits].map(([k, value]) => {
    const [section, key] = k.split('\n') as [string, string]
    return { section, key, value }
  })
  let refused: string | null = null
  let corrected: string
  try {
    corrected = applyEdits(text, list)
  } catch (err) {
    if (!(err instanceof EditError)) throw err
    refused = editKey(err.edit.section, err.edit.key)
    corrected = applyEdits(text, list.filter((e) => editKey(e.section, e.key) !== refused))
  }
  const { protocol, findings } = loadProtocol(corrected, { unitsPerByte: units })
  const byValue = new Map<number, Finding[]>()
  const add = (n: number, f: Finding) => byValue.set(n, [...(byValue.get(n) ?? []), f])
  for (const f of findings) {
    const m = /^cmd-(\d+)$/.exec(String(f.params.section ?? f.params.first ?? ''))
    if (m) add(Number(m[1]), f)
  }
  return { protocol, findings, byValue, refused }
}

export function editsOf(edits: Map<string, string>): ValueEdit[] {
  return [...edits].map(([k, value]) => {
    const [section, key] = k.split('\n') as [string, string]
    return { section, key, value }
  })
}

export function useProtocolEditor() {
  const [doc, setDoc] = useState<UpsProtocolDocument | null>(null)
  const [edits, setEdits] = useState<Map<string, string>>(new Map())
  const [framing, setFraming] = useState<FramingProfile | null>(null)
  const [linted, setLinted] = useState<Linted | null>(null)
  const [pending, setPending] = useState(false)
  const units = framing && (framing.reply.data === 'ascii-hex' || framing.reply.data === 'binary') ? unitsPerByte(framing) : 2

  const original = useMemo(() => (doc ? loadProtocol(doc.text, { unitsPerByte: units }).protocol : null), [doc, units])

  useEffect(() => {
    if (!doc) return
    setPending(true)
    const timer = setTimeout(() => {
      setLinted(lint(doc.text, edits, units))
      setPending(false)
    }, LINT_DELAY_MS)
    return () => clearTimeout(timer)
  }, [doc, edits, units])

  const open = (next: UpsProtocolDocument) => {
    setDoc(next)
    setEdits(new Map())
    setFraming(next.framing)
    setLinted(lint(next.text, new Map(), next.framing.reply.data === 'binary' ? 1 : 2))
  }

  /** the key's text as opened, or undefined where the file does not have that key */
  const openedValue = (section: string, key: string): string | undefined => entry(original?.sections.find((s) => s.name === section), key)?.value

  const edit = (section: string, key: string, value: string) =>
    setEdits((prev) => {
      const next = new Map(prev)
      if (openedValue(section, key) === value) next.delete(editKey(section, key))
      else next.set(editKey(section, key), value)
      return next
    })

  const valueText = (section: string, key: string): string | undefined => edits.get(editKey(section, key)) ?? openedValue(section, key)

  const unitOf = (n: number, name: string, bits: boolean): { unit: ValueUnit; overridden: boolean } => {
    const override = framing?.values?.[`cmd-${n}`]
    const base = defaultUnit({ name, bits: bits ? { start: 0, end: 0 } : undefined })
    return { unit: { ...base, ...override }, overridden: !!override && Object.keys(override).length > 0 }
  }

  const setUnit = (n: number, patch: { scale?: number | null; unit?: string | null }) =>
    setFraming((prev) => {
      if (!prev) return prev
      const values = { ...prev.values }
      const now = { ...values[`cmd-${n}`] }
      if (patch.scale !== undefined) {
        if (patch.scale === null) delete now.scale
        else now.scale = patch.scale
      }
      if (patch.unit !== undefined) {
        if (patch.unit === null) delete now.unit
        else now.unit = patch.unit
      }
      if (Object.keys(now).length) values[`cmd-${n}`] = now
      else delete values[`cmd-${n}`]
      return { ...prev, values }
    })

  const framingChanged = !!doc && !!framing && JSON.stringify(framing) !== JSON.stringify(doc.framing)
  return { doc, open, edits, edit, valueText, openedValue, framing, setFraming, framingChanged, linted, pending, unitOf, setUnit, units }
}

export type ProtocolEditor = ReturnType<typeof useProtocolEditor>

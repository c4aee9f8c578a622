import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { byteHex } from '@shared/hex'
import { hexBytes } from '@shared/devices/ups/framing'
import { type CapturedReply, changedBytes, changedFields, commandsOf, type FrameShape, OVERLAPS_LISTED, overlay, parseHexDump } from '@shared/devices/ups/inspect'
import { hexByte } from '@shared/devices/ups/lint'
import type { FramingProfile } from '@shared/contract'
import type { ProtocolEditor } from './EditorModel'
import { useUpsNames } from './EditorNames'
import { InspectorCapture } from './InspectorCapture'

const PER_ROW = 16

function shapeOf(reply: FramingProfile['reply']): FrameShape {
  const pairs = (text: string) => {
    try {
      return hexBytes(text)
    } catch {
      return new Uint8Array()
    }
  }
  return { prefixLength: pairs(reply.prefix).length, terminator: pairs(reply.terminator), data: reply.data, byteOrder: reply.byteOrder }
}

/**
 * Captured replies with the file's fields laid over their bytes. `captures` is
 * a plain list: pasted and loaded replies go in here, and so do replies read
 * from the port.
 */
export function InspectorPanel({ editor, selected, onSelect }: { editor: ProtocolEditor; selected: number | null; onSelect(n: number): void }) {
  const { t } = useTranslation()
  const names = useUpsNames()
  const values = editor.linted!.protocol.values
  const commands = commandsOf(values)
  const [captures, setCaptures] = useState<CapturedReply[]>([])
  const [command, setCommand] = useState<number>(commands[0] ?? 1)
  const [label, setLabel] = useState('')
  const [hex, setHex] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [a, setA] = useState(0)
  const [b, setB] = useState<number | null>(null)

  const add = (bytes: Uint8Array) => {
    const next = [...captures, { command, bytes, label: label.trim() || t('upsFiles:inspector.captureN', { n: captures.length + 1 }) }]
    setCaptures(next)
    if (next.length === 1) setA(0)
    else if (b === null) setB(next.length - 1)
    setHex('')
    setLabel('')
    setProblem(null)
  }
  /** Replies read from the port: shown beside the latest earlier reply to the same command, so what moved stands out. */
  const addCaptured = (replies: CapturedReply[]) => {
    if (!replies.length) return
    const next = [...captures, ...replies]
    setCaptures(next)
    if (!captures.length) return setA(0)
    const shown = captures[a]?.command
    const same = next.findLastIndex((c, i) => i >= captures.length && c.command === shown)
    if (same >= 0) setB(same)
  }
  const addPasted = () => {
    const parsed = parseHexDump(hex)
    if (parsed.ok) add(parsed.bytes)
    else if (parsed.problem === 'notHex') setProblem(t('upsFiles:inspector.notHex', { character: parsed.character, at: parsed.at + 1 }))
    else if (parsed.problem === 'oddDigits') setProblem(t('upsFiles:inspector.oddDigits', { digits: parsed.digits }))
    else setProblem(t('upsFiles:inspector.empty'))
  }
  const load = async (file: File) => {
    const bytes = new Uint8Array(await file.arrayBuffer())
    if (/\.(txt|hex)$/i.test(file.name)) {
      setHex(new TextDecoder().decode(bytes))
      setProblem(null)
    } else add(bytes)
  }

  const framingReply = editor.framing!.reply
  const shape = useMemo(() => shapeOf(framingReply), [framingReply])
  const first = captures[a]
  const second = b === null ? undefined : captures[b]
  const view = useMemo(() => (first ? overlay(values, first, shape) : null), [first, values, shape])
  const changed = useMemo(() => (first && second ? changedBytes(first.bytes, second.bytes) : []), [first, second])
  const changedSet = new Set(changed)
  const movedFields = new Set(view ? changedFields(view, changed) : [])
  const selectedSpan = view?.fields.find((f) => f.n === selected)

  return (
    <section className="ups-inspector" data-testid="ups-inspector">
      <p className="muted small">{t('upsFiles:inspector.intro')}</p>
      <InspectorCapture editor={editor} commands={commands} onCaptured={addCaptured} />
      <div className="ups-capture-form">
        <label>
          {t('upsFiles:inspector.command')}{' '}
          <select value={command} onChange={(e) => setCommand(Number(e.target.value))} data-testid="inspector-command">
            {commands.map((c) => (
              <option key={c} value={c}>
                {hexByte(c)}
              </option>
            ))}
          </select>
        </label>
        <input value={label} maxLength={40} onChange={(e) => setLabel(e.target.value)} placeholder={t('upsFiles:inspector.labelHint')} aria-label={t('upsFiles:inspector.label')} />
        <label className="button secondary">
          {t('upsFiles:inspector.load')}
          <input type="file" hidden accept=".txt,.hex,.bin" onChange={(e) => e.target.files?.[0] && void load(e.target.files[0])} />
        </label>
      </div>
      <textarea value={hex} rows={2} onChange={(e) => setHex(e.target.value)} placeholder={t('upsFiles:inspector.hexHint')} aria-label={t('upsFiles:inspector.hex')} data-testid="inspector-hex" />
      <div className="row">
        {problem ? <span className="ups-error" role="alert">{problem}</span> : <span />}
        <button type="button" onClick={addPasted} data-testid="inspector-add">
          {t('upsFiles:inspector.add')}
        </button>
      </div>
      {captures.length > 0 && (
        <div className="ups-capture-pick">
          <label>
            {t('upsFiles:inspector.show')}{' '}
            <select value={a} onChange={(e) => setA(Number(e.target.value))} data-testid="inspector-a">
              {captures.map((c, i) => (
                <option key={i} value={i}>
                  {c.label} · {hexByte(c.command)} · {t('upsFiles:inspector.bytes', { n: c.bytes.length })}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('upsFiles:inspector.compare')}{' '}
            <select value={b ?? ''} onChange={(e) => setB(e.target.value === '' ? null : Number(e.target.value))} data-testid="inspector-b">
              <option value="">{t('upsFiles:inspector.noCompare')}</option>
              {captures.map((c, i) => (
                <option key={i} value={i}>
                  {c.label} · {hexByte(c.command)}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {view && first && (
        <>
          <p className="small" data-testid="inspector-summary">
            {t('upsFiles:inspector.summary', { fields: view.fields.length, overlaps: view.cells.filter((c) => c.overlap).length, unread: view.unread.reduce((n, [s, e]) => n + e - s, 0) })}
            {second && ` ${t('upsFiles:inspector.changed', { bytes: changed.length, fields: movedFields.size })}`}
          </p>
          <div className="ups-bytes" data-testid="inspector-bytes">
            {view.cells.map((c) => {
              const classes = [c.role, c.role === 'data' && !c.fields.length ? 'unread' : '', c.fields.length ? 'read' : '', c.overlap ? 'overlap' : '', changedSet.has(c.at) ? 'moved' : '', selectedSpan && c.at >= selectedSpan.start && c.at < selectedSpan.end ? 'chosen' : '']
              return (
                <button
                  type="button"
                  key={c.at}
                  className={classes.join(' ')}
                  data-at={c.at}
                  title={`${c.at}: ${c.fields.map((n) => `cmd-${n}`).join(', ') || t(`upsFiles:byteRole.${c.fields.length ? 'data' : c.role === 'data' ? 'unread' : c.role}`)}`}
                  onClick={() => c.fields[0] !== undefined && onSelect(c.fields.includes(selected ?? -1) ? c.fields[(c.fields.indexOf(selected!) + 1) % c.fields.length]! : c.fields[0])}
                  style={{ gridColumn: (c.at % PER_ROW) + 1 }}
                >
                  <span>{byteHex(c.byte).toUpperCase()}</span>
                  <small>{c.byte >= 0x20 && c.byte < 0x7f ? String.fromCharCode(c.byte) : '·'}</small>
                </button>
              )
            })}
          </div>
          <ul className="ups-legend small">
            {(['prefix', 'data', 'overlap', 'unread', 'moved', 'terminator'] as const).map((k) => (
              <li key={k} className={k === 'data' ? 'read' : k}>
                {t(`upsFiles:byteRole.${k}`)}
              </li>
            ))}
          </ul>
          <div className="ups-fields">
            <table className="grid small" data-testid="inspector-fields">
              <tbody>
                {view.fields.map((f) => (
                  <tr key={f.n} className={[f.n === selected ? 'selected' : '', f.overlaps.length ? 'overlap' : '', movedFields.has(f.n) ? 'moved' : ''].join(' ')} onClick={() => onSelect(f.n)} data-field={f.n}>
                    <td className="num">{f.n}</td>
                    <td>{names.value(f.n, values.find((v) => v.n === f.n)?.name ?? '').text}</td>
                    <td className="num">{t('upsFiles:inspector.span', { start: f.start, end: f.end - 1 })}</td>
                    <td className="num">{f.raw ?? '—'}</td>
                    <td>
                      {f.pastEnd ? t('upsFiles:inspector.pastEnd') : f.overlaps.length ? t('upsFiles:inspector.overlapsWith', { list: f.overlaps.map((n) => `cmd-${n}`).join(', ') + (f.overlaps.length >= OVERLAPS_LISTED ? ', …' : '') }) : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  )
}

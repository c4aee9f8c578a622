import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type UpsBundledFile, type UpsFramingIssue, type UpsProtocolDocument } from '@shared/contract'
import { api } from '../../api'
import { useErrorText } from '../../components/errors'
import { ErrorBanner } from '../../components/ErrorBanner'
import { saveFile } from '../../components/save-file'
import { useApp } from '../../stores/app'
import { useUps } from '../../stores/ups'
import { uploadProtocolFile } from './upload'
import { camel, editsOf, useProtocolEditor } from './EditorModel'
import { EditorFindings } from './EditorFindings'
import { EditorFraming } from './EditorFraming'
import { EditorTable } from './EditorTable'
import { InspectorPanel } from './InspectorPanel'
import './editor.css'

type Side = 'inspector' | 'framing'

/** The protocol-file editor: the file's values with their places, lint as you type, the answer inspector and the framing beside them. */
export function EditorPage() {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const editor = useProtocolEditor()
  const desktop = useApp((s) => s.info?.transport === 'electron')
  const [selected, setSelected] = useState<number | null>(null)
  const [side, setSide] = useState<Side>('inspector')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [savedTo, setSavedTo] = useState<string | null>(null)
  const [framingIssues, setFramingIssues] = useState<UpsFramingIssue[]>([])
  const [lastSave, setLastSave] = useState<{ fileName: string; content: string } | null>(null)

  const run = async (work: () => Promise<UpsProtocolDocument | null>) => {
    setBusy(true)
    setError(null)
    try {
      const doc = await work()
      if (doc) {
        editor.open(doc)
        setSelected(null)
        setSavedTo(null)
        setLastSave(null)
      }
    } catch (err) {
      setError(errorText(err))
    } finally {
      setBusy(false)
    }
  }
  const openBundled = (which: UpsBundledFile) => run(() => api().upsFilesOpenBundled({ which }))
  const upload = (file: File) => run(() => uploadProtocolFile(file, t))
  // the monitor page offers the file open here, corrections and framing as typed
  useEffect(() => {
    if (editor.doc) useUps.getState().setEditorFile({ doc: editor.doc, edits: editsOf(editor.edits), framing: editor.framing })
  }, [editor.doc, editor.edits, editor.framing])

  const save = async () => {
    if (!editor.doc || !editor.framing) return
    setBusy(true)
    setError(null)
    try {
      const result = await api().upsFilesSave({ docId: editor.doc.docId, edits: editsOf(editor.edits), framing: editor.framing })
      editor.open(result.document)
      setSavedTo(t('upsFiles:editor.saved', { path: result.savedPath, framing: result.framingPath, keys: result.changedKeys }))
      setLastSave({ fileName: result.file.fileName, content: result.file.content })
    } catch (err) {
      setError(errorText(err))
    } finally {
      setBusy(false)
    }
  }

  const doc = editor.doc
  const linted = editor.linted
  const errors = linted?.findings.filter((f) => f.severity === 'error').length ?? 0
  const warnings = linted?.findings.filter((f) => f.severity === 'warning').length ?? 0
  const total = linted?.protocol.values.length ?? 0
  const measurable = linted?.protocol.values.filter((v) => v.measurable).length ?? 0
  const placeholder = linted?.findings.find((f) => f.code === 'placeholder')
  const dirty = editor.edits.size > 0 || editor.framingChanged
  const blocked = !!linted?.refused || framingIssues.length > 0

  const verdict = !linted
    ? null
    : measurable === total && errors === 0
      ? { tone: 'pass', text: t('upsFiles:verdict.ready', { total }) }
      : { tone: 'fail', text: t('upsFiles:verdict.notReady', { measurable, total, errors, warnings }) }
  const next = !linted
    ? t('upsFiles:next.open')
    : linted.refused
      ? t('upsFiles:next.refused')
      : framingIssues.length
        ? t('upsFiles:next.framing')
        : placeholder
          ? t('upsFiles:next.placeholder')
          : errors
            ? t('upsFiles:next.fix')
            : dirty
              ? t('upsFiles:next.save')
              : t('upsFiles:next.done')

  return (
    <div className="ups-editor" data-testid="ups-editor">
      <div className="ups-head">
        <h1>{t('upsFiles:title')}</h1>
        <div className="ups-open">
          <button type="button" className="secondary" disabled={busy} onClick={() => void openBundled('corrected')} data-testid="open-corrected">
            {t('upsFiles:open.corrected')}
          </button>
          <button type="button" className="secondary" disabled={busy} onClick={() => void openBundled('seed')} data-testid="open-seed">
            {t('upsFiles:open.seed')}
          </button>
          <label className={`button secondary${busy ? ' disabled' : ''}`}>
            {t('upsFiles:open.upload')}
            <input type="file" hidden accept=".ini" disabled={busy} onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0])} data-testid="open-upload" />
          </label>
          {desktop && (
            <button type="button" className="secondary" disabled={busy} onClick={() => void run(() => api().upsFilesPick())}>
              {t('upsFiles:open.pick')}
            </button>
          )}
        </div>
      </div>
      <ErrorBanner message={error} onClose={() => setError(null)} />
      {!doc || !linted ? (
        <p className="muted">{t('upsFiles:next.open')}</p>
      ) : (
        <>
          <div className={`ups-verdict ${verdict!.tone}`} data-testid="ups-verdict">
            <div>
              <strong data-testid="ups-verdict-text">{verdict!.text}</strong>
              <span className="muted small">
                {' '}
                · {doc.fileName} · {t(`upsFiles:encoding.${camel(doc.encoding)}`)} · {linted.protocol.ini.flattened ? t('upsFiles:editor.flattened') : t('upsFiles:editor.lines')}
                {editor.pending ? ` · ${t('upsFiles:editor.checking')}` : ''}
              </span>
              <div className="small" data-testid="ups-next" data-next-action>
                {next}
              </div>
            </div>
            <div className="ups-save">
              <button type="button" disabled={busy || !dirty || blocked} onClick={() => void save()} data-testid="ups-save">
                {t('upsFiles:editor.save', { changes: editor.edits.size })}
              </button>
              {lastSave && (
                <button type="button" className="link" onClick={() => saveFile({ fileName: lastSave.fileName, mime: 'text/plain', content: lastSave.content, base64: true })}>
                  {t('upsFiles:editor.download')}
                </button>
              )}
            </div>
          </div>
          {savedTo && (
            <p className="small ups-saved" data-testid="ups-saved">
              {savedTo}
            </p>
          )}
          <EditorFindings linted={linted} onSelect={setSelected} />
          <div className="ups-body">
            <EditorTable editor={editor} selected={selected} onSelect={setSelected} />
            <aside className="ups-side">
              <div className="tabs" role="tablist">
                {(['inspector', 'framing'] as const).map((s) => (
                  <button type="button" role="tab" key={s} aria-selected={side === s} className={side === s ? 'tab active' : 'tab'} onClick={() => setSide(s)} data-testid={`ups-tab-${s}`}>
                    {t(`upsFiles:side.${s}`)}
                    {s === 'framing' && framingIssues.length > 0 && <span className="badge fail">{framingIssues.length}</span>}
                  </button>
                ))}
              </div>
              {side === 'inspector' ? <InspectorPanel editor={editor} selected={selected} onSelect={setSelected} /> : <EditorFraming editor={editor} onIssues={setFramingIssues} />}
            </aside>
          </div>
        </>
      )}
    </div>
  )
}

import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { UPS_SIM_ID } from '@shared/contract'
import { type CapturedReply, parseHexDump } from '@shared/devices/ups/inspect'
import { hexByte } from '@shared/devices/ups/lint'
import { asLanguage, formatTime } from '@shared/i18n/time'
import { api } from '../../api'
import { useErrorText } from '../../components/errors'
import { PortSelect } from '../../components/PortSelect'
import { useApp } from '../../stores/app'
import { editsOf, type ProtocolEditor } from './EditorModel'
import { UpsMainsSwitch } from './UpsMainsSwitch'

/**
 * Replies read from a port into the inspector's captures, each command of the
 * file as edited sent once; labelled with the time they came, so a capture
 * before and one after pulling mains tell themselves apart. In demo mode the
 * simulated UPS's port is offered, with its mains switch beside the button.
 */
export function InspectorCapture({ editor, commands, onCaptured }: { editor: ProtocolEditor; commands: number[]; onCaptured(replies: CapturedReply[]): void }) {
  const { t, i18n } = useTranslation()
  const errorText = useErrorText()
  const demo = useApp((s) => s.settings?.demoMode)
  const [path, setPath] = useState('')
  const [command, setCommand] = useState<number | null>(null)
  const [busy, setBusy] = useState(false)
  const [status, setStatus] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [problems, setProblems] = useState<string[]>([])

  useEffect(() => {
    if (demo) setPath((p) => p || `sim:${UPS_SIM_ID}`)
  }, [demo])

  const capture = async () => {
    if (!editor.doc || !editor.framing) return
    setProblems([])
    setStatus(null)
    if (!path) return setError(t('upsFiles:inspector.needPort'))
    setBusy(true)
    setError(null)
    try {
      const result = await api().upsFilesCapture({ docId: editor.doc.docId, path, edits: editsOf(editor.edits), framing: editor.framing, ...(command === null ? {} : { command }) })
      const time = formatTime(result.replies[0]!.at, asLanguage(i18n.language))
      // what did arrive is kept, half a frame or garbage too: only a reply with no byte at all has nothing to show
      const replies = result.replies.flatMap((r): CapturedReply[] => {
        const parsed = parseHexDump(r.hex)
        return parsed.ok ? [{ command: r.command, bytes: parsed.bytes, label: time }] : []
      })
      onCaptured(replies)
      setStatus(t('upsFiles:inspector.captured', { count: replies.length, time }))
      setProblems(result.replies.filter((r) => r.problem).map((r) => t('upsFiles:inspector.replyProblem', { command: hexByte(r.command), problem: t(`upsFiles:captureProblem.${r.problem}`, { ms: r.waitedMs }) })))
    } catch (err) {
      setError(errorText(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <fieldset className="ups-port-capture" data-testid="inspector-capture">
      <legend>{t('upsFiles:inspector.captureFrom')}</legend>
      <div className="ups-capture-form">
        <label>
          {t('upsFiles:inspector.port')} <PortSelect value={path} onChange={setPath} testId="inspector-port" />
        </label>
        <select value={command ?? ''} onChange={(e) => setCommand(e.target.value === '' ? null : Number(e.target.value))} aria-label={t('upsFiles:inspector.command')} data-testid="inspector-capture-command">
          <option value="">{t('upsFiles:inspector.allCommands')}</option>
          {commands.map((c) => (
            <option key={c} value={c}>
              {hexByte(c)}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => void capture()} disabled={busy} data-testid="inspector-capture-button">
          {busy ? t('upsFiles:inspector.capturing') : t('upsFiles:inspector.capture')}
        </button>
        {demo && <UpsMainsSwitch />}
      </div>
      <p className="muted small" role="status" data-testid="inspector-capture-status">
        {status ?? t('upsFiles:inspector.captureHint')}
      </p>
      {error && (
        <p className="ups-error small" role="alert" data-testid="inspector-capture-error">
          {error}
        </p>
      )}
      {problems.map((p) => (
        <p key={p} className="ups-error small" role="alert" data-testid="inspector-capture-problem">
          {p}
        </p>
      ))}
    </fieldset>
  )
}

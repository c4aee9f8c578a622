import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  CABINET_CHANNELS,
  CABINET_SLOTS,
  type CabinetCommand,
  type CabinetCommandKind,
  CabinetCommandKinds,
  CabinetCommandParams,
  type CabinetFrameEntry,
  type FrameType,
  FrameTypes,
} from '@shared/contract'
import { frameMeaningText, frameRoleText } from '@shared/i18n/cabinet'
import { api } from '../../api'
import { ErrorBanner } from '../../components/ErrorBanner'
import { useAction } from '../../components/use-action'
import { PortSelect } from '../../components/PortSelect'
import { useTranslate } from '../../components/translate'
import { useCabinet } from '../../stores/cabinet'
import { usePorts } from '../../stores/ports'

const SHOWN = 300
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1)

function buildCommand(kind: CabinetCommandKind, unit: number, on: boolean): CabinetCommand {
  switch (kind) {
    case 'openLock':
      return { kind, slot: unit }
    case 'relay':
      return { kind, relay: unit, on }
    case 'readCurrent':
      return { kind, channel: unit }
    case 'allRelays':
    case 'fan':
      return { kind, on }
    default:
      return { kind } as CabinetCommand
  }
}

function FrameRow({ entry }: { entry: CabinetFrameEntry }) {
  const { t } = useTranslation()
  const tt = useTranslate()
  return (
    <div className={`frame-row ${entry.dir} ${entry.status}`} data-dir={entry.dir} data-status={entry.status} data-role={entry.role ?? ''}>
      <span className="time">{new Date(entry.ts).toISOString().slice(11, 23)}</span>
      <span className="dir">{entry.dir === 'tx' ? '→' : '←'}</span>
      <span className="role">{frameRoleText(tt, entry)}</span>
      <span className="text">{entry.text}</span>
      <span className="meaning">
        {frameMeaningText(tt, entry.meaning)}
        {entry.roundTripMs !== undefined && <span className="muted"> · {t('cabinet:terminal.roundTrip', { ms: entry.roundTripMs })}</span>}
      </span>
    </div>
  )
}

/** The cabinet's own terminal: catalogue commands or raw frames (CRC added), every frame both ways in words. */
export function CabinetTerminal() {
  const { t } = useTranslation()
  const form = useCabinet((s) => s.form)
  const [path, setPath] = useState(form.path)
  const [kind, setKind] = useState<CabinetCommandKind>('readCurrent')
  const [unit, setUnit] = useState(1)
  const [on, setOn] = useState(true)
  const [type, setType] = useState<FrameType>('comm')
  const [raw, setRaw] = useState('')
  const { run, error, clearError } = useAction()
  const port = usePorts((s) => s.ports.find((p) => p.path === path))
  const frames = useCabinet((s) => (path ? s.frames[path] : undefined))
  const isOpen = port?.session?.owner === 'cabinetTerminal' && port.session.state !== 'closed'
  const shown = useMemo(() => (frames?.entries ?? []).slice(-SHOWN), [frames])
  const listRef = useRef<HTMLDivElement>(null)
  const params = CabinetCommandParams[kind]
  const unitMax = params.includes('channel') ? CABINET_CHANNELS : CABINET_SLOTS

  useEffect(() => {
    const el = listRef.current
    if (el) el.scrollTop = el.scrollHeight
  }, [shown])


  return (
    <div data-testid="cabinet-terminal">
      <ErrorBanner message={error} onClose={clearError} />
      <div className="toolbar">
        <PortSelect value={path} onChange={setPath} testId="cabinet-terminal-port" />
        {!isOpen ? (
          <button type="button" disabled={!path} onClick={() => void run(async () => useCabinet.getState().resetFrames(path, await api().cabinetTerminalOpen({ path })))} data-testid="cabinet-terminal-open">
            {t('cabinet:terminal.open')}
          </button>
        ) : (
          <button type="button" className="secondary" onClick={() => void run(() => api().cabinetTerminalClose({ path }))} data-testid="cabinet-terminal-close">
            {t('cabinet:terminal.close')}
          </button>
        )}
        <span className="spacer" />
        {frames?.stats && (
          <span className="muted small-text">
            {t('cabinet:run.link', { tx: frames.stats.framesTx, rx: frames.stats.framesRx, badCrc: frames.stats.badCrc, junk: frames.stats.junkBytes, timeouts: frames.stats.timeouts })}
          </span>
        )}
      </div>
      {port?.session?.state === 'disconnected' && <div className="banner warn">{t('devices:terminal.disconnected')}</div>}
      <div className="frames" ref={listRef} data-testid="cabinet-frames">
        {shown.length === 0 && <div className="muted">{t('cabinet:terminal.empty')}</div>}
        {shown.map((entry) => (
          <FrameRow key={entry.seq} entry={entry} />
        ))}
      </div>
      <form
        className="send-form"
        onSubmit={(e) => {
          e.preventDefault()
          void run(() => api().cabinetTerminalSend({ path, type, command: buildCommand(kind, Math.min(unit, unitMax), on) }))
        }}
      >
        <select value={kind} onChange={(e) => setKind(e.target.value as CabinetCommandKind)} data-testid="cabinet-command">
          {CabinetCommandKinds.map((k) => (
            <option key={k} value={k}>
              {t(`cabinet:commands.${k}`)}
            </option>
          ))}
        </select>
        {params.some((p) => p === 'slot' || p === 'relay' || p === 'channel') && (
          <select value={Math.min(unit, unitMax)} onChange={(e) => setUnit(Number(e.target.value))} aria-label={t('cabinet:terminal.unit')} data-testid="cabinet-command-unit">
            {range(unitMax).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        )}
        {params.includes('on') && (
          <select value={on ? 'on' : 'off'} onChange={(e) => setOn(e.target.value === 'on')} aria-label={t('cabinet:terminal.state')}>
            <option value="on">{t('cabinet:terminal.on')}</option>
            <option value="off">{t('cabinet:terminal.off')}</option>
          </select>
        )}
        <select value={type} onChange={(e) => setType(e.target.value as FrameType)} aria-label={t('cabinet:terminal.type')}>
          {FrameTypes.map((ft) => (
            <option key={ft} value={ft}>
              {ft}
            </option>
          ))}
        </select>
        <button type="submit" disabled={!isOpen} data-testid="cabinet-command-send">
          {t('cabinet:terminal.send')}
        </button>
      </form>
      <form
        className="send-form"
        onSubmit={(e) => {
          e.preventDefault()
          void run(async () => {
            await api().cabinetTerminalSend({ path, raw })
            setRaw('')
          })
        }}
      >
        <input className="grow mono" value={raw} onChange={(e) => setRaw(e.target.value)} placeholder={t('cabinet:terminal.rawPlaceholder')} data-testid="cabinet-raw" />
        <button type="submit" disabled={!isOpen || !raw.trim()} data-testid="cabinet-raw-send">
          {t('cabinet:terminal.sendRaw')}
        </button>
      </form>
      <p className="hint">{t('cabinet:terminal.rawHint')}</p>
    </div>
  )
}

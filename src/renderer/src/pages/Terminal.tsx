import { memo, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { AppError, BaudRates } from '@shared/contract'
import { fromHex, spacedHex, toAscii } from '@shared/hex'
import { api } from '../api'
import { ErrorBanner } from '../components/ErrorBanner'
import { useAction } from '../components/use-action'
import { PortSelect } from '../components/PortSelect'
import { saveFile } from '../components/save-file'
import { VirtualRows } from '../components/VirtualRows'
import { type ShownEntry, usePorts } from '../stores/ports'

/** bytes drawn per chunk, on one line: a 4 KiB chunk is not read on screen; the export has every byte */
const BYTES_PER_ROW = 32
const ROW_HEIGHT = 18


/** One chunk; memoized so a batch renders only its new rows. */
const TrafficRow = memo(function TrafficRow({ entry }: { entry: ShownEntry }) {
  const { t } = useTranslation()
  const time = new Date(entry.ts).toISOString().slice(11, 23)
  if (entry.dir === 'event') {
    return (
      <div className="traffic-row event">
        <span className="time">{time}</span>
        <span className="dir">{t('devices:traffic.event')}</span>
        <span className="hex">{t(`devices:trafficEvents.${entry.hex}`)}</span>
      </div>
    )
  }
  const bytes = entry.bytes
  const shown = bytes > BYTES_PER_ROW ? entry.hex.slice(0, BYTES_PER_ROW * 2) : entry.hex
  return (
    <div className={`traffic-row ${entry.dir}`}>
      <span className="time">{time}</span>
      <span className="dir">{t(`devices:traffic.${entry.dir}`)}</span>
      <span className="hex">
        {spacedHex(shown)}
        {bytes > BYTES_PER_ROW && <span className="muted"> {t('devices:terminal.moreBytes', { count: bytes - BYTES_PER_ROW })}</span>}
      </span>
      <span className="ascii">{toAscii(fromHex(shown))}</span>
    </div>
  )
})

export function TerminalPage({ initialPath }: { initialPath?: string }) {
  const { t } = useTranslation()
  const [path, setPath] = useState(initialPath ?? '')
  const [baudRate, setBaudRate] = useState(115200)
  const [text, setText] = useState('')
  const [encoding, setEncoding] = useState<'ascii' | 'hex'>('ascii')
  const [lineEnding, setLineEnding] = useState<'none' | 'cr' | 'lf' | 'crlf'>('crlf')
  const { run, error, clearError } = useAction()
  const port = usePorts((s) => s.ports.find((p) => p.path === path))
  const traffic = usePorts((s) => (path ? s.traffic[path] : undefined))
  const isOpen = port?.session?.owner === 'terminal' && port.session.state !== 'closed'
  // what can never become hex however it is finished; an odd digit count may be a byte still being typed
  const notHexYet = encoding === 'hex' && /[^0-9a-f\s:,-]/i.test(text)

  useEffect(() => {
    if (!path) return
    api()
      .getTraffic({ path, afterSeq: -1, limit: 2000 })
      .then(({ entries, dropped }) => usePorts.getState().setTraffic(path, entries, dropped))
      .catch(() => undefined)
  }, [path])


  return (
    <section data-testid="terminal">
      <h1>{t('devices:terminal.title')}</h1>
      <ErrorBanner message={error} onClose={clearError} />
      <div className="toolbar">
        <PortSelect value={path} onChange={setPath} testId="terminal-port" />
        <select value={baudRate} disabled={isOpen} onChange={(e) => setBaudRate(Number(e.target.value))} data-testid="terminal-baud">
          {BaudRates.map((rate) => (
            <option key={rate} value={rate}>
              {rate}
            </option>
          ))}
        </select>
        {!isOpen ? (
          <button type="button" disabled={!path} data-testid="terminal-open" onClick={() => void run(() => api().openTerminal({ path, settings: { baudRate, dataBits: 8, parity: 'none', stopBits: 1 } }))}>
            {t('devices:terminal.open')}
          </button>
        ) : (
          <button type="button" className="secondary" data-testid="terminal-close" onClick={() => void run(() => api().closeTerminal({ path }))}>
            {t('devices:terminal.close')}
          </button>
        )}
        <span className="spacer" />
        <button type="button" className="secondary" disabled={!path} onClick={() => void run(async () => saveFile(await api().exportTraffic({ path, format: 'txt' })))}>
          {t('devices:terminal.exportTxt')}
        </button>
        <button type="button" className="secondary" disabled={!path} onClick={() => void run(async () => saveFile(await api().exportTraffic({ path, format: 'csv' })))}>
          {t('devices:terminal.exportCsv')}
        </button>
      </div>
      {port?.session?.state === 'disconnected' && <div className="banner warn">{t('devices:terminal.disconnected')}</div>}
      {traffic && traffic.dropped > 0 && <div className="muted">{t('devices:terminal.dropped', { count: traffic.dropped })}</div>}
      <VirtualRows
        className="traffic"
        testId="traffic"
        rows={traffic?.entries ?? []}
        rowHeight={ROW_HEIGHT}
        height={420}
        followTail
        render={(entry) => <TrafficRow key={entry.seq} entry={entry} />}
      />
      <form
        className="send-form"
        onSubmit={(e) => {
          e.preventDefault()
          void run(async () => {
            if (encoding === 'hex') {
              try {
                fromHex(text)
              } catch {
                throw new AppError('terminalNotHex')
              }
            }
            await api().sendTerminal({ path, encoding, text, lineEnding: encoding === 'hex' ? 'none' : lineEnding })
            setText('')
          })
        }}
      >
        <select value={encoding} onChange={(e) => setEncoding(e.target.value as 'ascii' | 'hex')} data-testid="terminal-encoding">
          <option value="ascii">{t('devices:terminal.ascii')}</option>
          <option value="hex">{t('devices:terminal.hex')}</option>
        </select>
        <input
          className="grow mono"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={encoding === 'hex' ? t('devices:terminal.hexPlaceholder') : t('devices:terminal.asciiPlaceholder')}
          aria-invalid={notHexYet}
          title={notHexYet ? t('errors:terminalNotHex') : undefined}
          data-testid="terminal-input"
        />
        {encoding === 'ascii' && (
          <select value={lineEnding} onChange={(e) => setLineEnding(e.target.value as typeof lineEnding)}>
            {(['none', 'cr', 'lf', 'crlf'] as const).map((ending) => (
              <option key={ending} value={ending}>
                {t(`devices:endings.${ending}`)}
              </option>
            ))}
          </select>
        )}
        <button type="submit" disabled={!isOpen || !text} data-testid="terminal-send">
          {t('devices:terminal.send')}
        </button>
      </form>
    </section>
  )
}

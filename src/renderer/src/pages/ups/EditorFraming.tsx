import { type ReactNode, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { FramingProfile, UpsFramingIssue } from '@shared/contract'
import { api } from '../../api'
import { camel, type ProtocolEditor } from './EditorModel'

/** checked in main (the profile's schema) shortly after each change */
const CHECK_DELAY_MS = 300

type Line = FramingProfile['line']
type Request = FramingProfile['request']
type Reply = FramingProfile['reply']

const CHECKSUMS = ['none', 'sum8', 'xor8', 'crc16-modbus'] as const
const ENCODINGS = ['ascii-hex', 'binary'] as const

/** The wire profile beside the file: line settings, how a command goes out and how a reply comes back. */
export function EditorFraming({ editor, onIssues }: { editor: ProtocolEditor; onIssues(issues: UpsFramingIssue[]): void }) {
  const { t } = useTranslation()
  const framing = editor.framing!
  const [issues, setIssues] = useState<UpsFramingIssue[]>([])

  useEffect(() => {
    let live = true
    const timer = setTimeout(() => {
      api()
        .upsFilesCheckFraming({ framing })
        .then((found) => {
          if (!live) return
          setIssues(found)
          onIssues(found)
        })
        .catch(() => undefined)
    }, CHECK_DELAY_MS)
    return () => {
      live = false
      clearTimeout(timer)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [framing])

  const setLine = (patch: Partial<Line>) => editor.setFraming({ ...framing, line: { ...framing.line, ...patch } })
  const setRequest = (patch: Partial<Request>) => editor.setFraming({ ...framing, request: { ...framing.request, ...patch } })
  const setReply = (patch: Partial<Reply>) => editor.setFraming({ ...framing, reply: { ...framing.reply, ...patch } })
  const issueOf = (field: string) => issues.find((i) => i.field === field)
  const reason = (field: string) => {
    const issue = issueOf(field)
    return issue ? <span className="ups-error small" data-issue={field}>{t(`upsFiles:framingReason.${issue.reason}`, issue.params)}</span> : null
  }
  const num = (text: string) => (text.trim() === '' ? (undefined as unknown as number) : Number(text))
  const field = (label: string, path: string, control: ReactNode) => (
    <label className={issueOf(path) ? 'ups-field invalid' : 'ups-field'}>
      <span>{label}</span>
      {control}
      {reason(path)}
    </label>
  )
  const select = <T extends string | number>(value: T, options: readonly T[], onChange: (v: T) => void, word?: (v: T) => string) => (
    <select value={String(value)} onChange={(e) => onChange(options.find((o) => String(o) === e.target.value)!)}>
      {options.map((o) => (
        <option key={String(o)} value={String(o)}>
          {word ? word(o) : String(o)}
        </option>
      ))}
    </select>
  )
  const hex = (value: string, onChange: (v: string) => void) => <input value={value} size={10} onChange={(e) => onChange(e.target.value.replace(/\s+/g, '').toUpperCase())} />
  const lengths = Object.entries(framing.reply.length ?? {})
  const shown = new Set([
    ...['baud', 'dataBits', 'parity', 'stopBits'].map((k) => `line.${k}`),
    ...['prefix', 'command', 'suffix', 'checksum'].map((k) => `request.${k}`),
    ...['prefix', 'terminator', 'data', 'byteOrder', 'checksum', 'timeoutMs'].map((k) => `reply.${k}`),
    ...lengths.map(([cmd]) => `reply.length.${cmd}`),
  ])
  const others = issues.filter((i) => !shown.has(i.field))

  return (
    <section className="ups-framing" data-testid="ups-framing">
      <p className="muted small">{t('upsFiles:framing.intro')}</p>
      <h3>{t('upsFiles:framing.line')}</h3>
      <div className="ups-form">
        {field(t('upsFiles:framing.baud'), 'line.baud', <input inputMode="numeric" size={8} value={Number.isFinite(framing.line.baud) ? framing.line.baud : ''} onChange={(e) => setLine({ baud: num(e.target.value) })} data-testid="framing-baud" />)}
        {field(t('upsFiles:framing.dataBits'), 'line.dataBits', select(framing.line.dataBits, [7, 8] as const, (dataBits) => setLine({ dataBits })))}
        {field(t('upsFiles:framing.parity'), 'line.parity', select(framing.line.parity, ['none', 'even', 'odd'] as const, (parity) => setLine({ parity }), (p) => t(`upsFiles:parity.${p}`)))}
        {field(t('upsFiles:framing.stopBits'), 'line.stopBits', select(framing.line.stopBits, [1, 2] as const, (stopBits) => setLine({ stopBits })))}
      </div>
      <h3>{t('upsFiles:framing.request')}</h3>
      <div className="ups-form">
        {field(t('upsFiles:framing.prefix'), 'request.prefix', hex(framing.request.prefix, (prefix) => setRequest({ prefix })))}
        {field(t('upsFiles:framing.command'), 'request.command', select(framing.request.command, ENCODINGS, (command) => setRequest({ command }), (e) => t(`upsFiles:dataEncoding.${camel(e)}`)))}
        {field(t('upsFiles:framing.suffix'), 'request.suffix', hex(framing.request.suffix, (suffix) => setRequest({ suffix })))}
        {field(t('upsFiles:framing.checksum'), 'request.checksum', select(framing.request.checksum, CHECKSUMS, (checksum) => setRequest({ checksum }), (c) => t(`upsFiles:checksum.${camel(c)}`)))}
      </div>
      <h3>{t('upsFiles:framing.reply')}</h3>
      <div className="ups-form">
        {field(t('upsFiles:framing.prefix'), 'reply.prefix', hex(framing.reply.prefix, (prefix) => setReply({ prefix })))}
        {field(t('upsFiles:framing.terminator'), 'reply.terminator', hex(framing.reply.terminator, (terminator) => setReply({ terminator })))}
        {field(t('upsFiles:framing.data'), 'reply.data', select(framing.reply.data, ENCODINGS, (data) => setReply({ data }), (e) => t(`upsFiles:dataEncoding.${camel(e)}`)))}
        {field(t('upsFiles:framing.byteOrder'), 'reply.byteOrder', select(framing.reply.byteOrder, ['big', 'little'] as const, (byteOrder) => setReply({ byteOrder }), (o) => t(`upsFiles:byteOrder.${o}`)))}
        {field(t('upsFiles:framing.checksum'), 'reply.checksum', select(framing.reply.checksum, CHECKSUMS, (checksum) => setReply({ checksum }), (c) => t(`upsFiles:checksum.${camel(c)}`)))}
        {field(t('upsFiles:framing.timeoutMs'), 'reply.timeoutMs', <input inputMode="numeric" size={6} value={Number.isFinite(framing.reply.timeoutMs) ? framing.reply.timeoutMs : ''} onChange={(e) => setReply({ timeoutMs: num(e.target.value) })} />)}
        {lengths.map(([cmd, len]) =>
          field(
            t('upsFiles:framing.lengthOf', { command: `0x${cmd}` }),
            `reply.length.${cmd}`,
            <input inputMode="numeric" size={6} value={Number.isFinite(len) ? len : ''} onChange={(e) => setReply({ length: { ...framing.reply.length, [cmd]: num(e.target.value) } })} />,
          ),
        )}
      </div>
      {others.length > 0 && (
        <ul className="ups-error small">
          {others.map((i) => (
            <li key={i.field}>
              {i.field}: {t(`upsFiles:framingReason.${i.reason}`, i.params)}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

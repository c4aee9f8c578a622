import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type Finding, hexByte } from '@shared/devices/ups/lint'
import { lintKey } from '@shared/devices/ups/names'
import type { UpsValue } from '@shared/devices/ups/protocol'
import { editKey, type ProtocolEditor } from './EditorModel'
import { useUpsNames } from './EditorNames'

/** above this many values the table shows one group at a time */
const ALL_GROUPS_MAX = 500

type PositionKey = 'SendCmd' | 'Index' | 'Len' | 'Sbit' | 'Ebit'

export function FindingPlace({ finding }: { finding: Finding }) {
  const { t } = useTranslation()
  return <span className="ups-place">{finding.line !== undefined ? t('upsFiles:editor.lineColumn', { line: finding.line, column: finding.column }) : t('upsFiles:editor.offset', { offset: finding.at })}</span>
}

export function EditorTable({ editor, selected, onSelect }: { editor: ProtocolEditor; selected: number | null; onSelect(n: number): void }) {
  const { t } = useTranslation()
  const names = useUpsNames()
  const linted = editor.linted!
  const { protocol } = linted
  const many = protocol.values.length > ALL_GROUPS_MAX
  const [group, setGroup] = useState<number | 'all' | 'none'>(many ? (protocol.groups[0]?.id ?? 'none') : 'all')
  const rowRefs = useRef(new Map<number, HTMLTableRowElement>())

  const groupOfSelected = selected === null ? undefined : protocol.values.find((v) => v.n === selected)?.group
  useEffect(() => {
    if (selected === null) return
    if (group !== 'all' && groupOfSelected !== undefined && group !== groupOfSelected) setGroup(groupOfSelected)
    rowRefs.current.get(selected)?.scrollIntoView({ block: 'center' })
  }, [selected, group, groupOfSelected])

  const shownGroups = protocol.groups.filter((g) => group === 'all' || g.id === group)
  const ungrouped = protocol.values.filter((v) => v.group === undefined)
  const byN = new Map(protocol.values.map((v) => [v.n, v]))

  const row = (v: UpsValue) => {
    const section = `cmd-${v.n}`
    const findings = linted.byValue.get(v.n) ?? []
    const { unit, overridden } = editor.unitOf(v.n, v.name, !!v.bits)
    const cell = (key: PositionKey) => {
      const text = editor.valueText(section, key)
      if (text === undefined) return <td key={key} className="num muted">—</td>
      const changed = editor.edits.has(editKey(section, key))
      const refused = linted.refused === editKey(section, key)
      return (
        <td key={key} className="num">
          <input
            className={refused ? 'invalid' : changed ? 'changed' : undefined}
            aria-label={t('upsFiles:editor.keyOf', { key, section })}
            data-key={`${section}.${key}`}
            value={text}
            size={key === 'SendCmd' ? 3 : 4}
            onFocus={() => onSelect(v.n)}
            onChange={(e) => editor.edit(section, key, e.target.value)}
          />
        </td>
      )
    }
    const name = names.value(v.n, v.name)
    return [
      <tr
        key={v.n}
        ref={(el) => {
          if (el) rowRefs.current.set(v.n, el)
          else rowRefs.current.delete(v.n)
        }}
        data-value={v.n}
        className={[selected === v.n ? 'selected' : '', v.measurable ? '' : 'unmeasurable'].join(' ')}
        onClick={() => onSelect(v.n)}
      >
        <td className="num muted">{v.n}</td>
        <td>
          <div>
            {name.text} {v.measurable ? <span className="badge ok">{t('upsFiles:editor.read')}</span> : <span className="badge fail">{t('upsFiles:editor.notRead')}</span>}
          </div>
          {name.translated && <div className="muted small" lang="zh-CN">{v.name}</div>}
        </td>
        {cell('SendCmd')}
        {cell('Index')}
        {cell('Len')}
        <td>{v.type ?? '—'}</td>
        {cell('Sbit')}
        {cell('Ebit')}
        <td className="num">
          <NumberInput label={t('upsFiles:editor.scaleOf', { section })} value={unit.scale} changed={overridden} onChange={(scale) => editor.setUnit(v.n, { scale })} />
        </td>
        <td>
          <input
            className={overridden ? 'changed' : undefined}
            aria-label={t('upsFiles:editor.unitOf', { section })}
            value={unit.unit}
            size={4}
            maxLength={16}
            onChange={(e) => editor.setUnit(v.n, { unit: e.target.value })}
          />
        </td>
      </tr>,
      ...findings.map((f, i) => (
        <tr key={`${v.n}-f${i}`} className={`ups-finding-row ${f.severity}`} data-finding={f.code}>
          <td />
          <td colSpan={9}>
            <FindingPlace finding={f} /> {t(lintKey(f.code), f.params)}
          </td>
        </tr>
      )),
    ]
  }

  return (
    <div className="ups-table-wrap">
      <div className="ups-table-tools">
        <label>
          {t('upsFiles:editor.group')}{' '}
          <select value={String(group)} onChange={(e) => setGroup(e.target.value === 'all' || e.target.value === 'none' ? e.target.value : Number(e.target.value))} data-testid="ups-group-filter">
            {!many && <option value="all">{t('upsFiles:editor.allGroups', { n: protocol.values.length })}</option>}
            {protocol.groups.map((g) => (
              <option key={g.id} value={g.id}>
                {names.group(g.id, g.name).text} ({g.values.length})
              </option>
            ))}
            {ungrouped.length > 0 && <option value="none">{t('upsFiles:editor.noGroup', { n: ungrouped.length })}</option>}
          </select>
        </label>
      </div>
      <div className="ups-table-scroll">
        <table className="grid ups-values" data-testid="ups-values">
          <thead>
            <tr>
              <th>{t('upsFiles:editor.colN')}</th>
              <th>{t('upsFiles:editor.colName')}</th>
              <th>{t('upsFiles:editor.colCommand')}</th>
              <th>{t('upsFiles:editor.colIndex')}</th>
              <th>{t('upsFiles:editor.colLen')}</th>
              <th>{t('upsFiles:editor.colType')}</th>
              <th>{t('upsFiles:editor.colSbit')}</th>
              <th>{t('upsFiles:editor.colEbit')}</th>
              <th>{t('upsFiles:editor.colScale')}</th>
              <th>{t('upsFiles:editor.colUnit')}</th>
            </tr>
          </thead>
          {shownGroups.map((g) => (
            <tbody key={g.id} data-group={g.id}>
              <tr className="ups-group-row">
                <th colSpan={10}>
                  {names.group(g.id, g.name).text}
                  {names.group(g.id, g.name).translated && <span className="muted small" lang="zh-CN"> · {g.name}</span>}
                  <span className="muted small"> · {commandsText(g.values.map((n) => byN.get(n)))}</span>
                </th>
              </tr>
              {g.values.flatMap((n) => (byN.has(n) ? row(byN.get(n)!) : []))}
            </tbody>
          ))}
          {(group === 'all' || group === 'none') && ungrouped.length > 0 && <tbody>{ungrouped.flatMap(row)}</tbody>}
        </table>
      </div>
    </div>
  )
}

function commandsText(values: (UpsValue | undefined)[]): string {
  return [...new Set(values.flatMap((v) => (v?.command === undefined ? [] : [hexByte(v.command)])))].join(', ')
}

function NumberInput({ label, value, changed, onChange }: { label: string; value: number; changed: boolean; onChange(v: number | null): void }) {
  const [text, setText] = useState(String(value))
  // a value set elsewhere (another file opened) replaces the text; the person's own typing ("0.") is kept
  useEffect(() => {
    setText((typed) => (Number(typed) === value && typed.trim() !== '' ? typed : String(value)))
  }, [value])
  const bad = text.trim() !== '' && !Number.isFinite(Number(text))
  return (
    <input
      className={bad ? 'invalid' : changed ? 'changed' : undefined}
      aria-label={label}
      aria-invalid={bad}
      value={text}
      size={5}
      onChange={(e) => {
        setText(e.target.value)
        const trimmed = e.target.value.trim()
        if (trimmed === '') onChange(null)
        else if (Number.isFinite(Number(trimmed))) onChange(Number(trimmed))
      }}
    />
  )
}

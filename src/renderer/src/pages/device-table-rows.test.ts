import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import type { TFunction } from 'i18next'
import { describe, expect, it } from 'vitest'
import { type FaultRow, faultRows, type FoxessTablesMeta } from '@shared/devices/foxess/tables'
import { FaultLineRow, faultLines } from './device-table-rows'

/** Keys and their parameters, so the test sees which text each cell asked for. */
const t = ((key: string, params?: Record<string, unknown>) => (params ? `${key}${JSON.stringify(params)}` : key)) as unknown as TFunction

const meta = {
  source: 'test',
  variables: [],
  counts: { variables: 0, faults: 3, placeholders: 1 },
  faults: [
    { code: 1025, placeholder: false, class: 'grid', vendorEn: 'cGridOverVoltFault', vendorZh: '电网过压故障', vendorPl: 'Przepięcie', plSource: 'fieldbench' },
    { code: 19, placeholder: true },
    { code: 13, placeholder: false, class: 'communication', plSource: 'vendor', notAFault: true },
  ],
} as unknown as FoxessTablesMeta
const names = {
  en: { f1025: 'Grid overvoltage', f13: 'Bus error' },
  zh: { f1025: '电网过压', f13: '总线错误' },
  pl: { f1025: 'Przepięcie sieci', f13: 'Błąd magistrali' },
}
const rows: FaultRow[] = faultRows(meta, names, (l, code) => `? ${l} ${code}`)

describe('device table rows worked out once per language', () => {
  it('give each cell its text in the language shown, the other languages beside it', () => {
    const [grid, placeholder, bus] = faultLines(rows, 'zh', t)
    expect(grid).toMatchObject({ name: '电网过压', vendor: 'cGridOverVoltFault', classText: 'tables:faultClass.grid', others: 'Grid overvoltage · Przepięcie sieci', othersTitle: 'Grid overvoltage\nPrzepięcie sieci' })
    // a placeholder has no vendor's name; a fault without a class has no class text
    expect(placeholder).toMatchObject({ name: '? zh 19', vendor: '', classText: '', ours: null })
    expect(bus!.vendor).toBe('Bus error')
    expect(grid!.haystack).toBe(rows[0]!.haystack)
  })

  it('mark the Chinese or Polish that is ours, with the vendor text it replaces', () => {
    expect(faultLines(rows, 'zh', t)[0]!.ours).toEqual({ label: 'tables:ours', hint: 'tables:oursReplaced{"vendor":"电网过压故障"}' })
    expect(faultLines(rows, 'pl', t)[0]!.ours).toEqual({ label: 'tables:ours', hint: 'tables:oursReplaced{"vendor":"Przepięcie"}' })
    expect(faultLines(rows, 'pl', t)[2]!.ours).toBeNull()
    expect(faultLines(rows, 'en', t)[0]!.ours).toBeNull()
  })

  it('draw a row from its worked-out text', () => {
    const [, , bus] = faultLines(rows, 'pl', t)
    const html = renderToStaticMarkup(createElement(FaultLineRow, { line: bus!, picked: true, notAFault: 'not a fault', onPick: () => undefined }))
    expect(html).toContain('class="vrow faults picked"')
    expect(html).toContain('data-code="13"')
    expect(html).toContain('Błąd magistrali')
    expect(html).toContain('not a fault')
    expect(html).toContain('tables:faultClass.communication')
    expect(html).toContain('Bus error · 总线错误')
  })
})

import { describe, expect, it } from 'vitest'
import { localDay, todayShift } from '@shared/devices/cabinet/shift'
import { bench, runToEnd, start } from './cabinet-test-harness'
import { exportShift, shiftSummary } from './shift'

/** RFC 4180 as the writer makes it: CRLF rows, quoted fields with doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = text.startsWith('\uFEFF') ? 1 : 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') field += text[++i]
      else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i++
    } else field += c
  }
  return rows
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/

describe("a shift's cabinets, from the records of real tests against the simulated board", () => {
  it('counts, rates and names the channel that failed most; exports one row per test with every measurement', async () => {
    const b = await bench()
    const run = async (serial: string, deadChannels: number[], safety = true) => {
      b.cab.sim.setFaults({ deadChannels })
      const job = await start(b, { serial })
      b.operate(job, { safety })
      return runToEnd(b, job)
    }
    expect((await run('CAB-0001', [])).verdict).toBe('pass')
    expect((await run('CAB-0002', [3])).verdict).toBe('fail')
    expect((await run('CAB-0003', [3, 5])).verdict).toBe('fail')
    expect((await run('CAB-0004', [], false)).status).toBe('aborted')

    const today = todayShift(Date.now())
    // channel 3 failed twice in each failed cabinet (relay on and current): it counts once per cabinet
    expect(shiftSummary(b.records, today)).toEqual({ tested: 3, passed: 1, failed: 2, unfinished: 1, topChannel: { channel: 3, cabinets: 2 } })

    const file = await exportShift(b.records, today, 'en')
    expect(file).toMatchObject({ fileName: `fieldbench-cabinets-${today.day}-0000-2400.csv`, mime: 'text/csv', base64: false })
    const [header, ...rows] = parseCsv(file.content)
    expect(header!.slice(0, 8)).toEqual(['Record', 'Cabinet serial number', 'Operator', 'Started', 'Finished', 'Status', 'Verdict', 'Failed steps'])
    expect(rows.map((r) => r[1])).toEqual(['CAB-0001', 'CAB-0002', 'CAB-0003', 'CAB-0004'])
    expect(rows.map((r) => r[6])).toEqual(['PASS', 'FAIL', 'FAIL', 'No verdict'])
    for (const row of rows) {
      expect(row).toHaveLength(header!.length)
      expect(row[2]).toBe('Ana')
      expect(row[3]).toMatch(ISO_WITH_OFFSET)
    }
    // every measurement of the test has its column, the unit in its header
    const column = (label: string) => header!.indexOf(label)
    for (let channel = 1; channel <= 9; channel++) expect(column(`Channel ${channel} current (A)`)).toBeGreaterThan(7)
    for (const label of ['Lock 8 opened', 'Door 8 close reported', 'Relay 8 on: channel current (A)', 'Voltage (V)', 'Relay 8 off: channel current (A)', 'Lock 8 closed']) {
      expect(column(label), label).toBeGreaterThan(7)
    }
    const good = rows[0]!
    const record = b.records.get(Number(good[0]))
    const current5 = record.steps.find((s) => s.key === 'currents')!.measurements.find((m) => m.key === 'current5')!
    expect(Number(good[column('Channel 5 current (A)')])).toBe(current5.value)
    expect(good[column('Lock 1 opened')]).toBe('Yes')
    expect(good[7]).toBe('')
    expect(rows[1]![7]).toContain('Channel 3 current')
    expect(rows[2]![7]).toContain('Channel 5 current')
    // the aborted one: stopped at the warning, so it has no measurement but the operator's answer
    expect(rows[3]![column('Channel 1 current (A)')]).toBe('')
    expect(rows[3]![column('Warning confirmed by the operator')]).toBe('No')

    // in the reader's language, times in the same shape
    const polish = parseCsv((await exportShift(b.records, today, 'pl')).content)
    expect(polish[0]!.slice(0, 2)).toEqual(['Rekord', 'Numer seryjny szafy'])
    expect(polish.slice(1).map((r) => r[3])).toEqual(rows.map((r) => r[3]))

    // another day's shift holds none of them
    const yesterday = { day: localDay(Date.now() - 86_400_000), start: '00:00', end: '01:00' }
    expect(shiftSummary(b.records, yesterday)).toEqual({ tested: 0, passed: 0, failed: 0, unfinished: 0, topChannel: null })
    expect(parseCsv((await exportShift(b.records, yesterday, 'en')).content)).toHaveLength(1)
  })

  it('refuses a shift that is not one, and reads nothing', async () => {
    const b = await bench()
    expect(() => shiftSummary(b.records, { day: '2026-02-30', start: '06:00', end: '14:00' })).toThrow(expect.objectContaining({ code: 'cabinetShiftInvalid' }))
    await expect(exportShift(b.records, { day: '2026-11-30', start: '6', end: '14:00' }, 'en')).rejects.toMatchObject({ code: 'cabinetShiftInvalid' })
  })
})

import { describe, expect, it } from 'vitest'
import { csvField, isoWithOffset, seriesCsv, toCsv } from './csv'
import { SeriesStore } from './store'

describe('csv', () => {
  it('quotes only what needs quoting, CRLF lines, BOM unless asked not to', () => {
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField(null)).toBe('')
    expect(toCsv(['Czas', 'Moc PV (kW)'], [['2026-11-21 10:00', 1.5]])).toBe('\uFEFFCzas,Moc PV (kW)\r\n2026-11-21 10:00,1.5\r\n')
    expect(toCsv(['a'], [[1]], { bom: false })).toBe('a\r\n1\r\n')
  })

  it('writes ISO 8601 times with the zone offset, across a daylight-saving change', () => {
    const t = Date.UTC(2026, 10, 21, 10, 0, 0)
    expect(isoWithOffset(t, 'UTC')).toBe('2026-11-21T10:00:00.000+00:00')
    expect(isoWithOffset(t, 'Asia/Shanghai')).toBe('2026-11-21T18:00:00.000+08:00')
    expect(isoWithOffset(t, 'America/St_Johns')).toBe('2026-11-21T06:30:00.000-03:30')
    expect(isoWithOffset(Date.UTC(2026, 6, 1, 10, 0, 0), 'Europe/Warsaw')).toBe('2026-07-01T12:00:00.000+02:00')
    expect(isoWithOffset(t, 'Europe/Warsaw')).toBe('2026-11-21T11:00:00.000+01:00')
    expect(isoWithOffset(t)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/)
  })

  it('exports the store: one row per time, value with min and max, raw rows then older buckets', () => {
    const store = new SeriesStore({ rawPoints: 3, buckets: [{ bucketMs: 10_000, spanMs: 60_000 }] })
    const t0 = Date.UTC(2026, 10, 21, 10, 0, 0)
    for (let s = 0; s < 13; s++) store.append('pv', t0 + s * 1000, s === 4 ? 9 : 1)
    store.append('soc', t0 + 12_000, 55)
    const csv = seriesCsv(store, [{ key: 'pv', label: 'PV, kW' }, { key: 'soc', label: 'SoC (%)' }], { from: t0, to: t0 + 60_000, timeZone: 'Europe/Warsaw', timeLabel: 'Time', minLabel: 'min', maxLabel: 'max', bom: false })
    expect(csv.split('\r\n')).toEqual([
      'Time,"PV, kW","PV, kW min","PV, kW max",SoC (%),SoC (%) min,SoC (%) max',
      // the first ten seconds only as a bucket: the spike is its max
      '2026-11-21T11:00:00.000+01:00,1.8,1,9,,,',
      '2026-11-21T11:00:10.000+01:00,1,1,1,,,',
      '2026-11-21T11:00:11.000+01:00,1,1,1,,,',
      '2026-11-21T11:00:12.000+01:00,1,1,1,55,55,55',
      '',
    ])
  })
})

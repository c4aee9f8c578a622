import { describe, expect, it } from 'vitest'
import { type BenchSection, mergeResults, parseSections } from '../scripts/bench-results.mjs'

const MACHINE = '2 × Test CPU, 4 GiB, Node 24.0.0, linux'

/** A results file as written before each section carried its date, with a note added by hand under one table. */
const OLD = `# Bench results

Measured by \`npm run bench\` on 2026-11-30: 2 × Old CPU, 24 GiB, Node 24.21.0, linux.
Figures, not pass/fail tests: each is compared with the target its issue names, where it names one.

## cabinet

| figure | value | target | met |
| --- | ---: | --- | --- |
| decoder throughput | 4.63 MB/s | ≥ 11520 B/s (115200 baud) | yes |

## live-chart

| figure | value | target | met |
| --- | ---: | --- | --- |
| sample → drawn frame, p95 | 18.4 ms | ≤ 16 ms | **no** |


A note about this run.

## ups-protocol-files

| figure | value | target | met |
| --- | ---: | --- | --- |
| seed file, wall p95 | 6.72 ms |  |  |
`

const liveChart: BenchSection = {
  section: 'live-chart',
  at: '2026-12-01T02:31:07.123Z',
  load: 0.42,
  cores: 2,
  figures: [
    { name: 'sample → drawn frame, p95', value: 9.26, unit: 'ms', target: '≤ 16 ms', met: true },
    { name: 'samples not redrawn within 3 s', value: 0, unit: 'samples', note: 'of 30' },
    { name: 'heap', value: NaN, unit: 'MB' },
  ],
}

describe('bench/results.md merged with the sections just run', () => {
  it('replaces the sections that ran and keeps the others, each with its date', () => {
    const merged = mergeResults(OLD, [liveChart], MACHINE)
    const sections = parseSections(merged)
    expect([...sections.keys()]).toEqual(['cabinet', 'live-chart', 'ups-protocol-files'])
    expect(sections.get('cabinet')).toEqual(['## cabinet', '', 'Measured 2026-11-30.', '', '| figure | value | target | met |', '| --- | ---: | --- | --- |', '| decoder throughput | 4.63 MB/s | ≥ 11520 B/s (115200 baud) | yes |'])
    expect(sections.get('ups-protocol-files')).toContain('| seed file, wall p95 | 6.72 ms |  |  |')
    expect(sections.get('live-chart')).toEqual([
      '## live-chart',
      '',
      'Measured 2026-12-01 02:31 UTC, load average 0.4 on 2 cores.',
      '',
      '| figure | value | target | met |',
      '| --- | ---: | --- | --- |',
      '| sample → drawn frame, p95 | 9.26 ms | ≤ 16 ms | yes |',
      '| samples not redrawn within 3 s — of 30 | 0 samples |  |  |',
      '| heap | — MB |  |  |',
    ])
    // the old run's figure and the note written about it go with the section they belonged to
    expect(merged).not.toContain('18.4 ms')
    expect(merged).not.toContain('A note about this run.')
    expect(merged).toContain(MACHINE)
    expect(merged).not.toContain('Old CPU')
  })

  it('keeps a dated section as it is on the next merge, however many times it is merged', () => {
    const once = mergeResults(OLD, [liveChart], MACHINE)
    const later = { ...liveChart, at: '2026-12-02T08:00:00.000Z', load: 1.5 }
    const twice = mergeResults(once, [later], MACHINE)
    const sections = parseSections(twice)
    expect(sections.get('cabinet')).toEqual(parseSections(once).get('cabinet'))
    expect(sections.get('live-chart')?.[2]).toBe('Measured 2026-12-02 08:00 UTC, load average 1.5 on 2 cores.')
    expect(twice.match(/Measured 2026-11-30\./g)).toHaveLength(2)
  })

  it('keeps a note written under a table the run did not touch', () => {
    const cabinet: BenchSection = { section: 'cabinet', at: '2026-12-01T01:00:00.000Z', figures: [{ name: 'decoder throughput', value: 5.1, unit: 'MB/s' }] }
    const sections = parseSections(mergeResults(OLD, [cabinet], MACHINE))
    expect(sections.get('live-chart')).toContain('A note about this run.')
    expect(sections.get('cabinet')?.[2]).toBe('Measured 2026-12-01 01:00 UTC.')
  })

  it('writes a first file from the sections alone, sorted by title', () => {
    const cabinet: BenchSection = { section: 'cabinet', at: '2026-12-01T01:00:00.000Z', figures: [] }
    const merged = mergeResults(null, [liveChart, cabinet], MACHINE)
    expect(merged.startsWith('# Bench results\n')).toBe(true)
    expect([...parseSections(merged).keys()]).toEqual(['cabinet', 'live-chart'])
  })
})

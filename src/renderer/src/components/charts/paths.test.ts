import { describe, expect, it } from 'vitest'
import { bandChunk, CHUNK_POINTS, columnsFor, drawnPoints, type Grid, gridFor, gridTransform, linear, lineChunk, SeriesPaths } from './paths'

interface DrawnPoint {
  x: number
  y: number | null
  lo: number | null
  hi: number | null
}

const point = (x: number, y: number | null, lo = y, hi = y): DrawnPoint => ({ x, y, lo, hi })
const UNIT: Grid = { x0: 0, xUnit: 1, yUnit: 1 }

/** The segments, dots and band trapezoids a set of path strings draws, whatever the chunking. */
function drawnBy(lines: string[], bands: string[]) {
  const segments = new Set<string>()
  const dots = new Set<string>()
  for (const d of lines)
    for (const run of d.split('M').filter(Boolean)) {
      const [body, stub] = run.split('h1')
      const pts = body!.split('L')
      if (stub !== undefined) dots.add(pts[0]!)
      for (let i = 1; i < pts.length; i++) segments.add(`${pts[i - 1]}>${pts[i]}`)
    }
  const traps = new Set<string>()
  for (const d of bands)
    for (const shape of d.split('Z').filter(Boolean)) {
      const pts = shape.slice(1).split('L')
      const half = pts.length / 2
      for (let i = 1; i < half; i++) traps.add(`${pts[i - 1]}>${pts[i]}|${pts[pts.length - i]}>${pts[pts.length - i - 1]}`)
    }
  return { segments, dots, traps }
}

/** A seeded walk with breaks, lone points and flat stretches. */
function walk(n: number, seed: number): DrawnPoint[] {
  let s = seed
  const next = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
  return Array.from({ length: n }, (_, i) => {
    const r = next()
    if (r < 0.08) return point(i * 10, null)
    const y = Math.round(next() * 1000)
    return r < 0.3 ? point(i * 10, y) : point(i * 10, y, y - Math.round(next() * 50), y + Math.round(next() * 50))
  })
}

describe('series paths', () => {
  it('breaks the line at a gap, and a lone point gets a stub to show as a dot', () => {
    const g = new SeriesPaths()
    g.update(drawnPoints([point(0, 1), point(1, 2), point(2, null), point(3, 4)]), UNIT)
    expect(g.lines).toEqual(['M0,1L1,2M3,4h1'])
    g.update(drawnPoints([point(0, null), point(1, 2)]), UNIT)
    expect(g.lines).toEqual(['M1,2h1'])
  })

  it('draws the band along the highs and back along the lows, only where min and max differ, across breaks', () => {
    const g = new SeriesPaths()
    g.update(drawnPoints([point(0, null), point(1, 2, 1, 3), point(2, 2, 0, 4), point(3, null), point(4, 1)]), UNIT)
    expect(g.bands).toEqual(['M1,3L2,4L2,0L1,1Z'])
    g.update(drawnPoints([point(0, 1), point(1, 1)]), UNIT)
    expect(g.bands).toEqual([''])
  })

  it('draws in chunks exactly what one path over all the points draws', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const data = walk(CHUNK_POINTS * 4 + 7, seed)
      const g = new SeriesPaths()
      g.update(drawnPoints(data), UNIT)
      expect(g.lines).toHaveLength(5)
      const whole = drawnPoints(data)
      expect(drawnBy(g.lines, g.bands)).toEqual(drawnBy([lineChunk(whole, 0, data.length)], [bandChunk(whole, 0, data.length)]))
    }
  })

  it('writes again only the chunks a new point moved, and every chunk when the grid changes', () => {
    const data = walk(CHUNK_POINTS * 3, 7).map((p) => (p.y === null ? point(p.x, 1) : p))
    const g = new SeriesPaths()
    expect(g.update(drawnPoints(data), UNIT)).toEqual([0, 1, 2])
    expect(g.update(drawnPoints(data), UNIT)).toEqual([])
    // a new mean in the last column and a new column after it: the last chunk, and a new one
    const grown = [...data.slice(0, -1), point(data.at(-1)!.x, 5), point(data.at(-1)!.x + 10, 6)]
    expect(g.update(drawnPoints(grown), UNIT)).toEqual([2, 3])
    expect(g.lines[3]).toBe(`M${data.at(-1)!.x},5L${data.at(-1)!.x + 10},6`)
    // a point moved in the first chunk's last place: that chunk and the one joined to it
    const moved = [...grown]
    moved[CHUNK_POINTS - 1] = point(moved[CHUNK_POINTS - 1]!.x, 999, 990, 1010)
    expect(g.update(drawnPoints(moved), UNIT)).toEqual([0, 1])
    expect(g.lines[1]!.startsWith(`M${moved[CHUNK_POINTS - 1]!.x},999L`)).toBe(true)
    // a point moved in the second chunk's first place: the first chunk too, whose last point may now stand alone
    expect(g.update(drawnPoints(moved.map((p, i) => (i === CHUNK_POINTS ? point(p.x, null) : p))), UNIT)).toEqual([0, 1])
    expect(g.update(drawnPoints(moved), UNIT)).toEqual([0, 1])
    // a shorter series drops its last chunk and rewrites the one that now ends it
    expect(g.update(drawnPoints(moved.slice(0, 3 * CHUNK_POINTS - 1)), UNIT)).toEqual([2])
    expect(g.lines).toHaveLength(3)
    expect(g.update(drawnPoints(moved), UNIT)).toEqual([2, 3])
    expect(g.update(drawnPoints(moved), { ...UNIT, yUnit: 10 })).toEqual([0, 1, 2, 3])
  })

  it('writes values in whole steps of the grid, and the transform takes them back to pixels as the scale does', () => {
    const grid = gridFor(1000, 100, 0, 8)
    expect(grid).toEqual({ x0: 1000, xUnit: 5, yUnit: 0.001 })
    // a battery voltage far from zero gets steps of its range, not of its size
    expect(gridFor(0, 1, 370, 400).yUnit).toBe(0.01)
    expect(gridFor(0, 1, 5, 5).yUnit).toBe(0.001)
    const g = new SeriesPaths()
    g.update(drawnPoints([point(1000, 0), point(1505, 4.2)]), grid)
    expect(g.lines[0]).toBe('M0,0L101,4200')
    const x = linear((v) => 64 + (v - 1000) / 10, 1000, 2000)
    const y = linear((v) => 200 - v * 25, 0, 1)
    const m = /matrix\(([^)]+)\)/.exec(gridTransform(grid, x, y))![1]!.split(' ').map(Number)
    const [px, py] = [m[0]! * 101 + m[4]!, m[3]! * 4200 + m[5]!]
    expect(px).toBeCloseTo(64 + 50.5, 6)
    expect(py).toBeCloseTo(200 - 4.2 * 25, 6)
  })

  it('keeps the column count through a resize while it gives one to four pixels a column', () => {
    expect(columnsFor(0, 1000)).toBe(500)
    expect(columnsFor(500, 540)).toBe(500)
    expect(columnsFor(500, 1900)).toBe(500)
    expect(columnsFor(500, 480)).toBe(250)
    expect(columnsFor(500, 2100)).toBe(1050)
    expect(columnsFor(0, 100)).toBe(50)
  })
})

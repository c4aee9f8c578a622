/** SVG path data for the time chart's series: plain arithmetic per point, no DOM. */

/** One drawn column: the mean as the line, lo and hi as the band; y null breaks the line. */
export interface DrawnPoint {
  x: number
  y: number | null
  lo: number | null
  hi: number | null
}

export interface DrawnSeries {
  key: string
  name: string
  unit: string
  data: DrawnPoint[]
}

/** What the layer draws: the series, and the store revision they were queried at. */
export interface LayerData {
  series: DrawnSeries[]
  revision: number
}

/** A linear map from data to pixels, taken from two points of recharts' scale: plain arithmetic per point. */
export interface Linear {
  at: number
  origin: number
  factor: number
}

export function linear(scale: (value: number) => number | undefined, a: number, b: number): Linear {
  const pa = scale(a) ?? 0
  const pb = scale(b) ?? 0
  return { at: a, origin: pa, factor: b === a ? 0 : (pb - pa) / (b - a) }
}

const px = (map: Linear, value: number) => Math.round((map.origin + (value - map.at) * map.factor) * 10) / 10

/** SVG path data of the line, one `M` per unbroken run; a lone point gets a stub its round cap shows as a dot. */
export function linePath(data: DrawnPoint[], x: Linear, y: Linear): string {
  let d = ''
  let run = 0
  for (let i = 0; i <= data.length; i++) {
    const p = data[i]
    if (!p || p.y === null) {
      if (run === 1) d += 'h0.01'
      run = 0
      continue
    }
    d += (run ? 'L' : 'M') + px(x, p.x) + ',' + px(y, p.y)
    run++
  }
  return d
}

/** The min/max band as one closed shape per unbroken run: along the highs, back along the lows. */
export function bandPath(data: DrawnPoint[], x: Linear, y: Linear): string {
  let d = ''
  let first = -1
  const close = (end: number) => {
    if (first < 0) return
    let spread = false
    for (let i = first; i < end; i++) spread ||= data[i]!.hi !== data[i]!.lo
    if (end - first > 1 && spread) {
      for (let i = first; i < end; i++) d += (i === first ? 'M' : 'L') + px(x, data[i]!.x) + ',' + px(y, data[i]!.hi!)
      for (let i = end - 1; i >= first; i--) d += 'L' + px(x, data[i]!.x) + ',' + px(y, data[i]!.lo!)
      d += 'Z'
    }
    first = -1
  }
  data.forEach((p, i) => {
    if (p.lo === null || p.hi === null) close(i)
    else if (first < 0) first = i
  })
  close(data.length)
  return d
}

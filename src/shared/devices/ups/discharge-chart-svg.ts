/**
 * The acceptance test's discharge for the handover report: battery voltage
 * (left axis) and capacity (right axis) over the seconds on battery, as a
 * small self-contained SVG drawn from what the record keeps
 * (`meta.discharge`). Pure: the report renderer calls it with its own
 * translator.
 */
import type { UpsDischargeCurve } from '../../contract/ups/acceptance'
import type { Translate } from '../../i18n/localize'

const W = 640
const H = 200
const PAD = { left: 56, right: 48, top: 12, bottom: 28 }

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** The range drawn for a series: its own, widened a little so a flat line sits inside the frame. */
function range(values: number[]): [number, number] {
  const lo = Math.min(...values)
  const hi = Math.max(...values)
  const room = Math.max((hi - lo) * 0.1, Math.abs(hi) * 0.005, 0.5)
  return [lo - room, hi + room]
}

/** The SVG, or '' when the curve has fewer than two points. `num` formats numbers the reader's way. */
export function dischargeChartSvg(curve: UpsDischargeCurve | null, t: Translate, num: (n: number) => string): string {
  const pts = curve?.points ?? []
  if (pts.length < 2) return ''
  const span = Math.max(1, pts.at(-1)![0])
  const plotW = W - PAD.left - PAD.right
  const plotH = H - PAD.top - PAD.bottom
  const x = (s: number) => PAD.left + (s / span) * plotW
  const series = (index: 1 | 2) => {
    const values = pts.map((p) => p[index]).filter((v): v is number => v !== null)
    if (!values.length) return null
    const [lo, hi] = range(values)
    const y = (v: number) => PAD.top + plotH - ((v - lo) / (hi - lo)) * plotH
    const line = pts.flatMap((p) => (p[index] === null ? [] : [`${x(p[0]).toFixed(1)},${y(p[index]).toFixed(1)}`])).join(' ')
    return { lo, hi, y, line }
  }
  const voltage = series(1)
  const capacity = series(2)
  const voltageLabel = `${t('upsTest:bands.batteryVoltage')} (V)`
  const capacityLabel = `${t('upsTest:bands.batteryCapacity')} (%)`
  const ticks = [0, 0.5, 1]
  const at = (s: { lo: number; hi: number }, f: number) => s.lo + f * (s.hi - s.lo)
  return `<svg xmlns="http://www.w3.org/2000/svg" class="discharge-chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(`${voltageLabel}, ${capacityLabel}`)}">
<rect x="${PAD.left}" y="${PAD.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#ccc"/>
${ticks
  .map(
    (f) =>
      `${voltage ? `<text x="${PAD.left - 4}" y="${voltage.y(at(voltage, f)) + 4}" text-anchor="end" font-size="10" fill="#1f5fbf">${esc(num(Math.round(at(voltage, f) * 10) / 10))}</text>` : ''}${capacity ? `<text x="${W - PAD.right + 4}" y="${capacity.y(at(capacity, f)) + 4}" font-size="10" fill="#b35c00">${esc(num(Math.round(at(capacity, f) * 10) / 10))}</text>` : ''}<text x="${x(f * span)}" y="${H - 10}" text-anchor="middle" font-size="10">${esc(num(Math.round(f * span)))} s</text>`,
  )
  .join('')}
${voltage ? `<polyline fill="none" stroke="#1f5fbf" stroke-width="1.5" points="${voltage.line}"/>` : ''}
${capacity ? `<polyline fill="none" stroke="#b35c00" stroke-width="1.5" stroke-dasharray="4 2" points="${capacity.line}"/>` : ''}
<text x="${PAD.left + 4}" y="${PAD.top + 12}" font-size="11" fill="#1f5fbf">${esc(voltageLabel)}</text>
<text x="${W - PAD.right - 4}" y="${PAD.top + 12}" text-anchor="end" font-size="11" fill="#b35c00">${esc(capacityLabel)}</text>
</svg>`
}

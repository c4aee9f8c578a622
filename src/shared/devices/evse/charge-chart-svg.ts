/**
 * The test charge's curve for the handover report: power and current over
 * the seconds of the charge, as a small self-contained SVG (no script, no
 * external resource) drawn from what the record keeps (`meta.testCharge`).
 * Pure: the report renderer calls it with its own translator.
 */
import type { Translate } from '../../i18n/localize'

const W = 640
const H = 200
const PAD = { left: 56, right: 48, top: 12, bottom: 28 }

/** [seconds, current A, power W, energy Wh] per point, as the setup job writes them */
type ChartPoint = [number, number, number, number]

function points(meta: unknown): ChartPoint[] {
  const raw = meta && typeof meta === 'object' ? (meta as { points?: unknown }).points : null
  if (!Array.isArray(raw)) return []
  return raw.filter((p): p is ChartPoint => Array.isArray(p) && p.length >= 4 && p.every((v) => typeof v === 'number' && Number.isFinite(v))).slice(0, 2000)
}

const niceTop = (max: number) => {
  if (max <= 0) return 1
  const step = 10 ** Math.floor(Math.log10(max))
  return Math.ceil(max / step) * step
}

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** The SVG, or '' when the record keeps no curve. `num` formats numbers the reader's way. */
export function chargeChartSvg(meta: unknown, t: Translate, num: (n: number) => string): string {
  const pts = points(meta)
  if (pts.length < 2) return ''
  const span = Math.max(1, pts.at(-1)![0])
  const powerTop = niceTop(Math.max(...pts.map((p) => p[2])))
  const currentTop = niceTop(Math.max(...pts.map((p) => p[1])))
  const plotW = W - PAD.left - PAD.right
  const plotH = H - PAD.top - PAD.bottom
  const x = (s: number) => PAD.left + (s / span) * plotW
  const y = (v: number, top: number) => PAD.top + plotH - (v / top) * plotH
  const line = (index: 1 | 2, top: number) => pts.map((p) => `${x(p[0]).toFixed(1)},${y(p[index], top).toFixed(1)}`).join(' ')
  const powerLabel = `${t('evseSetup:measurements.chargingPower')} (W)`
  const currentLabel = `${t('evseSetup:measurements.chargingCurrent')} (A)`
  const ticks = [0, 0.5, 1]
  return `<svg xmlns="http://www.w3.org/2000/svg" class="charge-chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(`${powerLabel}, ${currentLabel}`)}">
<rect x="${PAD.left}" y="${PAD.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#ccc"/>
${ticks
  .map(
    (f) =>
      `<text x="${PAD.left - 4}" y="${y(f * powerTop, powerTop) + 4}" text-anchor="end" font-size="10" fill="#1f5fbf">${esc(num(f * powerTop))}</text><text x="${W - PAD.right + 4}" y="${y(f * currentTop, currentTop) + 4}" font-size="10" fill="#b35c00">${esc(num(f * currentTop))}</text><text x="${x(f * span)}" y="${H - 10}" text-anchor="middle" font-size="10">${esc(num(Math.round(f * span)))} s</text>`,
  )
  .join('')}
<polyline fill="none" stroke="#1f5fbf" stroke-width="1.5" points="${line(2, powerTop)}"/>
<polyline fill="none" stroke="#b35c00" stroke-width="1.5" stroke-dasharray="4 2" points="${line(1, currentTop)}"/>
<text x="${PAD.left + 4}" y="${PAD.top + 12}" font-size="11" fill="#1f5fbf">${esc(powerLabel)}</text>
<text x="${W - PAD.right - 4}" y="${PAD.top + 12}" text-anchor="end" font-size="11" fill="#b35c00">${esc(currentLabel)}</text>
</svg>`
}

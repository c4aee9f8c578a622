/**
 * The CT wiring picture as static SVG text: the same drawing the CT check page
 * shows, for reports and exports made without a DOM. Pure: no DOM, no React.
 */
import type { CtMeterResult, CtPhaseWiring } from '../../contract/foxess/foxess'
import type { Measurement } from '../../contract/records'

export type WiringTranslate = (key: string, options?: Record<string, unknown>) => string

const PHASE_LINE: Record<string, string> = { A: 'L1', B: 'L2', C: 'L3' }
const ORDER = ['A', 'B', 'C']
const phaseLabel = (p: string | null) => (p ? `${p} (${PHASE_LINE[p] ?? p})` : '?')

const esc = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

const INK = '#222'
const BAD = '#b00020'

/** One meter's wiring: inputs on the left, the phase each measures on the right; a crossing line is a wrong phase, a flipped red arrow a reversed CT. */
export function wiringSvg(meter: Pick<CtMeterResult, 'phases'>, t: WiringTranslate): string {
  const rows = meter.phases
  if (!rows.length) return ''
  const h = 60 + rows.length * 56
  const yOf = (phase: string | null, fallback: number) => {
    const i = phase ? ORDER.indexOf(phase) : -1
    return 50 + (i >= 0 ? i : fallback) * 56
  }
  const parts = rows.map((p, i) => {
    const y1 = 50 + i * 56
    const y2 = yOf(p.measured, i)
    const wrong = p.expected !== null && p.measured !== null && p.expected !== p.measured
    const reversed = p.sensorOk === false
    const bad = wrong || reversed
    const stroke = bad ? BAD : INK
    const arrow = reversed ? `M 176 ${y1} l -14 0 m 0 0 l 5 -5 m -5 5 l 5 5` : `M 160 ${y1} l 14 0 m 0 0 l -5 -5 m 5 5 l -5 5`
    const verdict = reversed ? t('ct:wiring.reversed') : wrong ? t('ct:wiring.wrongPhase') : t('ct:wiring.ok')
    return [
      `<g data-position="${p.position}" data-wrong="${wrong}" data-reversed="${reversed}">`,
      `<text x="16" y="${y1 + 5}" fill="${INK}">${esc(t('ct:wiring.input', { position: p.position, phase: phaseLabel(p.expected) }))}</text>`,
      `<line x1="190" y1="${y1}" x2="350" y2="${y2}" stroke="${stroke}" stroke-width="2"/>`,
      `<line x1="150" y1="${y1}" x2="190" y2="${y1}" stroke="${stroke}" stroke-width="2"/>`,
      `<circle cx="168" cy="${y1}" r="13" fill="#fff" stroke="${stroke}" stroke-width="2"/>`,
      `<path d="${arrow}" fill="none" stroke="${stroke}" stroke-width="2"/>`,
      `<text x="360" y="${y2 + 5}" fill="${wrong ? BAD : INK}">${esc(phaseLabel(p.measured))}</text>`,
      `<text x="500" y="${y2 + 5}" fill="${bad ? BAD : '#0a6b2d'}" font-weight="600">${esc(verdict)}</text>`,
      '</g>',
    ].join('')
  })
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 660 ${h}" width="660" height="${h}" role="img" aria-label="${esc(t('ct:wiring.label'))}" font-family="system-ui, sans-serif" font-size="14">`,
    `<text x="16" y="24" fill="#555" font-weight="600">${esc(t('ct:wiring.expected'))}</text>`,
    `<text x="360" y="24" fill="#555" font-weight="600">${esc(t('ct:wiring.measured'))}</text>`,
    ...parts,
    '</svg>',
  ].join('')
}

const PHASE_KEY = /^phase(\d+)$/
const SENSOR_KEY = /^sensor(\d+)$/

/**
 * The meters' wiring as a CT result step recorded it (`phase1`: `A → B`,
 * `sensor1`: true, one run of positions per meter in order), so a record
 * alone is enough to draw the picture again.
 */
export function wiringFromMeasurements(measurements: Measurement[]): Pick<CtMeterResult, 'phases'>[] {
  const meters: CtPhaseWiring[][] = []
  let current: CtPhaseWiring[] | null = null
  for (const m of measurements) {
    const phase = PHASE_KEY.exec(m.key)
    if (phase && typeof m.value === 'string') {
      const position = Number(phase[1])
      // positions restart at 1 for the next meter: the flow writes one meter after another
      if (!current || current.some((p) => p.position >= position)) meters.push((current = []))
      const [expected, measured] = m.value.split('→').map((s) => s.trim())
      current.push({ position, expected: expected && expected !== '?' ? expected : null, measured: measured && measured !== '?' ? measured : null, sensorOk: null })
    }
    const sensor = SENSOR_KEY.exec(m.key)
    const row = sensor && current?.find((p) => p.position === Number(sensor[1]))
    if (row && typeof m.value === 'boolean') row.sensorOk = m.value
  }
  return meters.map((phases) => ({ phases }))
}

/**
 * bench/results.md across runs: the sections a run measured replace their
 * own, every other section stays as it was, with the date it was measured,
 * so running one bench file alone keeps the figures of the others.
 */

export const TITLE = '# Bench results'
const PREAMBLE = 'Figures, not pass/fail tests: each is compared with the target its issue names, where it names one. Each section says when it was measured and how busy the machine was.'
/** a section's first line: when it was measured (and the load, where known) */
const MEASURED = /^Measured (\d{4}-\d{2}-\d{2})/
/** the header of files written before sections carried their own date */
const OLD_HEADER_DATE = /^Measured by `npm run bench` on (\d{4}-\d{2}-\d{2})/m

/** A figure's value to three significant-ish digits; one that could not be measured is a dash (its note says why). */
export function formatValue(v) {
  if (!Number.isFinite(v)) return '—'
  const a = Math.abs(v)
  return String(Number(v.toFixed(a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3)))
}

/** The lines of one measured section (bench/lib.ts writes it to bench/.out): heading, when, table. */
export function renderSection(s) {
  const when = `${s.at.slice(0, 16).replace('T', ' ')} UTC`
  const load = Number.isFinite(s.load) ? `, load average ${s.load.toFixed(1)}${s.cores ? ` on ${s.cores} cores` : ''}` : ''
  const lines = [`## ${s.section}`, '', `Measured ${when}${load}.`, '', '| figure | value | target | met |', '| --- | ---: | --- | --- |']
  for (const f of s.figures) {
    lines.push(`| ${f.name}${f.note ? ` — ${f.note}` : ''} | ${formatValue(f.value)} ${f.unit} | ${f.target ?? ''} | ${f.target ? (f.met ? 'yes' : '**no**') : ''} |`)
  }
  return lines
}

/** The sections of a results file by title, each its lines (heading to the line before the next heading), trailing blank lines dropped. */
export function parseSections(text) {
  const sections = new Map()
  let current = null
  for (const line of text.split('\n')) {
    if (line.startsWith('## ')) sections.set(line.slice(3).trim(), (current = [line]))
    else if (current) current.push(line)
  }
  for (const lines of sections.values()) while (lines.length > 1 && lines.at(-1).trim() === '') lines.pop()
  return sections
}

/**
 * The new results file: `previous` (the file as it was, or null) with the
 * sections in `ran` replacing theirs. A kept section from before sections
 * were dated takes the date its file's header gave.
 */
export function mergeResults(previous, ran, machine) {
  const kept = previous ? parseSections(previous) : new Map()
  const oldDate = previous ? OLD_HEADER_DATE.exec(previous)?.[1] : undefined
  for (const lines of kept.values()) {
    const dated = lines.slice(1).find((l) => l.trim() !== '')
    if (dated && MEASURED.test(dated)) continue
    lines.splice(1, 0, '', oldDate ? `Measured ${oldDate}.` : 'Measured at an unknown date.')
  }
  for (const s of ran) kept.set(s.section, renderSection(s))
  const out = [TITLE, '', `Measured by \`npm run bench\` (or one bench file of it) on ${machine}.`, PREAMBLE, '']
  for (const title of [...kept.keys()].sort((a, b) => a.localeCompare(b))) out.push(...kept.get(title), '')
  return out.join('\n')
}

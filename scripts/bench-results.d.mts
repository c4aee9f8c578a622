export interface BenchFigure {
  name: string
  value: number
  unit: string
  target?: string
  met?: boolean
  note?: string
}
export interface BenchSection {
  section: string
  figures: BenchFigure[]
  /** ISO time the section was measured */
  at: string
  /** 1-minute load average then */
  load?: number
  cores?: number
}
export const TITLE: string
export function formatValue(v: number): string
export function renderSection(s: BenchSection): string[]
export function parseSections(text: string): Map<string, string[]>
export function mergeResults(previous: string | null, ran: BenchSection[], machine: string): string

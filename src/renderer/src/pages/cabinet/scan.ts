/**
 * A keyboard-wedge barcode reader types a code much faster than a person,
 * then Enter. This tells such a burst from typing: characters less than
 * `maxGapMs` apart, at least `minLength` of them, ended by Enter. Times are
 * passed in, so it is tested without a clock.
 */
export class ScanDetector {
  private buffer = ''
  private last = -Infinity

  constructor(private readonly options: { maxGapMs: number; minLength: number } = { maxGapMs: 50, minLength: 4 }) {}

  /** Feed one `KeyboardEvent.key` at time `at` (ms); answers the scanned code when a burst ends. */
  key(key: string, at: number): string | null {
    const fast = at - this.last <= this.options.maxGapMs
    this.last = at
    if (key === 'Enter') {
      const code = fast && this.buffer.length >= this.options.minLength ? this.buffer : null
      this.buffer = ''
      return code
    }
    // modifier and navigation keys are not characters; a scanner may press Shift for capitals
    if (key.length !== 1) return null
    this.buffer = fast ? this.buffer + key : key
    return null
  }

  reset(): void {
    this.buffer = ''
    this.last = -Infinity
  }
}

/** What a scanner or a person typed, as a serial: trimmed, control characters a reader may add removed. */
export function cleanSerial(text: string): string {
  return text.replace(/\p{Cc}/gu, '').trim()
}

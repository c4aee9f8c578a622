/**
 * The addresses a charger scan may contact, from what the installer types:
 * one address, a run of the last part (`192.168.1.10-60`), a run between two
 * addresses (`10.0.0.250-10.0.1.5`), a network of /24 or narrower
 * (`192.168.1.0/24`), or a list of these (commas or spaces). Never more than
 * SCAN_MAX_ADDRESSES, counted before anything is listed, so a typo such as
 * `10.0.0.1-10.9.0.1` is refused rather than expanded. Pure.
 */

export const SCAN_MAX_ADDRESSES = 256
/** longer text is refused before it is read */
export const SCAN_RANGE_MAX_CHARS = 2000
/** the widest network a scan takes: 256 addresses */
export const SCAN_MIN_PREFIX = 24

export type ScanRangeProblem =
  /** nothing typed */
  | { reason: 'empty' }
  /** a part that is none of the forms */
  | { reason: 'badPart'; part: string }
  /** a run whose end comes before its start */
  | { reason: 'backwards'; part: string }
  /** a network wider than /24 */
  | { reason: 'prefixTooShort'; part: string }
  /** more addresses than a scan contacts */
  | { reason: 'tooMany'; count: number }
  | { reason: 'tooLong' }

/** the error code that words each problem for the installer */
export const ScanRangeErrors = {
  empty: 'evseScanEmpty',
  badPart: 'evseScanBadPart',
  backwards: 'evseScanBackwards',
  prefixTooShort: 'evseScanPrefixTooShort',
  tooMany: 'evseScanTooMany',
  tooLong: 'evseScanTooLong',
} as const satisfies Record<ScanRangeProblem['reason'], string>

export type ScanRange = { ok: true; addresses: string[] } | ({ ok: false } & ScanRangeProblem)

const OCTETS = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/

/** An IPv4 address as a number, or null when the text is not one (leading zeros refused: 010 reads as octal elsewhere). */
export function ipv4Number(text: string): number | null {
  const m = OCTETS.exec(text)
  if (!m) return null
  const parts = m.slice(1).map(Number)
  if (m.slice(1).some((p, i) => p !== String(parts[i])) || parts.some((p) => p > 255)) return null
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!
}

export function ipv4Text(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')
}

/** 127.0.0.0/8: the only addresses tests, benches and demo mode contact */
export function isLoopbackAddress(text: string): boolean {
  const n = ipv4Number(text)
  return n !== null && n >>> 24 === 127
}

type Span = { first: number; last: number } | ScanRangeProblem

function spanOf(part: string): Span {
  const cidr = /^([\d.]+)\/(\d{1,2})$/.exec(part)
  if (cidr) {
    const base = ipv4Number(cidr[1]!)
    const prefix = Number(cidr[2])
    if (base === null || prefix > 32) return { reason: 'badPart', part }
    if (prefix < SCAN_MIN_PREFIX) return { reason: 'prefixTooShort', part }
    const size = 2 ** (32 - prefix)
    const first = base - (base % size)
    // a network's own address and its broadcast are no charger's (a /31 and a /32 have neither)
    return size > 2 ? { first: first + 1, last: first + size - 2 } : { first, last: first + size - 1 }
  }
  const dash = part.indexOf('-')
  if (dash < 0) {
    const one = ipv4Number(part)
    return one === null ? { reason: 'badPart', part } : { first: one, last: one }
  }
  const first = ipv4Number(part.slice(0, dash))
  const tail = part.slice(dash + 1)
  if (first === null) return { reason: 'badPart', part }
  let last: number | null
  if (/^\d{1,3}$/.test(tail)) {
    const octet = Number(tail)
    last = octet <= 255 && String(octet) === tail ? first - (first & 255) + octet : null
  } else last = ipv4Number(tail)
  if (last === null) return { reason: 'badPart', part }
  if (last < first) return { reason: 'backwards', part }
  return { first, last }
}

export function parseScanRange(text: string): ScanRange {
  if (text.length > SCAN_RANGE_MAX_CHARS) return { ok: false, reason: 'tooLong' }
  const parts = text
    .split(/[\s,;]+/)
    .map((p) => p.trim())
    .filter(Boolean)
  if (!parts.length) return { ok: false, reason: 'empty' }
  const spans: { first: number; last: number }[] = []
  let count = 0
  for (const part of parts) {
    const span = spanOf(part)
    if ('reason' in span) return { ok: false, ...span }
    spans.push(span)
    count += span.last - span.first + 1
  }
  const seen = new Set<number>()
  // listed only up to one past the bound: a part repeated is counted once, a wide one never expanded
  for (const { first, last } of spans) {
    for (let n = first; n <= last && seen.size <= SCAN_MAX_ADDRESSES; n++) seen.add(n)
    if (seen.size > SCAN_MAX_ADDRESSES) return { ok: false, reason: 'tooMany', count }
  }
  return { ok: true, addresses: [...seen].map(ipv4Text) }
}

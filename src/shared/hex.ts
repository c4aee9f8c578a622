/**
 * Bytes as people read them: lowercase hex in traffic and records, uppercase
 * fixed-width hex where a device document writes it so, printable ASCII
 * beside it. Main and the renderer both use these.
 */

const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

/** One byte as two lowercase hex digits. */
export const byteHex = (byte: number): string => BYTE_HEX[byte & 0xff]!

/** Lowercase hex, no separators: how traffic and records carry bytes. */
export function toHex(bytes: Uint8Array): string {
  let out = ''
  for (const b of bytes) out += BYTE_HEX[b]
  return out
}

/** Hex as a person types it (either case; spaces, colons, commas or dashes between bytes); anything else is a RangeError. */
export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/[\s:,-]/g, '')
  if (clean.length % 2 !== 0 || /[^0-9a-f]/i.test(clean)) throw new RangeError('not hex')
  const out = new Uint8Array(clean.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16)
  return out
}

/** Lowercase hex with a space between bytes, for the eye. */
export const spacedHex = (hex: string): string => hex.replace(/(..)(?=.)/g, '$1 ')

/** An unsigned number as uppercase hex of a fixed width, as device documents print fields (`hexField(0x1036, 4)` → `1036`). */
export const hexField = (value: number, digits: number): string => (value >>> 0).toString(16).toUpperCase().padStart(digits, '0')

/** Space to tilde: what a terminal shows as itself. */
export const isPrintableAscii = (byte: number): boolean => byte >= 0x20 && byte < 0x7f

/** Printable ASCII with everything else as `.`, like a terminal's hex view. */
export function toAscii(bytes: Uint8Array): string {
  let out = ''
  for (const b of bytes) out += isPrintableAscii(b) ? String.fromCharCode(b) : '.'
  return out
}

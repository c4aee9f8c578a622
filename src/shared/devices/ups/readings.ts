/**
 * Which commands a poll sends and what each reply says of the file's values.
 * Only values the lint found a place for are read: a placeholder or an
 * overlapping value is never presented as a measurement.
 */
import type { FramingProfile } from './framing'
import type { UpsProtocol, UpsValue } from './protocol'
import { rawValue } from './wire'

/** The commands whose replies hold a measurable value, in ascending order: one request each per poll. */
export function pollCommands(protocol: UpsProtocol): number[] {
  return [...new Set(protocol.values.filter((v) => v.measurable).map((v) => v.command!))].sort((a, b) => a - b)
}

export function valuesOf(protocol: UpsProtocol, command: number): UpsValue[] {
  return protocol.values.filter((v) => v.measurable && v.command === command)
}

/** Raw numbers by N from one checked reply; a value whose place lies past the reply's end is left out. */
export function readCommand(protocol: UpsProtocol, profile: FramingProfile, command: number, data: Uint8Array): Map<number, number> {
  const out = new Map<number, number>()
  for (const v of valuesOf(protocol, command)) {
    const raw = rawValue(v, data, profile)
    if (raw !== undefined) out.set(v.n, raw)
  }
  return out
}

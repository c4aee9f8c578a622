/**
 * The framing profile beside a protocol file (`F.ini` → `F.framing.json`),
 * checked with zod: anything wrong is a localized error naming the field.
 */
import { z } from 'zod'
import { AppError, type UpsFramingIssue } from '@shared/contract'
import type { FramingProfile } from '@shared/devices/ups/framing'
import defaultFramingJson from '../../../../resources/ups/ups-rs232-protocol.zh.framing.json'

const hexPairs = z.string().regex(/^(?:[0-9a-fA-F]{2}){0,8}$/)
const encoding = z.enum(['ascii-hex', 'binary'])
const checksum = z.enum(['none', 'sum8', 'xor8', 'crc16-modbus'])

export const FramingProfileSchema = z
  .object({
    note: z.string().max(2000).optional(),
    line: z.object({
      baud: z.number().int().min(300).max(4_000_000),
      dataBits: z.literal([7, 8]),
      parity: z.enum(['none', 'even', 'odd']),
      stopBits: z.literal([1, 2]),
    }),
    request: z.object({ prefix: hexPairs, command: encoding, suffix: hexPairs, checksum }),
    reply: z
      .object({
        prefix: hexPairs,
        terminator: hexPairs,
        length: z.record(z.string().regex(/^[0-9A-Fa-f]{2}$/), z.number().int().min(1).max(65_536)).optional(),
        data: encoding,
        byteOrder: z.enum(['big', 'little']),
        checksum,
        timeoutMs: z.number().int().min(10).max(60_000),
      })
      .refine((r) => r.terminator !== '' || r.length !== undefined, { message: 'a reply needs a terminator or a length', path: ['terminator'] }),
    values: z.record(z.string().regex(/^cmd-\d+$/), z.object({ scale: z.number().finite().optional(), unit: z.string().max(16).optional() }).strict()).optional(),
  })
  .strict() satisfies z.ZodType<FramingProfile>

/** The shipped profile for the shipped protocol file: checked like any loaded one. */
export const defaultFraming: FramingProfile = FramingProfileSchema.parse(defaultFramingJson)

export function framingPathFor(iniPath: string): string {
  return `${iniPath.replace(/\.ini$/i, '')}.framing.json`
}

export function parseFraming(text: string): FramingProfile {
  let json: unknown
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch {
    throw new AppError('upsFramingNotJson')
  }
  const parsed = FramingProfileSchema.safeParse(json)
  if (parsed.success) return parsed.data
  throw new AppError('upsFramingInvalid', { field: parsed.error.issues[0]!.path.join('.') || '-' })
}

/** Each thing wrong with a profile, by field, in words the editor can localize (`upsFiles:framingReason.*`). */
export function framingIssues(json: unknown): UpsFramingIssue[] {
  const parsed = FramingProfileSchema.safeParse(json)
  if (parsed.success) return []
  return parsed.error.issues.flatMap((issue): UpsFramingIssue[] => {
    const path = issue.path.map(String)
    const field = path.join('.') || '-'
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ field: [...path, key].join('.'), reason: 'unknownField', params: {} }))
    if (valueAt(json, path) === undefined && issue.code !== 'custom') return [{ field, reason: 'required', params: {} }]
    switch (issue.code) {
      case 'invalid_type':
        return [{ field, reason: issue.expected === 'int' ? 'notWhole' : issue.expected === 'number' ? 'notNumber' : 'wrongType', params: {} }]
      case 'invalid_value':
        return [{ field, reason: 'notOneOf', params: { allowed: issue.values.map(String).join(', ') } }]
      case 'too_small':
        return [{ field, reason: 'tooSmall', params: { min: Number(issue.minimum) } }]
      case 'too_big':
        return [{ field, reason: 'tooBig', params: { max: Number(issue.maximum) } }]
      case 'invalid_format':
        return [{ field, reason: 'notHex', params: {} }]
      case 'custom':
        return [{ field, reason: 'needEnd', params: {} }]
      default:
        return [{ field, reason: 'invalid', params: {} }]
    }
  })
}

function valueAt(json: unknown, path: string[]): unknown {
  let at = json
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined
    at = (at as Record<string, unknown>)[key]
  }
  return at
}

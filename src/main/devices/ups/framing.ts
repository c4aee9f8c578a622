/**
 * The framing profile beside a protocol file (`F.ini` → `F.framing.json`),
 * checked with zod: anything wrong is a localized error naming the field.
 */
import { z } from 'zod'
import { AppError } from '@shared/contract'
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
      dataBits: z.union([z.literal(7), z.literal(8)]),
      parity: z.enum(['none', 'even', 'odd']),
      stopBits: z.union([z.literal(1), z.literal(2)]),
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

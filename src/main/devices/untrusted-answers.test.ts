/**
 * Every parser of device and cloud answers fed large hostile input: each must
 * finish within a time budget that is generous for a busy machine yet far
 * below what a parser that backtracks or grows without bound takes, and must
 * refuse the input or keep it bounded.
 */
import { describe, expect, it } from 'vitest'
import { AppError } from '@shared/contract'
import { parseFoxTime } from '@shared/devices/foxess/time'
import { ANSWER_MAX_DEPTH, AnswerTextLimits, parseAnswerJson, rawAnswerProblem, RAW_ANSWER_MAX_VALUES } from '@shared/devices/untrusted'
import { asciiBytes, FRAME_TEXT_LENGTH } from './cabinet/codec'
import { CabinetFrameReader } from './cabinet/reader'
import { SEED_FRAMES } from './cabinet/seed-frames'
import * as P from './foxess/parse'

const MiB = 1024 * 1024
/**
 * per MiB of input, and never less: five times what a quiet machine needs, so a loaded CI machine
 * passes, while the quadratic time parser took 3.7 s on 16 KiB
 */
const BUDGET_MS_PER_MIB = 1000

/** Runs `parse` once and checks it took no longer than the budget for `chars` of input. */
function withinBudget<T>(label: string, chars: number, parse: () => T): T {
  const started = performance.now()
  const result = parse()
  const took = performance.now() - started
  expect(took, `${label}: ${Math.round(took)} ms for ${chars} characters`).toBeLessThan(BUDGET_MS_PER_MIB * Math.max(1, chars / MiB))
  return result
}

const spaces = (n: number) => ' '.repeat(n)

describe('the Fox ESS time parser', () => {
  // smallest first: a parser that backtracks fails on the first one, long before the MiB ones would end
  const hostile: [string, string][] = [
    ['16 KiB of spaces inside a time', `2024-01-17 12:47:52${spaces(16 * 1024)}!`],
    ['1 MiB of spaces inside a time', `2024-01-17 12:47:52${spaces(MiB)}!`],
    ['1 MiB of spaces between the time and its offset', `2024-01-17 12:47:52${spaces(MiB)}GMT+0800`],
    ['1 MiB of tabs and line breaks before a zone name', `2024-01-17 12:47${'\t\r\n'.repeat(MiB / 3)}CST x`],
    ['1 MiB of digits', '1'.repeat(MiB)],
    ['1 MiB of fraction digits', `2024-01-17 12:47:52.${'1'.repeat(MiB)}`],
    ['1 MiB of repeated separators', '-:'.repeat(MiB / 2)],
    ['1 MiB of repeated offsets', `2024-01-17 12:47:52${' GMT+0800'.repeat(MiB / 9)}`],
    ['1 MiB of letters', 'Z'.repeat(MiB)],
    ['a valid time padded with 1 MiB of spaces', `${spaces(MiB / 2)}2024-01-17 12:47:52${spaces(MiB / 2)}`],
  ]
  it('refuses each hostile string in linear time, long ones before reading them', () => {
    for (const [label, text] of hostile) expect(withinBudget(label, text.length, () => parseFoxTime(text)), label).toBeNull()
  })

  it('still reads a time with the spaces a service may put in it', () => {
    expect(parseFoxTime(`  2024-01-17 20:47:52${spaces(4)}GMT${spaces(2)}+0800  `)).toBe(Date.UTC(2024, 0, 17, 12, 47, 52))
    expect(parseFoxTime(`2024-01-17 12:47:52${spaces(AnswerTextLimits.time - 19)}`)).toBe(Date.UTC(2024, 0, 17, 12, 47, 52))
    expect(parseFoxTime(`2024-01-17 12:47:52${spaces(AnswerTextLimits.time - 18)}`)).toBeNull()
  })
})

describe('answer JSON', () => {
  const hostile: [string, string, 'notJson' | 'tooDeep'][] = [
    ['1 MiB of opening brackets', '['.repeat(MiB), 'tooDeep'],
    ['half a million nested arrays, closed', `${'['.repeat(MiB / 2)}${']'.repeat(MiB / 2)}`, 'tooDeep'],
    ['nested objects', `${'{"a":'.repeat(MiB / 5)}1${'}'.repeat(MiB / 5)}`, 'tooDeep'],
    ['1 MiB of white space', spaces(MiB), 'notJson'],
    ['1 MiB of repeated separators', ',:'.repeat(MiB / 2), 'notJson'],
    ['an unterminated string of 1 MiB', `{"msg":"${'x'.repeat(MiB)}`, 'notJson'],
  ]
  it('refuses deep nesting before parsing, and anything else that is not JSON', () => {
    for (const [label, text, reason] of hostile) expect(withinBudget(label, text.length, () => parseAnswerJson(text)), label).toEqual({ ok: false, reason })
  })

  it('takes nesting up to its limit, and brackets inside strings are text', () => {
    const deepest = `${'['.repeat(ANSWER_MAX_DEPTH)}${']'.repeat(ANSWER_MAX_DEPTH)}`
    expect(parseAnswerJson(deepest).ok).toBe(true)
    expect(parseAnswerJson(`[${deepest}]`)).toEqual({ ok: false, reason: 'tooDeep' })
    const bracketText = `{"msg":"${'[{\\"'.repeat(MiB / 4)}"}`
    expect(withinBudget('brackets in a string', bracketText.length, () => parseAnswerJson(bracketText)).ok).toBe(true)
  })
})

describe('answers the CT check keeps raw', () => {
  it('finds an over-long key or value by its path, and too many values', () => {
    const long = 'A'.repeat(MiB)
    const body = { checking: 0, meterCheckConfigVOS: [{ phaseFlag: '1', inverterSide: 'ABC' }, { phaseFlag: long }] }
    expect(withinBudget('a long phaseFlag', MiB, () => rawAnswerProblem(body))).toEqual({ kind: 'tooLong', field: 'meterCheckConfigVOS.1.phaseFlag', max: AnswerTextLimits.raw })
    expect(rawAnswerProblem({ [long]: 1 })).toMatchObject({ kind: 'tooLong', max: AnswerTextLimits.raw })
    const wide = Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`k${i}`, i]))
    expect(withinBudget('200 000 keys', JSON.stringify(wide).length, () => rawAnswerProblem(wide))).toEqual({ kind: 'tooMany', max: RAW_ANSWER_MAX_VALUES })
    expect(rawAnswerProblem({ deviceStatus: 2, faultArmFlag2: 0, meterStatus: 1, checking: 0, meterCheckConfigVOS: [{ inverterSide: ['A', 'B', 'C'] }] })).toBeNull()
  })
})

/** `sample` with the value at `path` (`datas.0.unit`) replaced. */
function withValue(sample: unknown, path: string, value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(sample)) as Record<string, unknown>
  const keys = path.split('.')
  let at: Record<string, unknown> = copy
  for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>
  at[keys.at(-1)!] = value
  return copy
}

const person = { name: 'Jan Kowalski', email: 'jan@example.pl', phone: '+48 12 345 67 89' }
const schemas: { name: string; schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }; sample: unknown; fields: string[] }[] = [
  { name: 'plant', schema: P.PlantSchema, sample: { stationID: 'st-1', name: 'Kraków', ianaTimezone: 'Europe/Warsaw' }, fields: ['stationID', 'name', 'ianaTimezone'] },
  {
    name: 'plant detail',
    schema: P.PlantDetailSchema('st-1'),
    sample: { stationName: 'Kraków', country: 'Poland', city: 'Kraków', address: 'ul. Długa 1', postcode: '31-147', capacity: '10', timezone: 'Europe/Warsaw', createDate: '1705495672000', user: person, installer: person, modules: [{ moduleSN: 'M1', deviceSN: 'D1' }] },
    fields: ['stationName', 'country', 'city', 'address', 'postcode', 'capacity', 'timezone', 'createDate', 'user.name', 'user.email', 'installer.phone', 'modules.0.moduleSN', 'modules.0.deviceSN'],
  },
  {
    name: 'device',
    schema: P.DeviceSchema,
    sample: { deviceSN: '60H3103A12345601', moduleSN: 'M1', stationID: 'st-1', stationName: 'Kraków', status: 1, hasPV: 'true', deviceType: 'H3-10.0-E', productType: 'H3' },
    fields: ['deviceSN', 'moduleSN', 'stationID', 'stationName', 'deviceType', 'productType', 'status'],
  },
  {
    name: 'device detail',
    schema: P.DeviceDetailSchema,
    sample: { deviceSN: 'D1', moduleSN: 'M1', stationID: 'st-1', stationName: 'Kraków', status: 1, afciVersion: '1', managerVersion: '1.2', masterVersion: '1.3', slaveVersion: '1.4', hardwareVersion: 'A' },
    fields: ['deviceSN', 'stationName', 'afciVersion', 'managerVersion', 'masterVersion', 'slaveVersion', 'hardwareVersion'],
  },
  { name: 'module list', schema: P.ModuleListSchema, sample: { total: 1, data: [{ moduleSN: 'M1', stationID: 'st-1', status: 1, signal: '80' }] }, fields: ['data.0.moduleSN', 'data.0.stationID', 'data.0.signal'] },
  { name: 'variable table', schema: P.VariableTableSchema, sample: [{ pvPower: { unit: 'kW', name: { en: 'PV power', pl: 'Moc PV' } } }], fields: ['0.pvPower.unit', '0.pvPower.name.pl'] },
  { name: 'fault table', schema: P.FaultTableSchema, sample: [{ '1': { en: 'Grid lost' } }], fields: ['0.1.en'] },
  {
    name: 'real-time values',
    schema: P.RealTimeSchema,
    sample: [{ deviceSN: 'D1', time: '2024-01-17 12:47:52', datas: [{ variable: 'pvPower', unit: 'kW', name: 'PV', value: '1.5', time: '2024-01-17 12:47:52' }] }],
    fields: ['0.deviceSN', '0.time', '0.datas.0.variable', '0.datas.0.unit', '0.datas.0.name', '0.datas.0.value', '0.datas.0.time'],
  },
  {
    name: 'history',
    schema: P.HistorySchema,
    sample: [{ deviceSN: 'D1', datas: [{ variable: 'pvPower', unit: 'kW', name: 'PV', data: [{ time: '2024-01-17 12:47:52', value: '1.5' }] }] }],
    fields: ['0.deviceSN', '0.datas.0.variable', '0.datas.0.unit', '0.datas.0.name', '0.datas.0.data.0.time', '0.datas.0.data.0.value'],
  },
  { name: 'report', schema: P.ReportSchema, sample: [{ variable: 'generation', unit: 'kWh', values: ['1', 2] }], fields: ['0.variable', '0.unit', '0.values.0'] },
  { name: 'generation', schema: P.GenerationSchema, sample: { today: '1', month: 2, cumulative: 3 }, fields: ['today', 'month'] },
  { name: 'setting', schema: P.SettingSchema('ExportLimit'), sample: { value: '3000', unit: 'W', precision: 1, range: { min: 0, max: '10000' } }, fields: ['value', 'unit', 'range.max'] },
  { name: 'device time', schema: P.DeviceTimeSchema, sample: { year: '26', month: 1, day: 2, hour: 3, minute: 4, second: '5' }, fields: ['year', 'second'] },
]

describe('open API answers', () => {
  for (const { name, schema, sample, fields } of schemas) {
    it(`${name}: a MiB in any string field refuses the answer and names the field`, () => {
      expect(schema.safeParse(sample).success, 'the sample itself is valid').toBe(true)
      for (const filler of ['x'.repeat(MiB), '9'.repeat(MiB), spaces(MiB)]) {
        for (const field of fields) {
          const parsed = withinBudget(`${name}.${field}`, MiB, () => schema.safeParse(withValue(sample, field, filler)))
          expect(parsed.success, field).toBe(false)
          const error = P.answerRefused('/op/test', parsed.error as never)
          expect(error, field).toBeInstanceOf(AppError)
          expect(error.toPayload(), field).toEqual({ code: 'foxessAnswerTooLong', params: { endpoint: '/op/test', field, max: expect.any(Number) as number } })
        }
      }
    })
  }

  it('a record key of a MiB is refused too', () => {
    const parsed = P.VariableTableSchema.safeParse([{ ['k'.repeat(MiB)]: { unit: 'kW', name: { en: 'PV' } } }])
    expect(parsed.success).toBe(false)
    expect(P.answerRefused('/op/v0/device/variable/get', parsed.error!).code).toBe('foxessAnswerTooLong')
  })

  it('a long list of short, valid values is not refused', () => {
    const points = Array.from({ length: 5_000 }, (_, i) => ({ time: 1705495672000 + i * 1000, value: String(i) }))
    const parsed = P.HistorySchema.safeParse([{ deviceSN: 'D1', datas: [{ variable: 'pvPower', data: points }] }])
    expect(parsed.success && parsed.data[0]!.datas[0]!.data.length).toBe(5_000)
  })
})

describe('the cabinet stream decoder', () => {
  const frame = SEED_FRAMES[0]!.text
  const streams: [string, (size: number) => string][] = [
    ['a line of hex digits that never ends', (size) => `comm,01,${'0'.repeat(size)}`],
    ['white space', (size) => spaces(size)],
    ['frame starts', (size) => 'comm,'.repeat(size / 5)],
    ['commas', (size) => ','.repeat(size)],
    ['frames that are one digit short', (size) => `${frame.slice(0, -1)}`.repeat(size / (FRAME_TEXT_LENGTH - 1))],
    ['printable junk', (size) => 'x@!'.repeat(size / 3)],
  ]
  // the decoder reports every bad frame and junk run it meets (45 000 per MiB of frames one digit short),
  // so it does more per byte than the string parsers and gets a larger budget; what bounds its memory is
  // checked directly: it never holds more than one frame
  const budgetScale = 10
  for (const [chunkSize, size] of [
    [MiB, MiB],
    [4096, MiB],
    [64, MiB / 4],
    [1, 16 * 1024],
  ] as const) {
    it(`holds at most one frame and keeps finding frames: ${size} bytes in chunks of ${chunkSize}`, () => {
      for (const [label, stream] of streams) {
        const reader = new CabinetFrameReader()
        const bytes = asciiBytes(stream(size))
        let most = 0
        let longestText = 0
        withinBudget(`${label} in ${chunkSize}-byte chunks`, bytes.length * budgetScale, () => {
          for (let at = 0; at < bytes.length; at += chunkSize) {
            for (const item of reader.push(bytes.subarray(at, at + chunkSize))) longestText = Math.max(longestText, item.text.length)
            most = Math.max(most, reader.held)
          }
        })
        expect(most, label).toBeLessThanOrEqual(FRAME_TEXT_LENGTH)
        expect(longestText, label).toBeLessThanOrEqual(64)
        const after = reader.push(asciiBytes(`\r\n${frame}\r\n`))
        expect(after.some((item) => item.kind === 'frame' && item.text === frame), `${label}: a frame after it`).toBe(true)
      }
    })
  }
})

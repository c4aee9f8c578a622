/**
 * The open API's answers parsed into the app's types. The cloud is untrusted
 * input and its document is loose about types (a boolean that arrives as
 * "true", numbers as strings, a list that is sometimes paged): these schemas
 * accept what a real service sends and refuse what cannot be right. Every
 * string is bounded (`AnswerTextLimits`): an over-long one refuses the whole
 * answer, as any malformed answer is refused; none of these fields is merely
 * descriptive, so none is cut and kept.
 */
import { z } from 'zod'
import {
  AppError,
  type FoxAccessCount,
  type FoxDevice,
  type FoxDeviceDetail,
  type FoxDeviceStatus,
  type FoxDeviceTime,
  type FoxForceCharge,
  type FoxGeneration,
  type FoxHistorySeries,
  type FoxModule,
  type FoxPlant,
  type FoxPlantDetail,
  type FoxRealTime,
  type FoxReportSeries,
  type FoxScheduler,
  type FoxSchedulerFlag,
  type FoxSchedulerGroup,
  type FoxSetting,
  type FoxSettingKey,
  type FoxSoc,
  FoxWorkModes,
} from '@shared/contract'
import { parseFoxTime } from '@shared/devices/foxess/time'
import { AnswerTextLimits as Max, clipDescriptive } from '@shared/devices/untrusted'

const numberLike = z.union([z.number(), z.string().max(Max.numeric).trim().min(1)]).transform((v, ctx) => {
  const n = typeof v === 'number' ? v : Number(v)
  if (!Number.isFinite(n)) {
    ctx.addIssue({ code: 'custom', message: 'number' })
    return z.NEVER
  }
  return n
})
const intLike = numberLike.refine((n) => Number.isInteger(n), 'integer')
const boolLike = z.union([z.boolean(), z.literal(0), z.literal(1), z.enum(['true', 'false', '0', '1', 'True', 'False'])]).transform((v) => v === true || v === 1 || v === '1' || v === 'true' || v === 'True')
/** A string the cloud may also send as a number, at most `max` characters. */
const stringLike = (max: number) => z.union([z.string(), z.number()]).transform(String).pipe(z.string().max(max))
/** The same, where a missing value reads as '' */
const text = (max: number) => stringLike(max).nullish().transform((v) => v ?? '')
/** A time as the cloud sends it: ms (as a number or a string) or a date string. */
const timeLike = z.union([z.number(), z.string().max(Max.time)])
/** A value as the cloud sends it: a number, or text. */
const valueLike = z.union([z.number(), z.string().max(Max.value)])

const status = intLike.refine((n) => n === 1 || n === 2 || n === 3, 'status').transform((n) => n as FoxDeviceStatus)

export const PageSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    currentPage: intLike.optional(),
    pageSize: intLike.optional(),
    total: intLike,
    data: z.array(item),
  })

export const PlantSchema = z.object({ stationID: stringLike(Max.id), name: text(Max.name), ianaTimezone: text(Max.timeZone) }) satisfies z.ZodType<FoxPlant, unknown>

const Person = z
  .object({ name: text(Max.name), email: text(Max.email), phone: text(Max.phone) })
  .nullish()
  .transform((p) => (p ? p : null))

export const PlantDetailSchema = (stationID: string) =>
  z
    .object({
      stationName: text(Max.name),
      country: text(Max.name),
      city: text(Max.name),
      address: text(Max.address),
      postcode: text(Max.postcode),
      capacity: numberLike.nullish().transform((v) => v ?? 0),
      timezone: text(Max.timeZone),
      createDate: timeLike.nullish().transform((v) => parseFoxTime(v ?? null)),
      user: Person,
      installer: Person,
      modules: z.array(z.object({ moduleSN: text(Max.serial), deviceSN: text(Max.serial) })).nullish().transform((v) => v ?? []),
    })
    .transform((d): FoxPlantDetail => ({ stationID, ...d }))

export const DeviceSchema = z.object({
  deviceSN: stringLike(Max.serial),
  moduleSN: text(Max.serial),
  stationID: text(Max.id),
  stationName: text(Max.name),
  status,
  hasPV: boolLike.nullish().transform((v) => v ?? false),
  hasBattery: boolLike.nullish().transform((v) => v ?? false),
  deviceType: text(Max.name),
  productType: text(Max.name),
}) satisfies z.ZodType<FoxDevice, unknown>

export const DeviceDetailSchema = z
  .object({
    deviceSN: stringLike(Max.serial),
    moduleSN: text(Max.serial),
    stationID: text(Max.id),
    stationName: text(Max.name),
    status,
    afciVersion: text(Max.version),
    managerVersion: text(Max.version),
    masterVersion: text(Max.version),
    slaveVersion: text(Max.version),
    hardwareVersion: text(Max.version),
    function: z.object({ scheduler: boolLike.nullish() }).nullish(),
  })
  .transform(
    ({ function: fn, ...d }): FoxDeviceDetail => ({
      ...d,
      schedulerSupported: Boolean(fn?.scheduler),
    }),
  )

export const ModuleSchema = z.object({
  moduleSN: stringLike(Max.serial),
  stationID: text(Max.id),
  status: intLike.transform((n) => (n === 1 ? 1 : 2) as 1 | 2),
  signal: numberLike.nullish().transform((v) => Math.max(0, Math.min(100, v ?? 0))),
}) satisfies z.ZodType<FoxModule, unknown>

/** The module list is documented as a page; some accounts get a bare list. Both are read. */
export const ModuleListSchema = z.union([
  PageSchema(ModuleSchema),
  z.array(ModuleSchema).transform((data) => ({ currentPage: 1, pageSize: data.length, total: data.length, data })),
])

/** `[{ pvPower: { unit, name: { en, zh_CN, … } } }, …]` */
export const VariableTableSchema = z.array(z.record(z.string().max(Max.id), z.object({ unit: text(Max.unit), name: z.record(z.string().max(Max.id), z.string().max(Max.name)) }))).transform((list) =>
  list.flatMap((entry) => Object.entries(entry).map(([key, v]) => ({ key, unit: v.unit, names: v.name }))),
)

/** `[{ "1": { en, zh_CN, pl } }, …]` */
export const FaultTableSchema = z.array(z.record(z.string().max(Max.id), z.record(z.string().max(Max.id), z.string().max(Max.description)))).transform((list) =>
  list.flatMap((entry) =>
    Object.entries(entry)
      .filter(([code]) => /^\d+$/.test(code))
      .map(([code, names]) => ({ code: Number(code), names })),
  ),
)

const Value = z.object({
  variable: z.string().max(Max.id),
  unit: text(Max.unit),
  name: text(Max.name),
  value: valueLike.nullish(),
  time: timeLike.nullish(),
})

/**
 * Real-time results. The document lists `time` beside the values; services put
 * it on the device or on each value: either is read, the latest wins.
 */
export const RealTimeSchema = z.array(
  z
    .object({ deviceSN: stringLike(Max.serial), time: timeLike.nullish(), datas: z.array(Value).nullish().transform((v) => v ?? []) })
    .transform((d): FoxRealTime => {
      let time = parseFoxTime(d.time ?? null)
      for (const v of d.datas) {
        const t = parseFoxTime(v.time ?? null)
        if (t !== null && (time === null || t > time)) time = t
      }
      return {
        deviceSN: d.deviceSN,
        time,
        datas: d.datas.filter((v) => v.value !== null && v.value !== undefined).map((v) => ({ variable: v.variable, unit: v.unit, name: v.name, value: v.value as number | string })),
      }
    }),
)

export const HistorySchema = z.array(
  z.object({
    deviceSN: stringLike(Max.serial),
    datas: z
      .array(
        z.object({
          variable: z.string().max(Max.id),
          unit: text(Max.unit),
          name: text(Max.name),
          data: z
            .array(z.object({ time: timeLike, value: z.union([z.number(), z.string().max(Max.numeric)]).nullish() }))
            .nullish()
            .transform((points) => {
              const out: { time: number; value: number }[] = []
              for (const p of points ?? []) {
                const time = parseFoxTime(p.time)
                const value = typeof p.value === 'string' ? Number(p.value) : p.value
                if (time !== null && typeof value === 'number' && Number.isFinite(value)) out.push({ time, value })
              }
              return out
            }),
        }),
      )
      .nullish()
      .transform((v): FoxHistorySeries[] => v ?? []),
  }),
)

export const ReportSchema = z.array(
  z.object({
    variable: z.string().max(Max.id),
    unit: text(Max.unit),
    values: z.array(z.union([z.number(), z.string().max(Max.numeric)]).nullish()).transform((values) => values.map((v) => (v === null || v === undefined || v === '' ? 0 : Number(v))).map((v) => (Number.isFinite(v) ? v : 0))),
  }),
) satisfies z.ZodType<FoxReportSeries[], unknown>

export const GenerationSchema = z.object({
  today: numberLike.nullish().transform((v) => v ?? 0),
  month: numberLike.nullish().transform((v) => v ?? 0),
  cumulative: numberLike.nullish().transform((v) => v ?? 0),
}) satisfies z.ZodType<FoxGeneration, unknown>

export const SocSchema = z.object({ minSoc: intLike, minSocOnGrid: intLike }) satisfies z.ZodType<FoxSoc, unknown>

const TimeOfDay = z.object({ hour: intLike, minute: intLike })

/** `enable1`/`enable2` are strings in the get answer and booleans in the set body: both read as booleans. */
export const ForceChargeSchema = z.object({
  enable1: boolLike,
  startTime1: TimeOfDay,
  endTime1: TimeOfDay,
  enable2: boolLike,
  startTime2: TimeOfDay,
  endTime2: TimeOfDay,
}) satisfies z.ZodType<FoxForceCharge, unknown>

export const SettingSchema = (key: FoxSettingKey) =>
  z
    .object({
      value: stringLike(Max.value),
      unit: text(Max.unit),
      precision: numberLike.nullish().transform((v) => v ?? 1),
      range: z.object({ min: numberLike, max: numberLike }).nullish(),
    })
    .transform((s): FoxSetting => ({ key, value: s.value, unit: s.unit, precision: s.precision, range: s.range ?? null }))

export const DeviceTimeSchema = z
  .object({ year: stringLike(Max.numeric), month: intLike, day: intLike, hour: intLike, minute: intLike, second: intLike })
  .transform((t, ctx): FoxDeviceTime => {
    const year = Number(t.year)
    if (!Number.isInteger(year)) {
      ctx.addIssue({ code: 'custom', message: 'year' })
      return z.NEVER
    }
    return { year: year < 100 ? 2000 + year : year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second, twoDigitYear: t.year.trim().length <= 2 }
  })

export const SchedulerFlagSchema = z
  .object({ support: boolLike.nullish(), enable: boolLike.nullish() })
  .transform((f): FoxSchedulerFlag => ({ supported: Boolean(f.support), enabled: Boolean(f.enable) }))

export const SchedulerGroupSchema = z.object({
  enable: intLike.transform((n) => (n ? 1 : 0) as 0 | 1),
  startHour: intLike,
  startMinute: intLike,
  endHour: intLike,
  endMinute: intLike,
  workMode: z.enum(FoxWorkModes),
  minSocOnGrid: intLike,
  fdSoc: intLike,
  fdPwr: numberLike,
}) satisfies z.ZodType<FoxSchedulerGroup, unknown>

export const SchedulerSchema = z
  .object({ enable: boolLike.nullish(), groups: z.array(SchedulerGroupSchema).nullish() })
  .transform((s): FoxScheduler => ({ enabled: Boolean(s.enable), groups: s.groups ?? [] }))

export const AccessCountSchema = z
  .object({ total: numberLike, remaining: numberLike.nullish() })
  .transform((a): FoxAccessCount => ({ total: a.total, remaining: a.remaining ?? null }))

/** A zod string issue over its maximum, looked for inside unions and record keys too (the module list is a union). */
function overlongField(issues: readonly z.core.$ZodIssue[]): { path: PropertyKey[]; max: number } | null {
  for (const issue of issues) {
    if (issue.code === 'too_big' && issue.origin === 'string') return { path: issue.path, max: Number(issue.maximum) }
    const nested = issue.code === 'invalid_union' ? issue.errors.flat() : issue.code === 'invalid_key' || issue.code === 'invalid_element' ? issue.issues : []
    const found = overlongField(nested)
    if (found) return { path: [...issue.path, ...found.path], max: found.max }
  }
  return null
}

/** The error for an answer its schema refused: an over-long field is named, anything else is an answer the app cannot read. */
export function answerRefused(endpoint: string, error: z.ZodError): AppError {
  const overlong = overlongField(error.issues)
  if (overlong) return new AppError('foxessAnswerTooLong', { endpoint, field: clipDescriptive(overlong.path.map(String).join('.') || '(result)', Max.name), max: overlong.max })
  return new AppError('foxessBadAnswer', { endpoint })
}

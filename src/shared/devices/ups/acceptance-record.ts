/**
 * The acceptance test's mains failure as its record keeps it in meta: the
 * discharge curve and the alarms seen. Records are read back from disk and
 * exported files, so what does not have the shape is left out, never trusted.
 * Pure: main, the page and the report read them alike.
 */
import { UPS_DISCHARGE_POINTS, type UpsDischargeCurve, type UpsDischargePoint, type UpsTestAlarm } from '../../contract/ups/acceptance'

const isPoint = (p: unknown): p is UpsDischargePoint =>
  Array.isArray(p) && p.length === 3 && typeof p[0] === 'number' && p.slice(1).every((v) => v === null || (typeof v === 'number' && Number.isFinite(v)))

/** The curve a record keeps, or null when it keeps none (or not in this shape). */
export function dischargeOf(meta: Record<string, unknown>): UpsDischargeCurve | null {
  const raw = meta.discharge as { startedAt?: unknown; points?: unknown } | undefined
  if (!raw || typeof raw.startedAt !== 'number' || !Array.isArray(raw.points)) return null
  return { startedAt: raw.startedAt, points: raw.points.filter(isPoint).slice(0, UPS_DISCHARGE_POINTS + 1) }
}

/** The alarms a record keeps, in the order they rose. */
export function alarmsOf(meta: Record<string, unknown>): UpsTestAlarm[] {
  if (!Array.isArray(meta.alarms)) return []
  return meta.alarms.filter(
    (a): a is UpsTestAlarm =>
      !!a && typeof a === 'object' && typeof a.n === 'number' && typeof a.name === 'string' && typeof a.raisedAt === 'number' && (a.clearedAt === null || typeof a.clearedAt === 'number'),
  )
}

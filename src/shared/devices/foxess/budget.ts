/**
 * The account's daily call budget as the app can know it, and what a live
 * refresh would cost against it. Pure: main enforces it, the live page shows it.
 */
import { DEFAULT_DAILY_BUDGET, liveCallsPerHour } from './values'

/** The cloud's own count, read by `getAccessCount`, with the app's count of today's calls at that moment. */
export interface AccessCountReading {
  total: number
  remaining: number | null
  /** local day of the reading, YYYY-MM-DD */
  day: string
  /** the app's calls today when the reading was taken (the reading's own call included) */
  callsAtReading: number
}

export interface BudgetLeft {
  total: number
  left: number
  /** whether `left` rests on the cloud's count (else on this app's calls alone) */
  fromCloud: boolean
}

/**
 * What is left today. The cloud's remaining count is a reading from earlier:
 * every call the app made since comes off it, and the app's own count of
 * today caps it, so "18 calls today" never sits beside "1437 of 1440 left".
 * A reading from another day says nothing about today's remainder. Once the
 * cloud has refused a call for the spent budget (`spent`), nothing is left,
 * whatever the counts say: "daily budget spent" never sits beside "1437 left".
 */
export function budgetLeft(callsToday: number, today: string, reading: AccessCountReading | null, spent = false): BudgetLeft {
  const total = reading?.total ?? DEFAULT_DAILY_BUDGET
  const byApp = total - callsToday
  if (spent) return { total, left: 0, fromCloud: true }
  if (!reading || reading.day !== today || reading.remaining === null) return { total, left: Math.max(0, byApp), fromCloud: false }
  const sinceReading = Math.max(0, callsToday - reading.callsAtReading)
  return { total, left: Math.max(0, Math.min(byApp, reading.remaining - sinceReading)), fromCloud: true }
}

/** The live page's refresh choices, slowest last; 10 s is left to the connection settings. */
export const LIVE_REFRESH_CHOICES = [30, 60, 120, 300, 600, 900] as const

/** A refresh that spends a day's share above this is shown as heavy. */
const HEAVY_SHARE = 0.5

export type RefreshLevel = 'comfortable' | 'heavy' | 'exhausts'

export interface RefreshCost {
  perHour: number
  perDay: number
  /** calls until the budget's day ends */
  untilDayEnd: number
  level: RefreshLevel
}

/**
 * What refreshing `inverters` every `seconds` costs. It exhausts the budget when
 * a day of it spends the whole daily budget, or when the calls until the day
 * ends spend what is left today: starting such a refresh needs an explicit choice.
 */
export function refreshCost(inverters: number, seconds: number, budget: BudgetLeft, msUntilDayEnd: number): RefreshCost {
  const perHour = liveCallsPerHour(inverters, seconds)
  const perDay = Math.round(perHour * 24)
  const perRefresh = seconds > 0 ? perHour / (3600 / seconds) : 0
  // the first refresh happens at once
  const untilDayEnd = Math.ceil((perRefresh * Math.max(0, msUntilDayEnd)) / (seconds * 1000)) + Math.ceil(perRefresh)
  const level: RefreshLevel = perDay >= budget.total || untilDayEnd >= budget.left ? 'exhausts' : perDay >= budget.total * HEAVY_SHARE ? 'heavy' : 'comfortable'
  return { perHour: Math.round(perHour), perDay, untilDayEnd, level }
}

/** Milliseconds from `now` to the next local midnight, the day the app counts calls by. */
export function msUntilLocalMidnight(now: number): number {
  const next = new Date(now)
  next.setHours(24, 0, 0, 0)
  return next.getTime() - now
}

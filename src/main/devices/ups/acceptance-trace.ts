/**
 * What the mains failure leaves beside the steps' verdicts: the battery's
 * voltage and capacity over the discharge, and every alarm of the file seen
 * rising and clearing from the mains cut on. Both go into the record's meta
 * as they change (`discharge`, `alarms`), so a test resumed mid-discharge
 * carries on the same curve, and the page and the report of a finished test
 * draw them from the record.
 */
import { type JsonValue, UPS_DISCHARGE_POINTS, type UpsAlarm, type UpsDischargeCurve, type UpsTestAlarm } from '@shared/contract'
import { alarmsOf, dischargeOf } from '@shared/devices/ups/acceptance-record'
import type { UpsValue } from '@shared/devices/ups/protocol'
import type { RecordStore } from '../../store/records'
import zhNames from '../../../../locales/zh/upsNames.json'
import { round } from './acceptance-plan'

export interface MainsTraceView {
  discharge: UpsDischargeCurve | null
  alarms: UpsTestAlarm[]
}

export class MainsTrace {
  private discharge: UpsDischargeCurve | null
  private readonly alarms: UpsTestAlarm[]
  private readonly names: Map<number, UpsValue>

  constructor(
    private readonly records: RecordStore,
    private readonly recordId: number,
    alarmValues: UpsValue[],
    private readonly onChange: (view: MainsTraceView) => void,
  ) {
    const meta = records.get(recordId, 0).meta
    this.discharge = dischargeOf(meta)
    this.alarms = alarmsOf(meta)
    this.names = new Map(alarmValues.map((v) => [v.n, v]))
  }

  view(): MainsTraceView {
    return { discharge: this.discharge && { startedAt: this.discharge.startedAt, points: [...this.discharge.points] }, alarms: this.alarms.map((a) => ({ ...a })) }
  }

  /**
   * An alarm of the file raised or cleared. One still up when a resumed test
   * polls again is the same alarm, not a second rise.
   */
  alarm(alarm: UpsAlarm): void {
    const value = alarm.n === undefined ? undefined : this.names.get(alarm.n)
    if (!value) return
    const open = this.alarms.findLast((a) => a.n === value.n && a.clearedAt === null)
    if (alarm.clearedAt === undefined) {
      if (open) return
      this.alarms.push({ n: value.n, name: value.name, localized: zhNames.values[`c${value.n}` as keyof typeof zhNames.values] === value.name, raisedAt: alarm.raisedAt, clearedAt: null })
    } else {
      if (!open) return
      open.clearedAt = alarm.clearedAt
    }
    this.save()
  }

  /**
   * A poll during the discharge: kept when it is the first, or a spacing past
   * the last kept, so a long discharge keeps at most `UPS_DISCHARGE_POINTS`;
   * the last poll is always kept (`last`).
   */
  dischargePoll(startedAt: number, durationMs: number, pollMs: number, at: number, battery: { voltage: number | null; capacity: number | null }, last = false): void {
    if (!this.discharge || this.discharge.startedAt !== startedAt) this.discharge = { startedAt, points: [] }
    const points = this.discharge.points
    const seconds = round((at - startedAt) / 1000)
    const spacing = Math.max(pollMs, durationMs / UPS_DISCHARGE_POINTS) / 1000
    const previous = points.at(-1)
    if (previous && seconds <= previous[0]) return
    if (previous && !last && seconds - previous[0] < spacing * 0.999) return
    points.push([seconds, battery.voltage, battery.capacity])
    this.save()
  }

  private save(): void {
    const meta = this.records.get(this.recordId, 0).meta
    this.records.update(this.recordId, { meta: { ...meta, discharge: this.discharge as unknown as JsonValue, alarms: this.alarms as unknown as JsonValue } })
    this.onChange(this.view())
  }
}

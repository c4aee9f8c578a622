/**
 * Which values of a protocol file are indicator lights and which of those
 * are alarms. The file says neither; its names and group names do: a status
 * bit or a value in an alarm or state group is an indicator, and it is an
 * alarm when its group is an alarm group or its name says a fault (under or
 * over voltage, overload, shutdown, a sequence error, out of sync, bypass).
 * A state such as "equalizing charge" or "three-phase output" is lit, not
 * alarmed.
 */
import type { UpsGroup, UpsValue } from './protocol'

const INDICATOR_GROUP = /报警|状态|异常|alarm|status|state/i
const ALARM_GROUP = /报警|异常|alarm|fault/i
const ALARM_NAME = /欠压|过压|过载|关机|错误|不同步|旁路|EPO|fault|alarm|over|under|shutdown/i

export type IndicatorKind = 'alarm' | 'status'

export function indicatorKind(value: Pick<UpsValue, 'name' | 'bits'>, group: Pick<UpsGroup, 'name'> | undefined): IndicatorKind | null {
  const inStateGroup = group !== undefined && INDICATOR_GROUP.test(group.name)
  if (!value.bits && !inStateGroup) return null
  return (group && ALARM_GROUP.test(group.name)) || ALARM_NAME.test(value.name) ? 'alarm' : 'status'
}

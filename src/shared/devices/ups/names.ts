/**
 * Keys of the UPS texts: lint messages (namespace `ups`) and the names of
 * values and groups (`upsNames`, by the value's N and the group's first N, so
 * they stay put when a file's names are edited).
 */
import type { LintCode } from './lint'

export const lintKey = (code: LintCode): string => `ups:lint.${code}`
export const valueNameKey = (n: number): string => `upsNames:values.c${n}`
export const groupNameKey = (id: number): string => `upsNames:groups.c${id}`

import type { TFunction } from 'i18next'
import type { UpsMonitorLayout, UpsValueInfo } from '@shared/contract'
import { groupNameKey, valueNameKey } from '@shared/devices/ups/names'

/** Ours in the reader's language where the file names the value as the maker's file does, else the file's own name. */
export const valueName = (t: TFunction, v: Pick<UpsValueInfo, 'n' | 'name' | 'localized'>): string => (v.localized ? t(valueNameKey(v.n)) : v.name)
export const groupName = (t: TFunction, g: UpsMonitorLayout['groups'][number]): string => (g.localized ? t(groupNameKey(g.id)) : g.name)

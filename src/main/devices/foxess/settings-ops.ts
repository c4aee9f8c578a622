/**
 * Reading an inverter's settings, and writing changes the safe way: in the
 * order writeOrder() gives, each write once (never retried on its own), then
 * read back and compared. A write whose answer was lost (timeout, network)
 * may have happened: the read-back says which.
 */
import {
  AppError,
  type AppErrorPayload,
  type FoxSettingsSnapshot,
  type FoxSettingsTarget,
  type JsonValue,
  type SettingChange,
  type SettingItem,
  type SettingWriteResult,
} from '@shared/contract'
import { sameForceCharge, sameGroups, writeOrder } from '@shared/devices/foxess/settings-plan'
import { verifiedWrite } from '../../flows/verified-write'
import type { CallContext, FoxOpenApi } from './open-api'

export interface DeviceAbilities {
  hasBattery: boolean
  /** setting/get|set (ExportLimit, MaxSoc, GridCode) */
  settings: boolean
  scheduler: boolean
}

const payload = (err: unknown): AppErrorPayload => (err instanceof AppError ? err.toPayload() : { code: 'internal' })
const code = (err: unknown) => (err instanceof AppError ? err.code : 'internal')

/** Everything the wizard may change, read part by part: a part that cannot be read is noted, the rest still shown. */
export async function readSnapshot(api: FoxOpenApi, sn: string, can: DeviceAbilities, ctx: CallContext, now: () => number): Promise<FoxSettingsSnapshot> {
  const snap: FoxSettingsSnapshot = { soc: null, maxSoc: null, exportLimit: null, gridCode: null, forceCharge: null, scheduler: null, schedulerFlag: null, unreadable: {}, readAt: now() }
  const part = async (name: string, read: () => Promise<void>) => {
    try {
      await read()
    } catch (err) {
      if (ctx.signal?.aborted) throw err
      snap.unreadable[name] = code(err)
    }
  }
  if (can.hasBattery) {
    await part('soc', async () => void (snap.soc = await api.socGet(sn, ctx)))
    await part('forceCharge', async () => void (snap.forceCharge = await api.forceChargeGet(sn, ctx)))
  }
  if (can.settings) {
    if (can.hasBattery) await part('maxSoc', async () => void (snap.maxSoc = await api.settingGet(sn, 'MaxSoc', ctx)))
    await part('exportLimit', async () => void (snap.exportLimit = await api.settingGet(sn, 'ExportLimit', ctx)))
    await part('gridCode', async () => void (snap.gridCode = await api.settingGet(sn, 'GridCode', ctx)))
  }
  if (can.scheduler) {
    await part('schedulerFlag', async () => void (snap.schedulerFlag = await api.schedulerFlagGet(sn, ctx)))
    if (snap.schedulerFlag?.supported !== false) await part('scheduler', async () => void (snap.scheduler = await api.schedulerGet(sn, ctx)))
  }
  snap.readAt = now()
  return snap
}

/** A lost answer is not a refusal: the write may have happened, so its result is "unknown" until read back. */
const lostAnswer = (err: unknown) => err instanceof AppError && (err.code === 'foxessTimeout' || err.code === 'foxessUnreachable' || err.code === 'foxessServiceError' || err.code === 'foxessBadAnswer')

/** Writes the changes in order, reading each back; `onResult` sees every result as it lands. */
export async function applyChanges(
  api: FoxOpenApi,
  sn: string,
  changes: SettingChange[],
  target: FoxSettingsTarget,
  ctx: CallContext,
  onResult: (results: SettingWriteResult[]) => void,
): Promise<SettingWriteResult[]> {
  const results: SettingWriteResult[] = changes.map((c) => ({ item: c.item, status: 'pending', error: null, readBack: null }))
  const set = (items: SettingItem[], patch: Partial<SettingWriteResult>) => {
    for (const r of results) if (items.includes(r.item)) Object.assign(r, patch)
    onResult(results.map((r) => ({ ...r })))
  }
  // the wizard has read and compared already (the person saw the changes): each group is written, then read back
  await verifiedWrite<SettingItem[], ReadBack>(writeOrder(changes), {
    readFirst: false,
    signal: ctx.signal,
    read: (items) => verify(api, sn, items, target, ctx),
    write: (items) => write(api, sn, items, target, ctx),
    matches: (_items, value) => value.matches,
    answerLost: lostAnswer,
    onProgress: (items, progress, err) => set(items, progress === 'written' ? { status: 'written' } : { status: progress === 'answerLost' ? 'unknown' : 'rejected', error: payload(err) }),
    onResult: ({ item: items, status, error, readBack }) => {
      const back = readBack ? { readBack: readBack.readBack } : {}
      if (status === 'verified' || status === 'mismatch') set(items, { status, ...back })
      else if (status === 'refused') set(items, { status: 'rejected', ...back })
      // no read-back: a write stays "written" (unverified) with the reason noted, a lost answer "unknown"
      else if (status === 'unverified') set(items, { error: payload(error) })
    },
  })
  return results
}

interface ReadBack {
  readBack: JsonValue
  matches: boolean
}

async function write(api: FoxOpenApi, sn: string, items: SettingItem[], t: FoxSettingsTarget, ctx: CallContext): Promise<void> {
  const item = items[0]!
  switch (item) {
    case 'minSoc':
    case 'minSocOnGrid': {
      const current = t.minSoc !== null && t.minSocOnGrid !== null ? null : await api.socGet(sn, ctx)
      return api.socSet(sn, { minSoc: t.minSoc ?? current!.minSoc, minSocOnGrid: t.minSocOnGrid ?? current!.minSocOnGrid }, ctx)
    }
    case 'maxSoc':
      return api.settingSet(sn, 'MaxSoc', t.maxSoc!, ctx)
    case 'exportLimit':
      return api.settingSet(sn, 'ExportLimit', t.exportLimit!, ctx)
    case 'forceCharge':
      return api.forceChargeSet(sn, t.forceCharge!, ctx)
    case 'schedulerGroups':
      return api.schedulerSet(sn, t.scheduler!.groups, ctx)
    case 'schedulerFlag':
      return api.schedulerFlagSet(sn, t.scheduler!.enabled, ctx)
  }
}

async function verify(api: FoxOpenApi, sn: string, items: SettingItem[], t: FoxSettingsTarget, ctx: CallContext): Promise<ReadBack> {
  const item = items[0]!
  switch (item) {
    case 'minSoc':
    case 'minSocOnGrid': {
      const soc = await api.socGet(sn, ctx)
      const matches = (t.minSoc === null || soc.minSoc === t.minSoc) && (t.minSocOnGrid === null || soc.minSocOnGrid === t.minSocOnGrid)
      return { readBack: { ...soc }, matches }
    }
    case 'maxSoc':
    case 'exportLimit': {
      const s = await api.settingGet(sn, item === 'maxSoc' ? 'MaxSoc' : 'ExportLimit', ctx)
      const want = item === 'maxSoc' ? t.maxSoc! : t.exportLimit!
      return { readBack: s.value, matches: Math.abs(Number(s.value) - want) < 1e-9 }
    }
    case 'forceCharge': {
      const fc = await api.forceChargeGet(sn, ctx)
      return { readBack: fc as unknown as JsonValue, matches: sameForceCharge(fc, t.forceCharge) }
    }
    case 'schedulerGroups': {
      const s = await api.schedulerGet(sn, ctx)
      return { readBack: s.groups as unknown as JsonValue, matches: sameGroups(s.groups, t.scheduler!.groups) }
    }
    case 'schedulerFlag': {
      const f = await api.schedulerFlagGet(sn, ctx)
      return { readBack: f.enabled, matches: f.enabled === t.scheduler!.enabled }
    }
  }
}

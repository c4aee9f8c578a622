/**
 * The Fox ESS cloud open API: every documented endpoint, typed, with the
 * checks the document states made before anything is sent. How each call is
 * signed, paced and read is in open-api-call.ts.
 */
import { z } from 'zod'
import {
  AppError,
  type FoxAccessCount,
  type FoxDevice,
  type FoxDeviceDetail,
  type FoxDeviceTime,
  type FoxForceCharge,
  type FoxGeneration,
  type FoxHistory,
  FoxLimits,
  type FoxModule,
  type FoxPlant,
  type FoxPlantDetail,
  type FoxRealTime,
  type FoxReportDimension,
  type FoxReportSeries,
  type FoxScheduler,
  type FoxSchedulerFlag,
  type FoxSchedulerGroup,
  type FoxSetting,
  type FoxSettingKey,
  type FoxSoc,
} from '@shared/contract'
import { splitSpan, mergeSeries } from '@shared/devices/foxess/time'
import { validateDeviceTime, validateForceCharge, validatePage, validateReportQuery, validateSchedulerGroups, validateSoc } from '@shared/devices/foxess/validation'
import type { CallContext } from './cloud-http'
import { FoxCloudCaller, type PagedList } from './open-api-call'
import * as P from './parse'
import { type PlantBody, type PlantSaveResult, PlantSaveSchema } from './plant-body'

export type { CallContext, FoxExchange } from './cloud-http'
export type { FoxClientOptions, FoxClientState, FoxCredentials, PagedList } from './open-api-call'
export type { PlantBody, PlantSaveResult } from './plant-body'

const AnyResult = z.unknown()
const FULL_LIST_PAGE = 100

/** Every documented endpoint of the open API, typed. */
export class FoxOpenApi extends FoxCloudCaller {
  // ---- plants

  async plantList(currentPage = 1, pageSize = 10, ctx?: CallContext): Promise<PagedList<FoxPlant>> {
    this.check(validatePage(currentPage, pageSize))
    return this.call({ method: 'POST', path: '/op/v0/plant/list', body: { currentPage, pageSize }, schema: P.PageSchema(P.PlantSchema) }, ctx) as Promise<PagedList<FoxPlant>>
  }

  listAllPlants(ctx?: CallContext): Promise<FoxPlant[]> {
    return this.allPages((page) => this.plantList(page, FULL_LIST_PAGE, ctx))
  }

  plantDetail(id: string, ctx?: CallContext): Promise<FoxPlantDetail> {
    return this.call({ method: 'GET', path: '/op/v0/plant/detail', query: { id }, schema: P.PlantDetailSchema(id) }, ctx)
  }

  /** Creates a plant (body as the document describes it); returns the new station ID and each module's errno. */
  plantCreate(body: PlantBody, ctx?: CallContext): Promise<PlantSaveResult> {
    return this.call({ method: 'POST', path: '/op/v0/plant/create', body, schema: PlantSaveSchema }, ctx)
  }

  plantUpdate(body: PlantBody & { details: PlantBody['details'] & { stationID: string } }, ctx?: CallContext): Promise<PlantSaveResult> {
    return this.call({ method: 'POST', path: '/op/v0/plant/update', body, schema: PlantSaveSchema }, ctx)
  }

  async plantDelete(stationID: string, ctx?: CallContext): Promise<void> {
    await this.call({ method: 'POST', path: '/op/v0/plant/delete', body: { stationID }, schema: AnyResult }, ctx)
  }

  // ---- devices

  async deviceList(currentPage = 1, pageSize = 10, ctx?: CallContext): Promise<PagedList<FoxDevice>> {
    this.check(validatePage(currentPage, pageSize))
    return this.call({ method: 'POST', path: '/op/v0/device/list', body: { currentPage, pageSize }, schema: P.PageSchema(P.DeviceSchema) }, ctx) as Promise<PagedList<FoxDevice>>
  }

  listAllDevices(ctx?: CallContext): Promise<FoxDevice[]> {
    return this.allPages((page) => this.deviceList(page, FULL_LIST_PAGE, ctx))
  }

  deviceDetail(sn: string, ctx?: CallContext): Promise<FoxDeviceDetail> {
    return this.call({ method: 'GET', path: '/op/v0/device/detail', query: { sn }, schema: P.DeviceDetailSchema }, ctx)
  }

  variableTable(ctx?: CallContext): Promise<{ key: string; unit: string; names: Record<string, string> }[]> {
    return this.call({ method: 'GET', path: '/op/v0/device/variable/get', schema: P.VariableTableSchema }, ctx)
  }

  faultTable(ctx?: CallContext): Promise<{ code: number; names: Record<string, string> }[]> {
    return this.call({ method: 'GET', path: '/op/v0/device/fault/get', schema: P.FaultTableSchema }, ctx)
  }

  /** v0 real-time: one inverter, or every inverter of the account when `sn` is left out. */
  realTimeV0(sn: string | null, variables?: string[], ctx?: CallContext): Promise<FoxRealTime[]> {
    const body: Record<string, unknown> = {}
    if (sn) body.sn = sn
    if (variables?.length) body.variables = variables
    return this.call({ method: 'POST', path: '/op/v0/device/real/query', body, schema: P.RealTimeSchema }, ctx)
  }

  /** v1 real-time for many inverters: batches of at most 50 serials (the document's limit), one call each. */
  async realTime(sns: string[], variables?: string[], ctx?: CallContext): Promise<FoxRealTime[]> {
    const unique = [...new Set(sns)]
    const out: FoxRealTime[] = []
    for (let i = 0; i < unique.length; i += FoxLimits.realTimeBatchMax) {
      const body: Record<string, unknown> = { sns: unique.slice(i, i + FoxLimits.realTimeBatchMax) }
      if (variables?.length) body.variables = variables
      out.push(...(await this.call({ method: 'POST', path: '/op/v1/device/real/query', body, schema: P.RealTimeSchema }, ctx)))
    }
    return out
  }

  /** History over any span: cut into ≤ 24 h requests (the endpoint's limit), merged per variable. */
  async history(sn: string, variables: string[], begin: number, end: number, ctx?: CallContext): Promise<FoxHistory> {
    if (!(end > begin)) throw new AppError('invalidInput', { field: 'end', reason: 'beforeBegin' })
    const pieces = splitSpan(begin, end)
    const parts = []
    for (const [from, to] of pieces) {
      const body = { sn, variables, begin: from, end: to }
      const answer = await this.call({ method: 'POST', path: '/op/v0/device/history/query', body, schema: P.HistorySchema }, ctx)
      parts.push(answer.find((d) => d.deviceSN === sn)?.datas ?? answer[0]?.datas ?? [])
    }
    return { deviceSN: sn, begin, end, requests: pieces.length, series: mergeSeries(parts, begin, end) }
  }

  /** Energy report by hour of a day, day of a month, or month of a year, in the plant's time zone. */
  async report(q: { sn: string; dimension: FoxReportDimension; year: number; month?: number; day?: number; variables: string[] }, ctx?: CallContext): Promise<FoxReportSeries[]> {
    this.check(validateReportQuery(q))
    const body: Record<string, unknown> = { sn: q.sn, year: q.year, dimension: q.dimension, variables: q.variables }
    if (q.dimension !== 'year') body.month = q.month
    if (q.dimension === 'day') body.day = q.day
    return this.call({ method: 'POST', path: '/op/v0/device/report/query', body, schema: P.ReportSchema }, ctx)
  }

  generation(sn: string, ctx?: CallContext): Promise<FoxGeneration> {
    return this.call({ method: 'GET', path: '/op/v0/device/generation', query: { sn }, schema: P.GenerationSchema }, ctx)
  }

  // ---- battery and settings

  socGet(sn: string, ctx?: CallContext): Promise<FoxSoc> {
    return this.call({ method: 'GET', path: '/op/v0/device/battery/soc/get', query: { sn }, schema: P.SocSchema }, ctx)
  }

  async socSet(sn: string, soc: FoxSoc, ctx?: CallContext): Promise<void> {
    this.check(validateSoc(soc.minSoc, soc.minSocOnGrid))
    await this.call({ method: 'POST', path: '/op/v0/device/battery/soc/set', body: { sn, minSoc: soc.minSoc, minSocOnGrid: soc.minSocOnGrid }, writeSn: sn, schema: AnyResult }, ctx)
  }

  forceChargeGet(sn: string, ctx?: CallContext): Promise<FoxForceCharge> {
    return this.call({ method: 'GET', path: '/op/v0/device/battery/forceChargeTime/get', query: { sn }, schema: P.ForceChargeSchema }, ctx)
  }

  /** Both periods are always sent, as the document requires. */
  async forceChargeSet(sn: string, fc: FoxForceCharge, ctx?: CallContext): Promise<void> {
    this.check(validateForceCharge(fc))
    const body = { sn, enable1: fc.enable1, enable2: fc.enable2, startTime1: fc.startTime1, endTime1: fc.endTime1, startTime2: fc.startTime2, endTime2: fc.endTime2 }
    await this.call({ method: 'POST', path: '/op/v0/device/battery/forceChargeTime/set', body, writeSn: sn, schema: AnyResult }, ctx)
  }

  settingGet(sn: string, key: FoxSettingKey, ctx?: CallContext): Promise<FoxSetting> {
    return this.call({ method: 'POST', path: '/op/v0/device/setting/get', body: { sn, key }, schema: P.SettingSchema(key) }, ctx)
  }

  /** The value travels as a string, as the document's example sends it. */
  async settingSet(sn: string, key: FoxSettingKey, value: string | number, ctx?: CallContext): Promise<void> {
    await this.call({ method: 'POST', path: '/op/v0/device/setting/set', body: { sn, key, value: String(value) }, writeSn: sn, schema: AnyResult }, ctx)
  }

  timeGet(sn: string, ctx?: CallContext): Promise<FoxDeviceTime> {
    return this.call({ method: 'POST', path: '/op/v0/device/time/get', body: { sn }, schema: P.DeviceTimeSchema }, ctx)
  }

  /**
   * Sets the device clock. The document's table lists the fields with their
   * ranges shifted by a row (second 1–12, month 0–59…); the ranges are read in
   * order (year, month 1–12, day 1–31, hour, minute, second), every value as a
   * string, and the year in the form the device reported it (`twoDigitYear`).
   */
  async timeSet(sn: string, t: FoxDeviceTime, ctx?: CallContext): Promise<void> {
    this.check(validateDeviceTime(t))
    const year = t.twoDigitYear ? String(t.year % 100).padStart(2, '0') : String(t.year)
    const body = { sn, year, month: String(t.month), day: String(t.day), hour: String(t.hour), minute: String(t.minute), second: String(t.second) }
    await this.call({ method: 'POST', path: '/op/v0/device/time/set', body, writeSn: sn, schema: AnyResult }, ctx)
  }

  schedulerFlagGet(sn: string, ctx?: CallContext): Promise<FoxSchedulerFlag> {
    return this.call({ method: 'POST', path: '/op/v0/device/scheduler/get/flag', body: { deviceSN: sn }, schema: P.SchedulerFlagSchema }, ctx)
  }

  /**
   * Switches the work-mode schedule on or off. The endpoint table says
   * `/scheduler/set/flag`, the Python sample posts to `/scheduler/set`: the
   * documented path is tried first, and only when the service does not know it
   * (HTTP 404 — nothing was written) the sample's path.
   */
  async schedulerFlagSet(sn: string, enabled: boolean, ctx?: CallContext): Promise<void> {
    const body = { deviceSN: sn, enable: enabled ? 1 : 0 }
    try {
      await this.call({ method: 'POST', path: '/op/v0/device/scheduler/set/flag', body, writeSn: sn, schema: AnyResult }, ctx)
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'foxessServiceError' && err.params.status === 404)) throw err
      await this.call({ method: 'POST', path: '/op/v0/device/scheduler/set', body, writeSn: sn, schema: AnyResult }, ctx)
    }
  }

  schedulerGet(sn: string, ctx?: CallContext): Promise<FoxScheduler> {
    return this.call({ method: 'POST', path: '/op/v0/device/scheduler/get', body: { deviceSN: sn }, schema: P.SchedulerSchema }, ctx)
  }

  /** Sets the schedule's groups (`scheduler/enable` in the document). */
  async schedulerSet(sn: string, groups: FoxSchedulerGroup[], ctx?: CallContext): Promise<void> {
    this.check(validateSchedulerGroups(groups))
    await this.call({ method: 'POST', path: '/op/v0/device/scheduler/enable', body: { deviceSN: sn, groups }, writeSn: sn, schema: AnyResult }, ctx)
  }

  // ---- data loggers and the account

  async moduleList(currentPage = 1, pageSize = 10, ctx?: CallContext): Promise<PagedList<FoxModule>> {
    this.check(validatePage(currentPage, pageSize, FoxLimits.modulePageSizeMax))
    return this.call({ method: 'POST', path: '/op/v0/module/list', body: { currentPage, pageSize }, schema: P.ModuleListSchema }, ctx) as Promise<PagedList<FoxModule>>
  }

  listAllModules(ctx?: CallContext): Promise<FoxModule[]> {
    return this.allPages((page) => this.moduleList(page, FULL_LIST_PAGE, ctx))
  }

  /** The account's call budget. This call is itself counted by the service. */
  accessCount(ctx?: CallContext): Promise<FoxAccessCount> {
    return this.call({ method: 'GET', path: '/op/v0/user/getAccessCount', schema: P.AccessCountSchema }, ctx)
  }
}

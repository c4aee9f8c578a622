/**
 * The one contract between main and renderer: for every named method, the
 * zod schema main parses its payload with and the result type; for every
 * event, its payload type. Channel names live in `channels.ts`. The preload
 * and the browser-mode bridge both expose exactly these methods, nothing
 * generic.
 */
import type { z } from 'zod'
import type {
  AnyEventChannel,
  coreEventMethods,
  coreInvokeMethods,
  EventMethod,
  eventMethods,
  InvokeChannelName,
  InvokeMethod,
} from './channels'
import type { CabinetFrames, CabinetRun, CabinetSamples, CabinetSimState } from './cabinet/cabinet'
import { cabinetInvokeOps } from './cabinet/cabinet.schemas'
import { disjoint } from './disjoint'
import type { InvokeResult } from './errors'
import type { EvseEventPayloads } from './evse/evse'
import { evseInvokeOps } from './evse/evse.schemas'
import type { EvseSiteEventPayloads } from './evse/evse-site'
import { evseSiteInvokeOps } from './evse/evse-site.schemas'
import type { EvseServiceEventPayloads } from './evse/evse-service'
import { evseServiceInvokeOps } from './evse/evse-service.schemas'
import type { EvseSetupEventPayloads } from './evse/setup'
import { evseSetupInvokeOps } from './evse/setup.schemas'
import type { UpsMonitorEventPayloads } from './ups/monitor'
import { upsMonitorInvokeOps } from './ups/monitor.schemas'
import type { UpsTestRun } from './ups/acceptance'
import { upsTestInvokeOps } from './ups/acceptance.schemas'
import type { FoxessEventPayloads } from './foxess/foxess'
import { foxessInvokeOps } from './foxess/foxess.schemas'
import { type InvokeOp, noInput, op } from './invoke-op'
import type { JobUpdate, OpenJob } from './jobs'
import type { PortInfo, PortStateEvent, TrafficBatch, TrafficEntry } from './ports'
import type { ExportedFile, RecordDetail, RecordSummary } from './records'
import type { UpsFilesEventPayloads } from './ups/ups-files'
import { upsFilesInvokeOps } from './ups/ups-files.schemas'
import {
  JobRecordSchema,
  LinkCheckStartSchema,
  OpenExternalSchema,
  PortPathInputSchema,
  RecordExportSchema,
  RecordIdSchema,
  RecordSearchSchema,
  SecretNameSchema,
  SecretSetSchema,
  SettingsPatchSchema,
  SimulatorIdSchema,
  TerminalOpenSchema,
  TerminalSendSchema,
  TrafficExportSchema,
  TrafficQuerySchema,
} from './schemas'
import type { Settings } from './settings'
import type { AppInfo, SecretStatus, SimulatorInfo } from './system'

export type { InvokeOp } from './invoke-op'

/** The shell's own operations; device modules add theirs (see `contract/<device>.schemas.ts`). */
export const coreInvokeOps = {
  getAppInfo: op<AppInfo>()(noInput),
  openExternal: op<void>()(OpenExternalSchema),
  exportDiagnostics: op<ExportedFile>()(noInput),
  getSettings: op<Settings>()(noInput),
  updateSettings: op<Settings>()(SettingsPatchSchema),
  listSecrets: op<SecretStatus[]>()(noInput),
  setSecret: op<SecretStatus>()(SecretSetSchema),
  deleteSecret: op<SecretStatus>()(SecretNameSchema),
  listPorts: op<PortInfo[]>()(noInput),
  addManualPort: op<PortInfo[]>()(PortPathInputSchema),
  removeManualPort: op<PortInfo[]>()(PortPathInputSchema),
  openTerminal: op<void>()(TerminalOpenSchema),
  closeTerminal: op<void>()(PortPathInputSchema),
  sendTerminal: op<{ bytes: number }>()(TerminalSendSchema),
  getTraffic: op<{ entries: TrafficEntry[]; dropped: number }>()(TrafficQuerySchema),
  exportTraffic: op<ExportedFile>()(TrafficExportSchema),
  listSimulators: op<SimulatorInfo[]>()(noInput),
  unplugSimulator: op<SimulatorInfo[]>()(SimulatorIdSchema),
  plugSimulator: op<SimulatorInfo[]>()(SimulatorIdSchema),
  startDemo: op<SimulatorInfo[]>()(noInput),
  stopDemo: op<SimulatorInfo[]>()(noInput),
  searchRecords: op<{ records: RecordSummary[]; total: number }>()(RecordSearchSchema),
  getRecord: op<RecordDetail>()(RecordIdSchema),
  exportRecord: op<ExportedFile>()(RecordExportSchema),
  listInterruptedRecords: op<RecordSummary[]>()(noInput),
  abortRecord: op<RecordSummary>()(RecordIdSchema),
  listJobs: op<JobUpdate[]>()(noInput),
  listOpenJobs: op<OpenJob[]>()(noInput),
  resumeJob: op<JobUpdate>()(JobRecordSchema),
  cancelJob: op<void>()(JobRecordSchema),
  startLinkCheck: op<JobUpdate>()(LinkCheckStartSchema),
} as const satisfies { [M in keyof typeof coreInvokeMethods]: InvokeOp<z.ZodType, unknown> }

/** Every operation's schema and result type. */
export const invokeOps = disjoint(disjoint(disjoint(disjoint(disjoint(disjoint(disjoint(disjoint(disjoint(coreInvokeOps, cabinetInvokeOps), foxessInvokeOps), evseInvokeOps), evseSiteInvokeOps), upsFilesInvokeOps), evseServiceInvokeOps), evseSetupInvokeOps), upsMonitorInvokeOps), upsTestInvokeOps) satisfies { [M in InvokeMethod]: InvokeOp<z.ZodType, unknown> }

/** Payload of each of the shell's events. */
export interface CoreEventPayloads {
  onPortsChanged: PortInfo[]
  onPortState: PortStateEvent
  onTerminalTraffic: TrafficBatch
  onJobUpdate: JobUpdate
  onJobsChanged: OpenJob[]
  onRecordsChanged: { id: number }
  onSettingsChanged: Settings
}

export interface CabinetEventPayloads {
  onCabinetRun: CabinetRun
  onCabinetSamples: CabinetSamples
  onCabinetFrames: CabinetFrames
  onCabinetSim: CabinetSimState
}

/** Payload of every event: device modules extend this interface with theirs. */
export type EventPayloads = CoreEventPayloads & CabinetEventPayloads & FoxessEventPayloads & EvseEventPayloads & EvseSiteEventPayloads & UpsFilesEventPayloads & EvseServiceEventPayloads & EvseSetupEventPayloads & UpsMonitorEventPayloads & { onUpsTestRun: UpsTestRun }

// the shell's event map and its payloads describe the same events
const coreEventsHavePayloads: Exclude<keyof typeof coreEventMethods, keyof CoreEventPayloads> extends never ? true : false = true
void coreEventsHavePayloads

// compile-time completeness: every shell channel has a method, every event method a payload type
type Missing<A, B> = Exclude<A, B>
const everyInvokeChannelHasAMethod: Missing<InvokeChannelName, (typeof coreInvokeMethods)[keyof typeof coreInvokeMethods]> extends never ? true : false = true
const everyEventHasAPayload: Missing<EventMethod, keyof EventPayloads> extends never ? true : false = true
void everyInvokeChannelHasAMethod
void everyEventHasAPayload

export type InvokeOps = typeof invokeOps
export type InvokeInput<M extends InvokeMethod> = z.input<InvokeOps[M]['input']>
export type InvokeParsed<M extends InvokeMethod> = z.output<InvokeOps[M]['input']>
export type InvokeOutput<M extends InvokeMethod> = Exclude<InvokeOps[M]['output'], undefined>
export type EventPayload<E extends EventMethod> = EventPayloads[E]
export type EventPayloadByChannel<C extends AnyEventChannel> = {
  [E in EventMethod]: (typeof eventMethods)[E] extends C ? EventPayloads[E] : never
}[EventMethod]

type InvokeArgs<M extends InvokeMethod> = undefined extends InvokeInput<M> ? [] : [input: InvokeInput<M>]
export type Unsubscribe = () => void

/** What the preload (Electron) or the WebSocket client (browser mode) exposes. */
export type BridgeApi = {
  readonly [M in InvokeMethod]: (...args: InvokeArgs<M>) => Promise<InvokeResult<InvokeOutput<M>>>
} & {
  readonly [E in EventMethod]: (listener: (payload: EventPayloads[E]) => void) => Unsubscribe
}

/** The renderer's view after unwrapping results: rejects with an AppError. */
export type FieldbenchApi = {
  readonly [M in InvokeMethod]: (...args: InvokeArgs<M>) => Promise<InvokeOutput<M>>
} & {
  readonly [E in EventMethod]: (listener: (payload: EventPayloads[E]) => void) => Unsubscribe
}

declare global {
  interface Window {
    /** set by the preload in Electron; absent in browser mode */
    readonly fieldbench?: BridgeApi
  }
}

/**
 * Channel names, `domain:action`, grouped by direction, and which named
 * method carries each. zod-free on purpose: the preload and the renderer need
 * these at runtime, and nothing else from the contract but types.
 */

import { cabinetEventMethods, cabinetInvokeMethods } from './cabinet/cabinet'
import { disjoint } from './disjoint'
import { evseEventMethods, evseInvokeMethods } from './evse/evse'
import { evseSiteEventMethods, evseSiteInvokeMethods } from './evse/evse-site'
import { evseServiceEventMethods, evseServiceInvokeMethods } from './evse/evse-service'
import { evseSetupEventMethods, evseSetupInvokeMethods } from './evse/setup'
import { upsMonitorEventMethods, upsMonitorInvokeMethods } from './ups/monitor'
import { upsTestEventMethods, upsTestInvokeMethods } from './ups/acceptance'
import { foxessEventMethods, foxessInvokeMethods } from './foxess/foxess'
import { upsFilesEventMethods, upsFilesInvokeMethods } from './ups/ups-files'

/** renderer → main: request and response */
export const InvokeChannel = {
  appInfo: 'app:info',
  appOpenExternal: 'app:openExternal',
  diagnosticsExport: 'diagnostics:export',
  settingsGet: 'settings:get',
  settingsUpdate: 'settings:update',
  secretsList: 'secrets:list',
  secretsSet: 'secrets:set',
  secretsDelete: 'secrets:delete',
  portsList: 'ports:list',
  portsAddManual: 'ports:addManual',
  portsRemoveManual: 'ports:removeManual',
  terminalOpen: 'terminal:open',
  terminalClose: 'terminal:close',
  terminalSend: 'terminal:send',
  trafficGet: 'traffic:get',
  trafficExport: 'traffic:export',
  simulatorsList: 'simulators:list',
  simulatorsUnplug: 'simulators:unplug',
  simulatorsPlug: 'simulators:plug',
  demoStart: 'demo:start',
  demoStop: 'demo:stop',
  recordsSearch: 'records:search',
  recordsGet: 'records:get',
  recordsExport: 'records:export',
  recordsListInterrupted: 'records:listInterrupted',
  recordsAbort: 'records:abort',
  jobsList: 'jobs:list',
  jobsListOpen: 'jobs:listOpen',
  jobsResume: 'jobs:resume',
  jobsCancel: 'jobs:cancel',
  linkCheckStart: 'linkCheck:start',
} as const

/** main → renderer: pushed events */
export const EventChannel = {
  portsChanged: 'ports:changed',
  portState: 'port:state',
  terminalTraffic: 'terminal:traffic',
  jobUpdate: 'job:update',
  jobsChanged: 'jobs:changed',
  recordsChanged: 'records:changed',
  settingsChanged: 'settings:changed',
} as const

export type InvokeChannelName = (typeof InvokeChannel)[keyof typeof InvokeChannel]
export type EventChannelName = (typeof EventChannel)[keyof typeof EventChannel]

/** One named method per invoke channel (the names the renderer calls): the shell's own operations. */
export const coreInvokeMethods = {
  getAppInfo: InvokeChannel.appInfo,
  openExternal: InvokeChannel.appOpenExternal,
  exportDiagnostics: InvokeChannel.diagnosticsExport,
  getSettings: InvokeChannel.settingsGet,
  updateSettings: InvokeChannel.settingsUpdate,
  listSecrets: InvokeChannel.secretsList,
  setSecret: InvokeChannel.secretsSet,
  deleteSecret: InvokeChannel.secretsDelete,
  listPorts: InvokeChannel.portsList,
  addManualPort: InvokeChannel.portsAddManual,
  removeManualPort: InvokeChannel.portsRemoveManual,
  openTerminal: InvokeChannel.terminalOpen,
  closeTerminal: InvokeChannel.terminalClose,
  sendTerminal: InvokeChannel.terminalSend,
  getTraffic: InvokeChannel.trafficGet,
  exportTraffic: InvokeChannel.trafficExport,
  listSimulators: InvokeChannel.simulatorsList,
  unplugSimulator: InvokeChannel.simulatorsUnplug,
  plugSimulator: InvokeChannel.simulatorsPlug,
  startDemo: InvokeChannel.demoStart,
  stopDemo: InvokeChannel.demoStop,
  searchRecords: InvokeChannel.recordsSearch,
  getRecord: InvokeChannel.recordsGet,
  exportRecord: InvokeChannel.recordsExport,
  listInterruptedRecords: InvokeChannel.recordsListInterrupted,
  abortRecord: InvokeChannel.recordsAbort,
  listJobs: InvokeChannel.jobsList,
  listOpenJobs: InvokeChannel.jobsListOpen,
  resumeJob: InvokeChannel.jobsResume,
  cancelJob: InvokeChannel.jobsCancel,
  startLinkCheck: InvokeChannel.linkCheckStart,
} as const satisfies Record<string, InvokeChannelName>

/** One subscribe method per event channel: the shell's own events. */
export const coreEventMethods = {
  onPortsChanged: EventChannel.portsChanged,
  onPortState: EventChannel.portState,
  onTerminalTraffic: EventChannel.terminalTraffic,
  onJobUpdate: EventChannel.jobUpdate,
  onJobsChanged: EventChannel.jobsChanged,
  onRecordsChanged: EventChannel.recordsChanged,
  onSettingsChanged: EventChannel.settingsChanged,
} as const satisfies Record<string, EventChannelName>

/**
 * Every operation of the app. A device module adds its own map (methods named
 * with the device's prefix, channels `<device>:<action>`, declared in
 * `contract/<device>.ts`) with one more `disjoint`: a name declared twice does
 * not compile.
 */
export const invokeMethods = disjoint(disjoint(disjoint(disjoint(disjoint(disjoint(disjoint(disjoint(disjoint(coreInvokeMethods, cabinetInvokeMethods), foxessInvokeMethods), evseInvokeMethods), evseSiteInvokeMethods), upsFilesInvokeMethods), evseServiceInvokeMethods), evseSetupInvokeMethods), upsMonitorInvokeMethods), upsTestInvokeMethods)

export const eventMethods = disjoint(disjoint(disjoint(disjoint(disjoint(disjoint(disjoint(disjoint(disjoint(coreEventMethods, cabinetEventMethods), foxessEventMethods), evseEventMethods), evseSiteEventMethods), upsFilesEventMethods), evseServiceEventMethods), evseSetupEventMethods), upsMonitorEventMethods), upsTestEventMethods)

export type InvokeMethod = keyof typeof invokeMethods
export type EventMethod = keyof typeof eventMethods
export type AnyInvokeChannel = (typeof invokeMethods)[InvokeMethod]
export type AnyEventChannel = (typeof eventMethods)[EventMethod]

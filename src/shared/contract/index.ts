/**
 * Runtime-light entry: constants, types, channel maps, errors. Schemas and
 * `invokeOps` (zod) are imported from `./schemas` and `./api` by main only;
 * the renderer takes their types with `import type`.
 */
export * from './cabinet/cabinet'
export * from './channels'
export * from './errors'
export * from './evse/evse'
export * from './evse/evse-site'
export * from './evse/evse-service'
export * from './evse/setup'
export * from './foxess/foxess'
export * from './jobs'
export * from './ports'
export * from './records'
export * from './settings'
export * from './system'
export * from './ups/monitor'
export * from './ups/ups-files'
export type * from './api'
export type { LinkCheckInput, LinkCheckStart, RecordExport, RecordSearch } from './schemas'
export type { CabinetConfirm, CabinetSimActionInput, CabinetTerminalSend, CabinetTestStart } from './cabinet/cabinet.schemas'
export type { CommissioningAnswer, CommissioningStart, CtAnswer, CtStart, FoxConfigPatch } from './foxess/foxess.schemas'
export type { EvseLiveStart, EvseToggle, EvseWriteConfig } from './evse/evse.schemas'
export type { EvseDemoControl, EvseScan, EvseSiteApply, EvseTemplateSave } from './evse/evse-site.schemas'
export type { UpsFilesSave, UpsFilesUpload } from './ups/ups-files.schemas'
export type { EvseServiceStart } from './evse/evse-service.schemas'
export type { EvseSetupAnswer, EvseSetupStart } from './evse/setup.schemas'

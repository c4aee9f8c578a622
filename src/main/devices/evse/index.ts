export { EvseClient, type EvseClientOptions, type EvseEndpoint, type Read } from './client'
export { type ConfigWriteResult, type FieldOutcome, type NotAppliedReason, writeConfig } from './config-write'
export { otaRequest, type OtaResult, postServiceCode, runServiceCode, SCODE_KEYS, type ServiceCode, ServiceCodes, type ServiceEffect, type ServiceResult, waitForEffect } from './service'
export { CONFIRM_DEADLINE_MS, setPowerAvailable, toggle, type ToggleAction, type ToggleResult } from './toggles'

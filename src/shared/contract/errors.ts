/**
 * Errors cross the main/renderer boundary as `{ code, params }`; the renderer
 * localizes them with the `errors` namespace (key = code). Raw `Error`
 * objects lose everything but `message` on the way, so they never cross.
 */
export const ErrorCodes = [
  'invalidInput',
  'noteRequired',
  'forbiddenSender',
  'internal',
  'timeout',
  'notFound',
  'portNotFound',
  'portBusy',
  'portOpenFailed',
  'portNotOpen',
  'portDisconnected',
  'portWriteFailed',
  'portNotSerial',
  'ptyPathUnsafe',
  'recordNotFound',
  'recordClosed',
  'secretUnavailable',
  'secretFilePermissions',
  'simulatorUnknown',
  'jobAlreadyRunning',
  'jobNotRunning',
  'jobDeviceBusy',
  'jobDeviceSuspended',
  'pdfUnavailable',
  'externalLinkRefused',
  'externalLinkUnsafe',
  'cabinetProfileNotJson',
  'cabinetProfileWrongFormat',
  'cabinetProfileInvalid',
  'cabinetProfileBand',
  'cabinetFrameInvalid',
  'cabinetFrameCrc',
  'cabinetNotAwaiting',
  'cabinetNothingToRetest',
  'cabinetSimulatorOff',
  'cabinetShiftInvalid',
  'terminalNotHex',
  'httpUnreachable',
  'httpTimeout',
  'httpStatus',
  'httpNotJson',
  'httpTooLarge',
  'httpCutOff',
  'foxessKeyRejected',
  'foxessRequestRejected',
  'foxessRateLimited',
  'foxessBudgetExhausted',
  'foxessServiceError',
  'foxessUnreachable',
  'foxessTimeout',
  'foxessDeviceOffline',
  'foxessScheduleActive',
  'foxessErrno',
  'foxessBadAnswer',
  'foxessAnswerTooLong',
  'foxessInvalidSetting',
  'foxessNotSupported',
  'ctNotConfigured',
  'foxessApiKeyMissing',
  'ctTokenMissing',
  'foxessLiveOverBudget',
  'ctTokenRejected',
  'ctServiceError',
  'ctStartRefused',
  'upsFileUnreadable',
  'upsFramingNotJson',
  'upsFramingInvalid',
  'upsEditRefused',
  'upsNotEncodable',
  'upsFilePathNotAbsolute',
  'upsFileNotIni',
  'upsFileNotRegular',
  'upsFileTooLarge',
  'upsNotProtocolFile',
  'upsDocumentGone',
  'upsNoFileDialog',
  'upsNoAnswer',
  'upsSimulatorOff',
  'upsNothingToRead',
  'upsFilePlaceholder',
  'upsFileChanged',
  'upsCaptureUnknownCommand',
  'evseUnreachable',
  'evseTimeout',
  'evseHttpError',
  'evseNotJson',
  'evseBadAnswer',
  'evseCutOff',
  'evseScanEmpty',
  'evseScanBadPart',
  'evseScanBackwards',
  'evseScanPrefixTooShort',
  'evseScanTooMany',
  'evseScanTooLong',
  'evseDemoNotLoopback',
  'evseTemplateUnknown',
  'evseTemplateFull',
  'evseDemoOnly',
  'evseNotSimulated',
  'evseInvalidSetting',
  'evseNoBackup',
  'simulatorAddressInUse',
] as const

export type ErrorCode = (typeof ErrorCodes)[number]

export type ErrorParams = Record<string, string | number | boolean>

export interface AppErrorPayload {
  code: ErrorCode
  params?: ErrorParams
}

export class AppError extends Error {
  readonly code: ErrorCode
  readonly params: ErrorParams

  constructor(code: ErrorCode, params: ErrorParams = {}, options?: { cause?: unknown }) {
    super(`${code}${Object.keys(params).length ? ` ${JSON.stringify(params)}` : ''}`, options)
    this.name = 'AppError'
    this.code = code
    this.params = params
  }

  toPayload(): AppErrorPayload {
    return Object.keys(this.params).length ? { code: this.code, params: this.params } : { code: this.code }
  }

  static fromPayload(payload: AppErrorPayload): AppError {
    return new AppError(payload.code, payload.params ?? {})
  }
}

/**
 * The app's own connection settings are missing or wrong: the device was never
 * asked, so a job refuses to start, or stops, rather than record a device FAIL.
 */
export const SettingsErrorCodes: readonly ErrorCode[] = ['secretUnavailable', 'foxessApiKeyMissing', 'foxessKeyRejected', 'ctNotConfigured', 'ctTokenMissing', 'ctTokenRejected']

export function isSettingsError(err: unknown): err is AppError {
  return err instanceof AppError && SettingsErrorCodes.includes(err.code)
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ErrorCodes as readonly string[]).includes(value)
}

/** What every invoke answers with, on either transport. */
export type InvokeResult<T> = { ok: true; value: T } | { ok: false; error: AppErrorPayload }

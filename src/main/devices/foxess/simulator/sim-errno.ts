/** The service's errors as the simulator answers them: an errno in the body, with the service's own message. */
import type { SimReply } from '../../../simulators/http'
import { ERRNO } from '../errno'

export class SimErrno extends Error {
  constructor(
    readonly errno: number,
    message: string,
    readonly status = 200,
  ) {
    super(message)
  }
}

export const MESSAGES: Record<number, string> = {
  [ERRNO.headers]: 'The request header parameters are missing. Please check whether the request headers are consistent with the document requirements.',
  [ERRNO.body]: 'The request body parameters are invalid. Please check whether the request body is consistent with the document requirements.',
  [ERRNO.tooFrequent]: 'The number of requests is too frequent. Please reduce the frequency of access.',
  [ERRNO.budget]: 'The number of calls today has reached the limit.',
  [ERRNO.keyUnknown]: 'Invalid token.',
  [ERRNO.keyExpired]: 'Token has expired.',
  [ERRNO.keyInvalid]: 'Token is invalid.',
  [ERRNO.offline]: 'Device offline.',
  [ERRNO.scheduleActive]: 'Unsupported function code.',
}

export const fail = (errno: number, detail?: string): never => {
  throw new SimErrno(errno, detail ? `${MESSAGES[errno] ?? 'error'} (${detail})` : (MESSAGES[errno] ?? 'error'))
}

/** The service's answer to a refused call: HTTP 200 (or the status given) with the errno in the body. */
export function errnoReply(err: unknown): SimReply | null {
  if (!(err instanceof SimErrno)) return null
  return { status: err.status, body: { errno: err.errno, msg: err.message, result: null }, tag: err.errno }
}

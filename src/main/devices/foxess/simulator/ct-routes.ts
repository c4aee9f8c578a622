/**
 * The simulated CT detection API: the three actions in the document's
 * envelope `{ errorCode, info, body, successful }`, with the vendor's
 * spelling of the status path.
 */
import type { SimReply, SimRequest } from '../../../simulators/http'
import type { FoxCloudState } from './state'

export interface CtRoute {
  method: 'GET' | 'POST'
  path: string
  handle(req: SimRequest): SimReply
}

const DEVICE_NOT_FOUND = 10004

export function ctEnvelope(status: number, errorCode: number, body: unknown, info: string | null = null): SimReply {
  return { status, body: { errorCode, info, body, successful: errorCode === 0 }, tag: errorCode }
}

export function ctRoutes(cloud: FoxCloudState): CtRoute[] {
  const find = (sn: unknown) => (typeof sn === 'string' ? cloud.devices.get(sn) : undefined)
  const notFound = () => ctEnvelope(200, DEVICE_NOT_FOUND, null, 'device not found')
  return [
    {
      method: 'GET',
      path: '/device/getInerterBMSMeterStatus',
      handle: (req) => {
        const d = find(req.query.get('sn'))
        return d ? ctEnvelope(200, 0, d.ct.status(cloud.clock.now())) : notFound()
      },
    },
    {
      method: 'POST',
      path: '/device/startCheck',
      handle: (req) => {
        const d = find((req.json() as { deviceSn?: unknown } | undefined)?.deviceSn)
        return d ? ctEnvelope(200, 0, d.ct.start(cloud.clock.now())) : notFound()
      },
    },
    {
      method: 'GET',
      path: '/device/getCheckResult',
      handle: (req) => {
        const d = find(req.query.get('sn'))
        return d ? ctEnvelope(200, 0, d.ct.result(cloud.clock.now())) : notFound()
      },
    },
  ]
}

import {
  AppError,
  type BridgeApi,
  type EventMethod,
  eventMethods,
  type FieldbenchApi,
  type InvokeMethod,
  type InvokeResult,
  invokeMethods,
} from '@shared/contract'
import { type BridgeStatus, connectWebBridge } from './ws-client'

let current: FieldbenchApi | null = null

/** Results come back as `{ ok, value | error }` on both transports; here they become values or AppErrors. */
function unwrap(bridge: BridgeApi): FieldbenchApi {
  const api: Record<string, unknown> = {}
  const raw = bridge as unknown as Record<string, (...args: unknown[]) => unknown>
  for (const method of Object.keys(invokeMethods) as InvokeMethod[]) {
    api[method] = async (...args: unknown[]) => {
      const result = (await raw[method]!(...args)) as InvokeResult<unknown>
      if (result.ok) return result.value
      throw AppError.fromPayload(result.error)
    }
  }
  for (const method of Object.keys(eventMethods) as EventMethod[]) api[method] = raw[method]
  return api as FieldbenchApi
}

/** Electron's preload when present, else the browser-mode WebSocket: the rest of the renderer cannot tell which. */
export async function connectApi(onStatus: (status: BridgeStatus) => void): Promise<FieldbenchApi> {
  const bridge = window.fieldbench ?? (await connectWebBridge(onStatus))
  if (window.fieldbench) onStatus('open')
  current = unwrap(bridge)
  return current
}

export function api(): FieldbenchApi {
  if (!current) throw new Error('api used before connectApi')
  return current
}

export type { BridgeStatus }

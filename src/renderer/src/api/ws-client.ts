import {
  type BridgeApi,
  type EventMethod,
  eventMethods,
  type InvokeMethod,
  type InvokeResult,
  invokeMethods,
} from '@shared/contract'

const TOKEN_KEY = 'fieldbench.token'

type ServerMessage =
  | { t: 'ready' }
  | { t: 'result'; id: number; result: InvokeResult<unknown> }
  | { t: 'event'; channel: string; payload: unknown }

export type BridgeStatus = 'connecting' | 'open' | 'lost' | 'unauthorized'

/** The per-launch token comes in the URL fragment (never sent to a server), then lives in this tab only. */
function takeToken(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash)
  if (match) {
    const token = decodeURIComponent(match[1]!)
    sessionStorage.setItem(TOKEN_KEY, token)
    history.replaceState(null, '', window.location.pathname + window.location.search)
    return token
  }
  return sessionStorage.getItem(TOKEN_KEY)
}

/**
 * Browser mode's side of the bridge: the same named methods the preload
 * exposes, carried over a WebSocket to the same core.
 */
export async function connectWebBridge(onStatus: (status: BridgeStatus) => void): Promise<BridgeApi> {
  const token = takeToken()
  if (!token) {
    onStatus('unauthorized')
    throw new Error('unauthorized')
  }
  let ws: WebSocket
  let nextId = 1
  const pending = new Map<number, (result: InvokeResult<unknown>) => void>()
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  let ready: Promise<void>

  const connect = () => {
    onStatus('connecting')
    ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/bridge`)
    ready = new Promise<void>((resolve, reject) => {
      ws.addEventListener('open', () => ws.send(JSON.stringify({ t: 'hello', token })))
      ws.addEventListener('message', (event) => {
        const message = JSON.parse(String(event.data)) as ServerMessage
        if (message.t === 'ready') {
          onStatus('open')
          resolve()
        } else if (message.t === 'result') {
          pending.get(message.id)?.(message.result)
          pending.delete(message.id)
        } else if (message.t === 'event') {
          for (const listener of listeners.get(message.channel) ?? []) listener(message.payload)
        }
      })
      ws.addEventListener('close', (event) => {
        for (const resolvePending of pending.values()) resolvePending({ ok: false, error: { code: 'timeout', params: { reason: 'bridgeClosed' } } })
        pending.clear()
        if (event.code === 4401) {
          onStatus('unauthorized')
          reject(new Error('unauthorized'))
          return
        }
        onStatus('lost')
        reject(new Error('closed'))
        // the same server may come back (a restart keeps no token, so this only helps a network blip)
        setTimeout(connect, 2000)
      })
    })
    ready.catch(() => undefined)
  }
  connect()
  await ready!

  const api: Record<string, unknown> = {}
  for (const method of Object.keys(invokeMethods) as InvokeMethod[]) {
    api[method] = async (payload?: unknown) => {
      await ready
      const id = nextId++
      return new Promise<InvokeResult<unknown>>((resolve) => {
        pending.set(id, resolve)
        ws.send(JSON.stringify({ t: 'call', id, method, payload }))
      })
    }
  }
  for (const method of Object.keys(eventMethods) as EventMethod[]) {
    const channel = eventMethods[method]
    api[method] = (listener: (payload: unknown) => void) => {
      let set = listeners.get(channel)
      if (!set) listeners.set(channel, (set = new Set()))
      set.add(listener)
      return () => {
        set.delete(listener)
      }
    }
  }
  return Object.freeze(api) as BridgeApi
}

/**
 * The preload: bundled into one CommonJS file so the sandbox stays on. It
 * exposes exactly one object, `window.fieldbench`, with one named method per
 * contract operation and one subscribe per event, nothing generic: no
 * `ipcRenderer`, no channel names, no `process`.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { type BridgeApi, type EventMethod, eventMethods, type InvokeMethod, invokeMethods } from '@shared/contract'

const api: Record<string, unknown> = {}

for (const method of Object.keys(invokeMethods) as InvokeMethod[]) {
  const channel = invokeMethods[method]
  api[method] = (input?: unknown) => ipcRenderer.invoke(channel, input)
}

for (const method of Object.keys(eventMethods) as EventMethod[]) {
  const channel = eventMethods[method]
  api[method] = (listener: (payload: unknown) => void) => {
    // only the payload crosses, never the IPC event
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload)
    ipcRenderer.on(channel, wrapped)
    return () => {
      ipcRenderer.removeListener(channel, wrapped)
    }
  }
}

contextBridge.exposeInMainWorld('fieldbench', Object.freeze(api) as BridgeApi)

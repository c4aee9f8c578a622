import { BrowserWindow, ipcMain } from 'electron'
import { type InvokeMethod, invokeMethods } from '@shared/contract'
import type { Core } from '../core/core'
import { dispatch } from '../core/dispatch'
import { isTrustedSender } from '../shell/policy'

/**
 * The only place `ipcMain` is used: one handler per contract operation. The
 * sender frame is checked before the payload is even parsed.
 */
export function registerIpc(core: Core, devServerUrl?: string): () => void {
  const log = core.log.child('ipc')
  const channels: string[] = []
  for (const method of Object.keys(invokeMethods) as InvokeMethod[]) {
    const channel = invokeMethods[method]
    channels.push(channel)
    ipcMain.handle(channel, async (event, payload: unknown) => {
      if (!isTrustedSender(event.senderFrame, devServerUrl)) {
        log.warn('ipc.forbiddenSender', { channel, url: event.senderFrame?.url ?? '' })
        return { ok: false, error: { code: 'forbiddenSender' } }
      }
      return dispatch(core.handlers, method, payload, log)
    })
  }
  const detach = core.bus.attach((channel, payload) => {
    for (const win of BrowserWindow.getAllWindows()) {
      if (!win.isDestroyed()) win.webContents.send(channel, payload)
    }
  })
  return () => {
    detach()
    for (const channel of channels) ipcMain.removeHandler(channel)
  }
}

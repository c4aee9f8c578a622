import { app, type Session, session, type WebContents } from 'electron'
import type { Logger } from '../log/logger'
import { allowNavigation, permissionDecision, windowOpenDecision } from './policy'

/** Applies the security policy to every session and every web contents the app ever creates. */
export function hardenApp(log: Logger, devServerUrl?: string): void {
  const hardenSession = (ses: Session) => {
    ses.setPermissionRequestHandler((_wc, permission, callback) => {
      log.warn('security.permissionDenied', { permission })
      callback(permissionDecision(permission))
    })
    ses.setPermissionCheckHandler((_wc, permission) => permissionDecision(permission))
    ses.setDevicePermissionHandler(() => false)
  }
  hardenSession(session.defaultSession)
  app.on('session-created', hardenSession)

  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!allowNavigation(url, devServerUrl)) {
        event.preventDefault()
        log.warn('security.navigationDenied', { url: url.slice(0, 200) })
      }
    })
    contents.on('will-redirect', (event, url) => {
      if (!allowNavigation(url, devServerUrl)) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(({ url }) => {
      log.warn('security.windowOpenDenied', { url: url.slice(0, 200) })
      return windowOpenDecision()
    })
  })
}

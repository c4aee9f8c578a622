import { sep } from 'node:path'

/**
 * The Electron security policy as plain functions, so each rule is unit-tested
 * without launching Electron; `harden.ts` wires them to the real objects.
 */

export const APP_SCHEME = 'app'
export const APP_HOST = 'fieldbench'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

/** Strict CSP for the renderer: only our own scripts and styles, no eval, no inline script, no plugins, no frames. */
export function contentSecurityPolicy(options: { connect?: string[] } = {}): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${options.connect?.length ? ` ${options.connect.join(' ')}` : ''}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'none'",
    "manifest-src 'none'",
  ].join('; ')
}

/** The only preferences a Fieldbench window is created with. */
export function secureWebPreferences(preload: string) {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
  } as const
}

/** Where the app's own pages live: the packaged `app://fieldbench` origin, or the dev server in development. */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true
  if (devServerUrl) {
    const dev = new URL(devServerUrl)
    return parsed.origin === dev.origin
  }
  return false
}

/** Navigation away from the app is always refused (links go through the vetted opener instead). */
export function allowNavigation(targetUrl: string, devServerUrl?: string): boolean {
  return isAppUrl(targetUrl, devServerUrl)
}

/** `window.open` and target=_blank: always denied. */
export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' }
}

/** Camera, microphone, geolocation, notifications, HID, serial from the page…: all refused. */
export function permissionDecision(_permission: string): boolean {
  return false
}

/**
 * An IPC message is accepted only from the main frame of one of our windows
 * showing our own page: not from a subframe, not after a navigation elsewhere.
 */
export function isTrustedSender(
  frame: { url: string; parent: unknown | null } | null | undefined,
  devServerUrl?: string,
): boolean {
  if (!frame) return false
  if (frame.parent !== null) return false
  return isAppUrl(frame.url, devServerUrl)
}

/**
 * Whether a normalized `file` lies inside the normalized folder `root`. A bare
 * prefix test would let `/app/renderer-evil/x` pass for `/app/renderer`, so the
 * root is compared with its trailing separator.
 */
export function isInsideRoot(root: string, file: string, separator: string): boolean {
  const rootWithSeparator = root.endsWith(separator) ? root : root + separator
  return file.startsWith(rootWithSeparator)
}

/** Maps a request path under app://fieldbench to a file under the renderer folder; null for anything outside it. */
export function resolveAppFile(
  rootDir: string,
  requestUrl: string,
  join: (...p: string[]) => string,
  normalize: (p: string) => string,
  separator: string = sep,
): string | null {
  let pathname: string
  try {
    const url = new URL(requestUrl)
    if (url.host !== APP_HOST) return null
    pathname = decodeURIComponent(url.pathname)
  } catch {
    return null
  }
  if (pathname === '/' || pathname === '') pathname = '/index.html'
  if (pathname.includes('\0')) return null
  const root = normalize(rootDir)
  const file = normalize(join(root, pathname))
  if (!isInsideRoot(root, file, separator)) return null
  return file
}


import { AppError } from '@shared/contract'

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

/**
 * Characters with a meaning to a shell or a Windows command line that a link
 * a person meant to open does not carry unencoded: controls and whitespace
 * (the URL parser would silently drop a newline rather than refuse it), both
 * quote marks, `< > ^ | \ { }` and the backtick. RFC 3986 allows none of
 * them but `'`, which is rare in a real link and a quote to a shell.
 */
const SHELL_MEANINGFUL = /["'<>\\^`{|}]/
function hasUnquotable(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    if (unit <= 0x20 || (unit >= 0x7f && unit <= 0x9f)) return true
  }
  return SHELL_MEANINGFUL.test(text)
}

/** `%` is only ever the start of an escape; `%PATH%` is a variable to `cmd`, not to a browser */
const STRAY_PERCENT = /%(?![0-9a-fA-F]{2})/

/**
 * The last check before a link leaves for the OS (Electron's `shell.openExternal`
 * or the OS opener): a plain http(s) address with no credentials, no stray `%`
 * and none of the characters above, handed on in the URL parser's own
 * serialization. What is left (`& ( ) ; , ! =` and valid `%XX` escapes) is
 * legal in URLs and only dangerous to a shell, so the opener never uses one.
 */
export function vetExternalUrl(raw: string): string {
  if (raw.length > 2048 || hasUnquotable(raw) || STRAY_PERCENT.test(raw)) throw new AppError('externalLinkUnsafe')
  let parsed: URL
  try {
    parsed = new URL(raw)
  } catch {
    throw new AppError('externalLinkUnsafe')
  }
  if ((parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || !parsed.hostname || parsed.username || parsed.password) {
    throw new AppError('externalLinkUnsafe')
  }
  const href = parsed.href
  if (hasUnquotable(href) || STRAY_PERCENT.test(href)) throw new AppError('externalLinkUnsafe')
  return href
}

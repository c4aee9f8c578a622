import { readFile as readFileFromDisk } from 'node:fs/promises'
import { join, normalize, sep } from 'node:path'
import { rendererContentType } from './content-type'
import { APP_HOST, APP_SCHEME, contentSecurityPolicy, isInsideRoot } from './policy'

/**
 * The app:// scheme the packaged renderer is served from: a secure, standard
 * origin (so the CSP's 'self' means our files and fetch works), never file://.
 * Plain functions of a request, so the path rules are tested without Electron.
 */

/** What `protocol.registerSchemesAsPrivileged` needs, before the app is ready. */
export const appSchemePrivileges = { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }

/** Maps a request path under app://fieldbench to a file under the renderer folder; null for anything outside it. */
export function resolveAppFile(
  rootDir: string,
  requestUrl: string,
  joinPath: (...p: string[]) => string,
  normalizePath: (p: string) => string,
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
  const root = normalizePath(rootDir)
  const file = normalizePath(joinPath(root, pathname))
  if (!isInsideRoot(root, file, separator)) return null
  return file
}

/**
 * The handler for `protocol.handle(APP_SCHEME, …)`: the file under
 * `rendererDir` with its type and the CSP, or 404 for a path outside it or a
 * file that cannot be read (the same answer, so probing learns nothing).
 */
export function appProtocolHandler(
  rendererDir: string,
  readFile: (file: string) => Promise<Uint8Array> = readFileFromDisk,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const file = resolveAppFile(rendererDir, request.url, join, normalize)
    if (!file) return notFound()
    try {
      // a copy on a plain ArrayBuffer: what every typing of Response's body accepts (a Buffer may sit on a shared one)
      const body = new Uint8Array(await readFile(file))
      return new Response(body, {
        headers: {
          'content-type': rendererContentType(file),
          'content-security-policy': contentSecurityPolicy(),
          'x-content-type-options': 'nosniff',
        },
      })
    } catch {
      return notFound()
    }
  }
}

const notFound = (): Response => new Response('not found', { status: 404 })

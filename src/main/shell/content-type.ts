import { extname } from 'node:path'

/** The types of what the renderer build contains; served with `nosniff`, so each must be right. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
}

/** The content type of one renderer file, for the app:// protocol and the browser-mode server alike. */
export function rendererContentType(file: string): string {
  return CONTENT_TYPES[extname(file)] ?? 'application/octet-stream'
}

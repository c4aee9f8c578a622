import { createHash } from 'node:crypto'

/**
 * The text the open API signs. Reading chosen: the Python sample, byte for
 * byte — `fr'{path}\r\n{token}\r\n{timestamp}'` is a raw f-string, so the
 * separators are the four characters backslash, r, backslash, n (not CR LF),
 * and the first part is the request path without domain or query (the prose's
 * `url + "\r\n" + …` says otherwise; the sample is what the service checks).
 */
export function signatureText(path: string, token: string, timestamp: number | string): string {
  return `${path}\\r\\n${token}\\r\\n${timestamp}`
}

/** md5 of the UTF-8 text, lowercase hex (the sample's `md5c` default). */
export function sign(path: string, token: string, timestamp: number | string): string {
  return createHash('md5').update(signatureText(path, token, timestamp), 'utf8').digest('hex')
}

/** Comparison that does not leak how many leading characters matched. */
export function signaturesEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}

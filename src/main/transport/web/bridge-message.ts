/** Bridge messages. Client: hello, call. Server: ready, result, event. */
export type ClientMessage = { t: 'hello'; token: string } | { t: 'call'; id: number; method: string; payload?: unknown }

/** Why a frame was not a bridge message; logged, never the frame itself. */
export type RefusedMessage = 'binary' | 'tooLargeBeforeHello' | 'notJson' | 'notObject' | 'wrongShape'

/**
 * A hello is a token and two keys; anything longer before the token is
 * checked is not parsed at all, so a peer without the token cannot make the
 * server parse megabytes of JSON.
 */
export const MAX_HELLO_BYTES = 1024
const MAX_METHOD_LENGTH = 100

/**
 * Reads one WebSocket message as a bridge message. Everything the peer sends
 * is untrusted until the token matches, and the token does not make the shape
 * trustworthy: `null`, numbers, arrays, strings and objects with wrong field
 * types are refused here rather than throwing deeper in.
 */
export function readClientMessage(data: Buffer, isBinary: boolean, authed: boolean): ClientMessage | RefusedMessage {
  // the renderer only ever sends text frames
  if (isBinary) return 'binary'
  if (!authed && data.length > MAX_HELLO_BYTES) return 'tooLargeBeforeHello'
  let message: unknown
  try {
    message = JSON.parse(data.toString('utf8'))
  } catch {
    return 'notJson'
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return 'notObject'
  const fields = message as Record<string, unknown>
  if (fields.t === 'hello' && typeof fields.token === 'string' && hasOnlyKeys(fields, ['t', 'token'])) {
    return { t: 'hello', token: fields.token }
  }
  if (
    fields.t === 'call' &&
    Number.isSafeInteger(fields.id) &&
    (fields.id as number) >= 0 &&
    typeof fields.method === 'string' &&
    fields.method.length <= MAX_METHOD_LENGTH &&
    hasOnlyKeys(fields, ['t', 'id', 'method', 'payload'])
  ) {
    return { t: 'call', id: fields.id as number, method: fields.method, payload: fields.payload }
  }
  return 'wrongShape'
}

function hasOnlyKeys(fields: Record<string, unknown>, allowed: readonly string[]): boolean {
  return Object.keys(fields).every((key) => allowed.includes(key))
}

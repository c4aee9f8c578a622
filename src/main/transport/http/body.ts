/**
 * Reads an answer's body up to a cap, counting bytes as they arrive: past the
 * cap the transfer is aborted at once, so a misrouted request that returns a
 * whole web page or an endless stream costs at most `maxBytes` of memory.
 */
import { parseAnswerJson } from '@shared/devices/untrusted'
import { httpTooLarge } from './errors'

export async function readCapped(res: Response, host: string, maxBytes: number, abort: () => void): Promise<{ text: string; bytes: number }> {
  const declared = Number(res.headers.get('content-length') ?? NaN)
  if (Number.isFinite(declared) && declared > maxBytes) {
    abort()
    throw httpTooLarge(host, maxBytes)
  }
  const reader = res.body?.getReader()
  if (!reader) return { text: '', bytes: 0 }
  const chunks: Uint8Array[] = []
  let bytes = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    bytes += value.byteLength
    if (bytes > maxBytes) {
      abort()
      await reader.cancel().catch(() => undefined)
      throw httpTooLarge(host, maxBytes)
    }
    chunks.push(value)
  }
  return { text: new TextDecoder('utf-8').decode(Buffer.concat(chunks)), bytes }
}

/**
 * JSON whatever the Content-Type says (small web servers label it text/html
 * or nothing); undefined when it is not JSON or nested deeper than any device
 * answer (untrusted.ts measures that before parsing).
 */
export function parseJson(text: string): unknown {
  const trimmed = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  if (!trimmed.trim()) return undefined
  const parsed = parseAnswerJson(trimmed)
  return parsed.ok ? parsed.value : undefined
}

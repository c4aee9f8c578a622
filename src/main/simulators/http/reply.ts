/** The request a simulated HTTP device sees and the answer it gives, and how an answer is written. */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import { parseJson } from '../../transport/http'

export interface SimRequest {
  method: string
  path: string
  query: URLSearchParams
  headers: IncomingHttpHeaders
  text: string
  /** the body as JSON whatever its Content-Type; undefined when it is not JSON */
  json(): unknown
}

export interface SimReply {
  /** 200 unless said */
  status?: number
  /** a string goes as is (text/plain unless `contentType` says); anything else as JSON */
  body?: unknown
  contentType?: string
  /** the device's own code for this answer (an errno, an error code), kept in the call log */
  tag?: number
}

export function simRequest(req: IncomingMessage, text: string): SimRequest {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    headers: req.headers,
    text,
    json: () => parseJson(text),
  }
}

export function encode(reply: SimReply): { status: number; contentType: string; body: Buffer } {
  const isText = typeof reply.body === 'string'
  const body = Buffer.from(reply.body === undefined ? '' : isText ? (reply.body as string) : JSON.stringify(reply.body), 'utf8')
  const contentType = reply.contentType ?? (isText || reply.body === undefined ? 'text/plain;charset=UTF-8' : 'application/json;charset=UTF-8')
  return { status: reply.status ?? 200, contentType, body }
}

export function send(res: ServerResponse, reply: SimReply): void {
  const { status, contentType, body } = encode(reply)
  res.writeHead(status, { 'content-type': contentType, 'content-length': body.length }).end(body)
}

/** The body up to `limit` bytes; null past it (the rest is not read). */
export function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (c: Buffer) => {
      size += c.length
      if (size > limit) {
        req.off('data', onData)
        req.resume()
        resolve(null)
        return
      }
      chunks.push(c)
    }
    req.on('data', onData)
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

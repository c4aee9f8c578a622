import { isIP } from 'node:net'

/** 127.0.0.0/8, ::1 and `localhost`: the only addresses browser mode binds to unless told otherwise. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase()
  if (h === 'localhost') return true
  if (isIP(h) === 4) return h.startsWith('127.')
  if (isIP(h) === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1'
  return false
}

/** The Host header must name our own loopback listener (defeats DNS rebinding). */
export function isAllowedHostHeader(hostHeader: string | undefined, port: number, allowRemote: boolean): boolean {
  if (!hostHeader) return false
  if (allowRemote) return true
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hostHeader)
  if (!match) return false
  const [, host, portText] = match
  return isLoopbackHost(host!) && Number(portText ?? 80) === port
}

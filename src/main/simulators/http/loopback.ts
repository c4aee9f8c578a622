import { AppError } from '@shared/contract'

/** Simulators listen on 127.0.0.0/8 only: nothing a simulator does may reach another machine. */
export function loopbackHost(host: string): string {
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host)
  if (!m || m.slice(1).some((octet) => Number(octet) > 255)) throw new AppError('invalidInput', { field: 'host', reason: 'notLoopback' })
  return host
}

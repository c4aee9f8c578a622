import { read } from 'node:fs'
import { promisify } from 'node:util'

const readAsync = promisify(read)

/** The parts of node-serialport's unix port binding that reading needs. */
interface UnixPortBinding {
  fd: number | null
  readonly isOpen: boolean
  readonly poller: { once(event: 'readable', callback: (err: Error | null) => void): unknown }
  read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }>
}

interface Binding<Port, Options> {
  open(options: Options): Promise<Port>
  list(): Promise<unknown[]>
}

type ReadError = Error & { code?: string; canceled?: boolean; disconnect?: boolean }

const notOpen = (): ReadError => Object.assign(new Error('Port is not open'), { canceled: true })

/**
 * Reads until there are bytes. A zero-byte read is the line hanging up (the
 * other end of a pseudo-terminal closed, a tty hung up): it is reported as a
 * disconnect, so the stream closes the port. node-serialport's own unix read
 * retries a zero-byte read at once, forever: a simulator whose peer had gone
 * spun a core and grew without bound on that loop.
 */
export async function readUntilData(port: UnixPortBinding, buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }> {
  for (;;) {
    if (!port.isOpen || port.fd === null) throw notOpen()
    let bytesRead: number
    try {
      ;({ bytesRead } = await readAsync(port.fd, buffer, offset, length, null))
    } catch (err) {
      const code = (err as ReadError).code
      if (code !== 'EAGAIN' && code !== 'EWOULDBLOCK' && code !== 'EINTR') throw err
      if (!port.isOpen) throw notOpen()
      await new Promise<void>((resolve, reject) => port.poller.once('readable', (error) => (error ? reject(error) : resolve())))
      continue
    }
    if (bytesRead > 0) return { buffer, bytesRead }
    throw Object.assign(new Error('The line hung up (end of file)'), { code: 'EOF', disconnect: true })
  }
}

/**
 * node-serialport's platform binding with the hang-up-aware read on unix
 * ports. Windows reads through overlapped I/O, which has no such loop.
 */
export function hangupAwareBinding<Port, Options, B extends Binding<Port, Options>>(base: B, platform: NodeJS.Platform = process.platform): B {
  if (platform === 'win32') return base
  return {
    ...base,
    list: () => base.list(),
    async open(options: Options): Promise<Port> {
      const port = await base.open(options)
      const unix = port as unknown as UnixPortBinding
      unix.read = (buffer, offset, length) => readUntilData(unix, buffer, offset, length)
      return port
    },
  }
}

import { AppError } from '@shared/contract'
import { MemoryLogger } from '../../log/logger'
import { simulatorCatalog } from '../../simulators/catalog'
import { loopbackHost } from '../../simulators/http'
import type { SerialLink } from '../../transport/serial/link'
import { NodeSerialOpener } from '../../transport/serial/node-serial'
import { createPtyPair, type PtyPair } from '../../transport/serial/pty-pair'
import { EXIT, type Out, UsageError } from '../output'

/**
 * Plays a device on a real line: on a new pseudo-terminal pair (socat), or
 * on an existing port (`--port`, e.g. one end of a null-modem cable) so a
 * second computer or a virtual COM pair sees a device.
 */
export async function simCommand(out: Out, options: { device?: string; port?: string; host?: string; baud: number; args?: string[] }): Promise<number> {
  const definition = simulatorCatalog.find((d) => d.id === options.device)
  if (!definition) {
    throw new UsageError(out.t('cli:sim.unknown', { device: options.device ?? '', known: simulatorCatalog.map((d) => d.id).join(', ') }))
  }
  // an HTTP simulator takes --port as its loopback TCP port; a serial one as the line to play on
  const httpPort = options.port !== undefined && /^\d{1,5}$/.test(options.port) ? Number(options.port) : undefined
  // a simulator listens on loopback only: nothing it does may reach another machine
  if (options.host !== undefined && !isLoopback(options.host)) throw new UsageError(out.t('cli:sim.notLoopback', { host: options.host }))
  const instance = await definition.create({ log: new MemoryLogger(), args: options.args ?? [], port: httpPort, host: options.host })
  let pair: PtyPair | null = null
  let link: SerialLink | null = null
  let detach: (() => void) | null = null
  try {
    // listening before anything says ready: a SIGTERM sent on that word must find the handler
    const stopped = new Promise<null>((resolve) => {
      process.once('SIGINT', () => resolve(null))
      process.once('SIGTERM', () => resolve(null))
    })
    let lineLost: Promise<string> = new Promise(() => undefined)
    if (instance.kind === 'http') {
      const notes = instance.notes ?? {}
      out.event({ event: 'ready', device: definition.id, url: instance.url, ...notes }, () =>
        [out.t('cli:sim.readyUrl', { device: definition.id, url: instance.url }), ...Object.entries(notes).map(([k, v]) => `  ${k}: ${v}`)].join('\n'),
      )
    } else {
      let devicePath = options.port
      if (!devicePath) {
        pair = await createPtyPair()
        devicePath = pair.device
      }
      const line = await new NodeSerialOpener().open(devicePath, { baudRate: options.baud, dataBits: 8, parity: 'none', stopBits: 1 })
      link = line
      detach = instance.attach(line)
      const path = devicePath
      // A line that has gone does not come back as the same one here: our own pair's socat is gone for
      // good, and a port given with --port may return as another device. Stop, and say so; whoever
      // started the simulator (a script, a service manager) starts it again on a new line.
      lineLost = new Promise((resolve) => line.onClose((reason) => reason !== 'closed' && resolve(path)))
      const appPort = pair?.app ?? devicePath
      out.event({ event: 'ready', device: definition.id, port: appPort, devicePort: devicePath }, () =>
        pair ? out.t('cli:sim.readyPty', { device: definition.id, port: appPort }) : out.t('cli:sim.readyPort', { device: definition.id, port: appPort }),
      )
    }
    const lost = await Promise.race([stopped, lineLost])
    if (lost !== null) return out.error(new AppError('portDisconnected', { path: lost }))
    return EXIT.ok
  } catch (err) {
    if (err instanceof AppError || err instanceof UsageError) throw err
    throw new AppError('portOpenFailed', { path: options.port ?? 'pty', reason: err instanceof Error ? err.message : String(err) }, { cause: err })
  } finally {
    detach?.()
    await link?.close()
    await instance.dispose()
    await pair?.close()
  }
}

function isLoopback(host: string): boolean {
  try {
    return loopbackHost(host) === host
  } catch {
    return false
  }
}

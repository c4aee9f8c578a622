import { AppError } from '@shared/contract'
import { fromHex } from '@shared/hex'
import type { CoreModule, ModuleContext } from '../module'

export type PortsMethod =
  | 'listPorts'
  | 'addManualPort'
  | 'removeManualPort'
  | 'openTerminal'
  | 'closeTerminal'
  | 'sendTerminal'
  | 'getTraffic'
  | 'exportTraffic'

/** The owner name the terminal holds a port under, so a job's port is never written to from the terminal. */
const TERMINAL_OWNER = 'terminal'

/** Serial ports as the person sees them: the list, manual paths, the terminal and its traffic log. */
export function portsModule({ ports }: ModuleContext): CoreModule<PortsMethod> {
  return {
    id: 'ports',
    handlers: {
      // the poller keeps the list fresh; asking the OS again here would cost a udev or registry walk per call
      listPorts: () => ports.list(),
      addManualPort: ({ path }) => ports.addManual(path),
      removeManualPort: ({ path }) => ports.removeManual(path),
      openTerminal: async ({ path, settings: serial }) => {
        await ports.open(path, serial, TERMINAL_OWNER)
      },
      closeTerminal: ({ path }) => ports.close(path, TERMINAL_OWNER),
      sendTerminal: async ({ path, encoding, text, lineEnding }) => {
        const session = ports.session(path)
        if (!session) throw new AppError('portNotOpen', { path })
        if (session.owner !== TERMINAL_OWNER) throw new AppError('portBusy', { path, owner: session.owner })
        let bytes: Uint8Array
        try {
          bytes = encoding === 'hex' ? fromHex(text) : new TextEncoder().encode(text)
        } catch {
          throw new AppError('terminalNotHex')
        }
        const ending = { none: '', cr: '\r', lf: '\n', crlf: '\r\n' }[lineEnding]
        if (ending) bytes = new Uint8Array([...bytes, ...new TextEncoder().encode(ending)])
        if (bytes.length === 0) throw new AppError('invalidInput', { field: 'text', reason: 'empty' })
        await session.write(bytes)
        return { bytes: bytes.length }
      },
      getTraffic: ({ path, afterSeq, limit }) => {
        const traffic = ports.trafficLog(path)
        return { entries: traffic.since(afterSeq, limit), dropped: traffic.dropped }
      },
      exportTraffic: ({ path, format }) => ({
        fileName: `fieldbench-traffic-${path.replace(/[^A-Za-z0-9]+/g, '_')}.${format}`,
        mime: format === 'csv' ? 'text/csv' : 'text/plain',
        content: ports.trafficLog(path).export(format, path),
        base64: false,
      }),
    },
  }
}

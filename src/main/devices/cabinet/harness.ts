import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CABINET_SERIAL } from '@shared/contract'
import { MemoryLogger } from '../../log/logger'
import { PortManager } from '../../transport/serial/manager'
import type { SerialLink } from '../../transport/serial/link'
import { NodeSerialOpener } from '../../transport/serial/node-serial'
import { createPtyPair, type PtyPair } from '../../transport/serial/pty-pair'
import { type CabinetSimOptions, CabinetSimulator } from './simulator'

/**
 * A simulated cabinet on the far end of a real pseudo-terminal pair (socat),
 * and the app's port manager on the near end: what the integration tests and
 * the bench run the client and the factory test against. `unplug` ends socat
 * (both ends lose the line, the app's port vanishes); `plug` starts it again
 * on the same paths, as when the same adapter comes back.
 */
export interface PtyCabinet {
  sim: CabinetSimulator
  ports: PortManager
  /** the app's end */
  path: string
  /** another app on the same line (a restarted one, after a crash) */
  newPortManager(): PortManager
  unplug(): Promise<void>
  plug(): Promise<void>
  close(): Promise<void>
}

export async function startPtyCabinet(options: CabinetSimOptions = {}, managerOptions: { pollMs?: number } = {}): Promise<PtyCabinet> {
  const sim = new CabinetSimulator(options)
  const dir = mkdtempSync(join(tmpdir(), 'fieldbench-cabinet-'))
  let pair: PtyPair = await createPtyPair({ dir })
  let link: SerialLink | null = null
  let detach: (() => void) | null = null
  const attach = async () => {
    link = await new NodeSerialOpener().open(pair.device, CABINET_SERIAL)
    detach = sim.attach(link)
  }
  await attach()
  const newPortManager = () => {
    const manager = new PortManager({
      lister: { list: async () => [] },
      opener: new NodeSerialOpener(),
      log: new MemoryLogger(),
      pollMs: managerOptions.pollMs ?? 50,
    })
    manager.start()
    return manager
  }
  const ports = newPortManager()
  const path = pair.app
  return {
    sim,
    ports,
    path,
    newPortManager,
    async unplug() {
      detach?.()
      detach = null
      sim.plugged = false
      await link?.close()
      link = null
      await pair.close()
    },
    async plug() {
      pair = await createPtyPair({ dir })
      sim.plugged = true
      await attach()
    },
    async close() {
      await ports.stop()
      detach?.()
      await link?.close()
      await sim.dispose()
      await pair.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

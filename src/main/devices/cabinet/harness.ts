import { mkdtempSync, readlinkSync, rmSync, symlinkSync, unlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CABINET_SERIAL } from '@shared/contract'
import { MemoryLogger } from '../../log/logger'
import { PortManager } from '../../transport/serial/manager'
import type { SerialLink } from '../../transport/serial/link'
import { LineTally } from '../../transport/serial/line-tally'
import { NodeSerialOpener } from '../../transport/serial/node-serial'
import { createPtyPair, type PtyPair } from '../../transport/serial/pty-pair'
import { type CabinetSimOptions, CabinetSimulator } from './simulator'

/**
 * A simulated cabinet on the far end of a real pseudo-terminal pair (socat),
 * and the app's port manager on the near end: what the integration tests and
 * the bench run the client and the factory test against. `unplug` takes the
 * line from both ends (the simulator lets go of it, the app's port vanishes);
 * `plug` puts the same device back. `plugOther` puts another pseudo-terminal
 * behind the app's path, as when a stranger takes the port while it is away.
 * Every byte between the two ends is counted (`tally`), so a virtual clock
 * shared by the simulator and the app can wait for the line to be quiet
 * before it jumps.
 */
export interface PtyCabinet {
  sim: CabinetSimulator
  ports: PortManager
  /** the app's end */
  path: string
  /** bytes on their way through socat, for a virtual clock's `underWay` */
  tally: LineTally
  /** another app on the same line (a restarted one, after a crash) */
  newPortManager(): PortManager
  unplug(): Promise<void>
  plug(): Promise<void>
  plugOther(): Promise<void>
  close(): Promise<void>
}

export async function startPtyCabinet(
  options: CabinetSimOptions = {},
  managerOptions: { pollMs?: number; tally?: LineTally } = {},
): Promise<PtyCabinet> {
  const sim = new CabinetSimulator(options)
  const tally = managerOptions.tally ?? new LineTally()
  const dir = mkdtempSync(join(tmpdir(), 'fieldbench-cabinet-'))
  const pair: PtyPair = await createPtyPair({ dir })
  let other: PtyPair | null = null
  let link: SerialLink | null = null
  let detach: (() => void) | null = null
  const attach = async () => {
    link = tally.link(await new NodeSerialOpener().open(pair.device, CABINET_SERIAL), 'device')
    detach = sim.attach(link)
  }
  await attach()
  const newPortManager = () => {
    const manager = new PortManager({
      lister: { list: async () => [] },
      opener: tally.opener(new NodeSerialOpener()),
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
    tally,
    newPortManager,
    async unplug() {
      detach?.()
      detach = null
      sim.plugged = false
      await link?.close()
      link = null
      pair.pull()
      tally.clear()
    },
    async plug() {
      if (other) {
        unlinkSync(path)
        await other.close()
        other = null
      }
      pair.replug()
      sim.plugged = true
      await attach()
    },
    async plugOther() {
      other = await createPtyPair()
      symlinkSync(readlinkSync(other.app), path)
    },
    async close() {
      await ports.stop()
      detach?.()
      await link?.close()
      await sim.dispose()
      await other?.close()
      await pair.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

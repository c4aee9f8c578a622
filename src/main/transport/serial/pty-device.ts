import { mkdtempSync, readlinkSync, rmSync, symlinkSync, unlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SerialSettings } from '@shared/contract'
import { MemoryLogger } from '../../log/logger'
import type { SerialLink } from './link'
import { LineTally } from './line-tally'
import { PortManager } from './manager'
import { NodeSerialOpener } from './node-serial'
import { createPtyPair, type PtyPair } from './pty-pair'

/** A simulated device that plays its side on whatever link it is given, and shows whether its cable is in. */
export interface PtySimulator {
  attach(link: SerialLink): () => void
  dispose(): Promise<void>
  plugged: boolean
}

/**
 * A simulated device on the far end of a real pseudo-terminal pair (socat),
 * and the app's port manager on the near end: what integration tests, the
 * CLI's tests and the bench run a device's client and jobs against.
 * `unplug` takes the line from both ends (the simulator lets go of it, the
 * app's port vanishes); `plug` puts the same device back. `plugOther` puts
 * another pseudo-terminal behind the app's path, as when a stranger takes the
 * port while it is away. Every byte between the two ends is counted
 * (`tally`), so a virtual clock shared by the simulator and the app can wait
 * for the line to be quiet before it jumps.
 */
export interface PtyDevice<Sim extends PtySimulator> {
  sim: Sim
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

export interface PtyDeviceOptions {
  /** the line the simulator opens its end with */
  line: SerialSettings
  /** the temporary folder's name starts with this (`fieldbench-cabinet-`) */
  folderPrefix: string
  /** how often the app's port manager looks at the ports (ms) */
  pollMs?: number
  /** a tally already shared with a virtual clock */
  tally?: LineTally
}

export async function startPtyDevice<Sim extends PtySimulator>(sim: Sim, options: PtyDeviceOptions): Promise<PtyDevice<Sim>> {
  const tally = options.tally ?? new LineTally()
  const dir = mkdtempSync(join(tmpdir(), options.folderPrefix))
  const pair: PtyPair = await createPtyPair({ dir })
  let other: PtyPair | null = null
  let link: SerialLink | null = null
  let detach: (() => void) | null = null
  const attach = async () => {
    link = tally.link(await new NodeSerialOpener().open(pair.device, options.line), 'device')
    detach = sim.attach(link)
  }
  await attach()
  const newPortManager = () => {
    const manager = new PortManager({
      lister: { list: async () => [] },
      opener: tally.opener(new NodeSerialOpener()),
      log: new MemoryLogger(),
      pollMs: options.pollMs ?? 50,
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

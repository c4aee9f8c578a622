import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SerialSettings } from '@shared/contract'
import { MemoryLogger } from '../../log/logger'
import type { SerialLink } from '../../transport/serial/link'
import { LineTally } from '../../transport/serial/line-tally'
import { PortManager } from '../../transport/serial/manager'
import { NodeSerialOpener } from '../../transport/serial/node-serial'
import { createPtyPair } from '../../transport/serial/pty-pair'
import { defaultFraming } from './framing'
import { type UpsSimOptions, UpsSimulator } from './simulator'

export const UPS_LINE: SerialSettings = {
  baudRate: defaultFraming.line.baud,
  dataBits: defaultFraming.line.dataBits,
  parity: defaultFraming.line.parity,
  stopBits: defaultFraming.line.stopBits,
}

/**
 * A simulated UPS on the far end of a real pseudo-terminal pair (socat) and
 * the app's port manager on the near end, for the monitor's tests, the CLI's
 * and the bench. `unplug` pulls the adapter (the app's path goes away),
 * `plug` puts the same one back; every byte is counted by `tally`, so a
 * virtual clock shared by both ends jumps only when the line is quiet.
 */
export interface PtyUps {
  sim: UpsSimulator
  ports: PortManager
  path: string
  tally: LineTally
  unplug(): Promise<void>
  plug(): Promise<void>
  close(): Promise<void>
}

export async function startPtyUps(options: UpsSimOptions = {}, managerOptions: { pollMs?: number; tally?: LineTally } = {}): Promise<PtyUps> {
  const sim = new UpsSimulator(options)
  const tally = managerOptions.tally ?? new LineTally()
  const dir = mkdtempSync(join(tmpdir(), 'fieldbench-ups-'))
  const pair = await createPtyPair({ dir })
  let link: SerialLink | null = null
  let detach: (() => void) | null = null
  const attach = async () => {
    link = tally.link(await new NodeSerialOpener().open(pair.device, UPS_LINE), 'device')
    detach = sim.attach(link)
  }
  await attach()
  const ports = new PortManager({
    lister: { list: async () => [] },
    opener: tally.opener(new NodeSerialOpener()),
    log: new MemoryLogger(),
    pollMs: managerOptions.pollMs ?? 50,
  })
  ports.start()
  return {
    sim,
    ports,
    path: pair.app,
    tally,
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
      pair.replug()
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

import { CABINET_SERIAL } from '@shared/contract'
import type { LineTally } from '../../transport/serial/line-tally'
import { type PtyDevice, startPtyDevice } from '../../transport/serial/pty-device'
import { type CabinetSimOptions, CabinetSimulator } from './simulator'

/**
 * A simulated cabinet on the far end of a real pseudo-terminal pair, and the
 * app's port manager on the near end (`transport/serial/pty-device.ts`): what
 * the integration tests and the bench run the client and the factory test
 * against.
 */
export type PtyCabinet = PtyDevice<CabinetSimulator>

export function startPtyCabinet(options: CabinetSimOptions = {}, managerOptions: { pollMs?: number; tally?: LineTally } = {}): Promise<PtyCabinet> {
  return startPtyDevice(new CabinetSimulator(options), { line: CABINET_SERIAL, folderPrefix: 'fieldbench-cabinet-', ...managerOptions })
}

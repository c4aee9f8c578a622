import type { SerialSettings } from '@shared/contract'
import type { LineTally } from '../../transport/serial/line-tally'
import { type PtyDevice, startPtyDevice } from '../../transport/serial/pty-device'
import { defaultFraming } from './framing'
import { type UpsSimOptions, UpsSimulator } from './simulator'

export const UPS_LINE: SerialSettings = {
  baudRate: defaultFraming.line.baud,
  dataBits: defaultFraming.line.dataBits,
  parity: defaultFraming.line.parity,
  stopBits: defaultFraming.line.stopBits,
}

/**
 * A simulated UPS on the far end of a real pseudo-terminal pair and the app's
 * port manager on the near end (`transport/serial/pty-device.ts`), for the
 * monitor's tests, the CLI's and the bench.
 */
export type PtyUps = PtyDevice<UpsSimulator>

export function startPtyUps(options: UpsSimOptions = {}, managerOptions: { pollMs?: number; tally?: LineTally } = {}): Promise<PtyUps> {
  return startPtyDevice(new UpsSimulator(options), { line: UPS_LINE, folderPrefix: 'fieldbench-ups-', ...managerOptions })
}

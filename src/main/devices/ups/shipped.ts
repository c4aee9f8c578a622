/**
 * The corrected protocol file and its framing, bundled: what the simulator
 * plays and demo mode's monitor reads.
 */
import { type FramingProfile, unitsPerByte } from '@shared/devices/ups/framing'
import { loadProtocol } from '@shared/devices/ups/lint'
import type { UpsProtocol } from '@shared/devices/ups/protocol'
import shippedIni from '../../../../resources/ups/ups-rs232-protocol.zh.ini?raw'
import { defaultFraming } from './framing'

export const SHIPPED_INI_NAME = 'ups-rs232-protocol.zh.ini'

export function shippedProtocol(framing: FramingProfile = defaultFraming): UpsProtocol {
  return loadProtocol(shippedIni, { unitsPerByte: unitsPerByte(framing) }).protocol
}

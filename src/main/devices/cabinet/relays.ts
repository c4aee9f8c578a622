import { ALL_RELAYS_OFF_SINCE_FIRMWARE, AppError, CABINET_SLOTS, type CabinetCommand, type RelaysOffMethod } from '@shared/contract'
import type { CabinetClient } from './client'

export interface RelaysOffOutcome {
  method: RelaysOffMethod
  /** relays switched off with their own command */
  singly: number[]
  /** relays whose channel still conducts at the end */
  stillOn: number[]
}

export interface RelaysOffOptions {
  /** the board's firmware version when known (v5062 and later honour "all relays off") */
  firmware: number | null
  /** reads the relays' channels back and answers the ones still conducting (after the board's one-by-one switching) */
  stillOn: (relays: number[]) => Promise<number[]>
  /** sends a command under a key unless it was sent before (after an unplug or a crash); by default always */
  once?: (key: string, command: CabinetCommand) => Promise<void>
}

/**
 * Gets every relay off on any firmware, and says how. The seed: "all relays
 * off" is answered but does nothing before v5062 (2024-09-19). With v5062 or
 * later known, one "all off" is sent and read back; a relay still conducting
 * then gets its own "off", once. Otherwise (older, or not known) each relay
 * gets its own "off". Nothing is sent twice: a missing answer is settled by
 * reading back, never by sending again.
 */
export async function switchAllRelaysOff(client: CabinetClient, options: RelaysOffOptions): Promise<RelaysOffOutcome> {
  const all = Array.from({ length: CABINET_SLOTS }, (_, i) => i + 1)
  const once =
    options.once ??
    (async (_key: string, command: CabinetCommand) => {
      await sendQuiet(client, command)
    })
  if (options.firmware !== null && options.firmware >= ALL_RELAYS_OFF_SINCE_FIRMWARE) {
    await once('allRelaysOff', { kind: 'allRelays', on: false })
    const left = await options.stillOn(all)
    if (!left.length) return { method: 'allOff', singly: [], stillOn: [] }
    for (const relay of left) await once(`relay${relay}Off`, { kind: 'relay', relay, on: false })
    return { method: 'allOffThenEach', singly: left, stillOn: await options.stillOn(left) }
  }
  for (const relay of all) await once(`relay${relay}Off`, { kind: 'relay', relay, on: false })
  return { method: 'eachRelay', singly: all, stillOn: await options.stillOn(all) }
}

/** A command whose missing answer is left to the read-back. */
export async function sendQuiet(client: CabinetClient, command: CabinetCommand): Promise<void> {
  try {
    await client.command(command)
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'timeout')) throw err
  }
}

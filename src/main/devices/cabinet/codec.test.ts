import { describe, expect, it } from 'vitest'
import { ALL_RELAYS_OFF_SINCE_FIRMWARE, type CabinetCommand, cabinetKey } from '@shared/contract'
import {
  commandFrame,
  commandOf,
  decodeLockState,
  describeAnswer,
  describeRequest,
  keyStateOf,
  lockStateData,
  rawValue,
} from './catalogue'
import { crc8Maxim, decodeFrame, encodeFrame, parseFrameInput } from './codec'
import { SEED_FRAMES } from './seed-frames'

const decodeOk = (text: string) => {
  const result = decodeFrame(text)
  if (!result.ok) throw new Error(`${text}: ${result.reason}`)
  return result.frame
}

describe('CRC-8/MAXIM', () => {
  it('has the catalogue check value', () => {
    // CRC-8/MAXIM-DOW check: "123456789" → 0xA1
    expect(crc8Maxim(new TextEncoder().encode('123456789'))).toBe(0xa1)
  })
})

describe('the seed frames as vectors', () => {
  it('are all there: 44 frames as written, 38 distinct', () => {
    expect(SEED_FRAMES).toHaveLength(44)
    expect(new Set(SEED_FRAMES.map((f) => f.text.toLowerCase())).size).toBe(38)
    expect(ALL_RELAYS_OFF_SINCE_FIRMWARE).toBe(5062)
  })

  for (const vector of SEED_FRAMES) {
    const role = 'command' in vector ? 'command' : 'answer'
    it(`${vector.text} (${vector.comment}): decodes in either case and re-encodes as the ${role}`, () => {
      const frame = decodeOk(vector.text)
      expect(decodeOk(vector.text.toUpperCase())).toEqual(frame)
      expect(decodeOk(vector.text.toLowerCase())).toEqual(frame)
      // the seed mixes cases for the same bytes; the bytes are what must match
      expect(encodeFrame(frame).toLowerCase()).toBe(vector.text.toLowerCase())
      if ('command' in vector) {
        expect(commandOf(frame)).toEqual(vector.command)
        expect(encodeFrame(commandFrame(vector.command, { type: frame.type })).toLowerCase()).toBe(vector.text.toLowerCase())
        expect(describeRequest(frame).kind).toBe(vector.command.kind)
      } else {
        expect(describeAnswer(frame)).toEqual(vector.answer)
      }
    })
  }
})

describe('frames', () => {
  it('refuses a wrong CRC and says which one was expected', () => {
    const result = decodeFrame('comm,01,011036000000007F')
    expect(result).toMatchObject({ ok: false, reason: 'crc', expected: 0x7e, got: 0x7f })
  })

  it('refuses anything that is not a whole frame', () => {
    for (const text of ['comm,01,011036000000007', 'comm,1,011036000000007E', 'comx,01,011036000000007E', 'comm;01;011036000000007E', 'comm,01,01103600000000GE']) {
      expect(decodeFrame(text), text).toEqual({ ok: false, reason: 'format' })
    }
  })

  it('builds a frame from typed input, adding the CRC or checking it', () => {
    expect(parseFrameInput('comm,01,01103300000000')).toEqual({ ok: true, frame: decodeOk('comm,01,01103300000000AC') })
    expect(parseFrameInput('01 10 33 00 00 00 00')).toEqual({ ok: true, frame: decodeOk('comm,01,01103300000000AC') })
    expect(parseFrameInput('sync,01,01103300000000ac')).toEqual({ ok: true, frame: decodeOk('sync,01,01103300000000AC') })
    expect(parseFrameInput('comm,01,01103300000000AD')).toEqual({ ok: false, reason: 'crc', expected: 'AC' })
    expect(parseFrameInput('hello')).toEqual({ ok: false, reason: 'format' })
  })
})

describe('the catalogue', () => {
  const every: CabinetCommand[] = [
    { kind: 'openAllLocks' },
    ...[1, 2, 3, 4, 5, 6, 7, 8].map((slot) => ({ kind: 'openLock', slot }) as const),
    { kind: 'allRelays', on: true },
    { kind: 'allRelays', on: false },
    ...[1, 2, 3, 4, 5, 6, 7, 8].flatMap((relay) => [true, false].map((on) => ({ kind: 'relay', relay, on }) as const)),
    { kind: 'fan', on: true },
    { kind: 'fan', on: false },
    ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((channel) => ({ kind: 'readCurrent', channel }) as const),
    { kind: 'readVoltage' },
    { kind: 'readActivePower' },
    { kind: 'readEnergy' },
    { kind: 'readInternalTemperature' },
    { kind: 'readExternalTemperature' },
    { kind: 'reboot' },
  ]

  it('turns every command into a frame and back', () => {
    for (const command of every) expect(commandOf(commandFrame(command)), JSON.stringify(command)).toEqual(command)
  })

  it('refuses a slot or channel out of range', () => {
    expect(() => commandFrame({ kind: 'openLock', slot: 9 })).toThrow(RangeError)
    expect(() => commandFrame({ kind: 'relay', relay: 0, on: true })).toThrow(RangeError)
    expect(() => commandFrame({ kind: 'readCurrent', channel: 10 })).toThrow(RangeError)
  })

  it('reads the single-lock reply: slot from the nodeid, state from the low nibble, the open count', () => {
    expect(decodeLockState(decodeOk('comm,01,01101111000200f1'))).toEqual({ slot: 1, open: true, reportedSlot: 1, openCount: 2 })
    // a board that echoes the request's 0x11 for slot 5 still reads as slot 5
    const echoed = decodeOk(encodeFrame({ type: 'comm', node: 1, nodeId: 5, modeId: 0x1011, data: 0x11002a00 }))
    expect(decodeLockState(echoed)).toEqual({ slot: 5, open: true, reportedSlot: 1, openCount: 42 })
    const closed = { type: 'sync', node: 1, nodeId: 3, modeId: 0x1011, data: lockStateData({ slot: 3, open: false, openCount: 7 }) } as const
    expect(decodeLockState(closed)).toEqual({ slot: 3, open: false, reportedSlot: 3, openCount: 7 })
    expect(keyStateOf(closed)).toEqual({ key: 13, value: 0 })
  })

  it('numbers the key table: lock 11–18, charger 21–28, battery 31–38 (the seed lists 31 twice; the second is 32)', () => {
    expect([1, 8].map((slot) => cabinetKey('lock', slot))).toEqual([11, 18])
    expect([1, 8].map((slot) => cabinetKey('charger', slot))).toEqual([21, 28])
    expect([1, 2, 8].map((slot) => cabinetKey('battery', slot))).toEqual([31, 32, 38])
  })

  it('maps relay answers to the charger keys 21–28', () => {
    expect(keyStateOf(commandFrame({ kind: 'relay', relay: 8, on: true }))).toEqual({ key: 28, value: 1 })
    expect(keyStateOf(commandFrame({ kind: 'allRelays', on: true }))).toBeNull()
  })

  it('scales measuring answers with a profile, signed where the scale says so', () => {
    const scaling = {
      current: { factor: 0.001, unit: 'A', signed: false },
      voltage: { factor: 0.1, unit: 'V', signed: false },
      activePower: { factor: 1, unit: 'W', signed: false },
      energy: { factor: 0.01, unit: 'kWh', signed: false },
      temperature: { factor: 0.1, unit: '°C', signed: true },
    }
    const current = { type: 'comm', node: 1, nodeId: 3, modeId: 0x1033, data: 520 } as const
    expect(describeAnswer(current, scaling)).toEqual({ kind: 'current', params: { channel: 3, raw: 520, value: 0.52, unit: 'A' } })
    const cold = { type: 'comm', node: 1, nodeId: 1, modeId: 0x1038, data: 0xffffff9c } as const
    expect(rawValue(cold, true)).toBe(-100)
    expect(describeAnswer(cold, scaling)).toEqual({ kind: 'externalTemperature', params: { raw: -100, value: -10, unit: '°C' } })
    expect(describeAnswer({ type: 'comm', node: 1, nodeId: 1, modeId: 0x2007, data: 1 })).toEqual({
      kind: 'unknown',
      params: { nodeId: '01', modeId: '2007', data: '00000001' },
    })
  })
})

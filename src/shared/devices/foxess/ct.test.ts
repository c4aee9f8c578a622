import { describe, expect, it } from 'vitest'
import { evaluatePreconditions, interpretPoll, parseMeterDetails, parseSensorAns, parseSequence, readBits, suggestSystem, type CtPollTracker } from './ct'

/** The seed's own bodies (ct-detection-flow.zh.txt). */
const SEED = {
  status: { meterStatus: 1, checking: 0, meterConnected: 1, faultArmFlag2: 0, deviceStatus: 2 },
  notChecked: { meterCheckConfigVOS: null, bit0: 1, bit1: 0, bit2: 0, bit3: null, meterStatus: null },
  checking: { meterCheckConfigVOS: null, bit0: 1, bit1: 1, bit2: 0, bit3: null, meterStatus: null },
  completed: { meterCheckConfigVOS: null, bit0: 1, bit1: 0, bit2: 1, bit3: 1, meterStatus: 1549 },
}

describe('CT preconditions (action 1)', () => {
  it("the seed's example passes every condition", () => {
    const pre = evaluatePreconditions(SEED.status)
    expect(pre.allPass).toBe(true)
    expect(pre.conditions.map((c) => `${c.key}:${c.reason}`)).toEqual(['deviceStatus:onGrid', 'bmsCommunication:bmsOk', 'meterConnected:meterOk', 'notChecking:idle'])
  })

  it('each row of the deviceStatus table', () => {
    const rows: [number, boolean, string][] = [
      [0, false, 'standby'],
      [1, false, 'standby'],
      [2, true, 'onGrid'],
      [3, false, 'fault'],
      [4, false, 'upgrading'],
      [5, true, 'offGrid'],
      [-1, false, 'offline'],
      [9, false, 'unknownStatus'],
    ]
    for (const [deviceStatus, pass, reason] of rows) {
      const c = evaluatePreconditions({ ...SEED.status, deviceStatus }).conditions[0]!
      expect([c.pass, c.reason], String(deviceStatus)).toEqual([pass, reason])
      expect(c.action === null).toBe(pass)
    }
  })

  it('offline: the BMS and meter fields are the last report, so those conditions are unknown, neither pass nor fail', () => {
    const pre = evaluatePreconditions({ ...SEED.status, deviceStatus: -1 })
    expect(pre.conditions.map((c) => `${c.key}:${c.known ? (c.pass ? 'pass' : 'fail') : 'unknown'}:${c.reason}`)).toEqual([
      'deviceStatus:fail:offline',
      'bmsCommunication:unknown:unknownOffline',
      'meterConnected:unknown:unknownOffline',
      'notChecking:pass:idle',
    ])
    expect(pre.conditions[1]).toMatchObject({ action: null, raw: { faultArmFlag2: 0 } })
    expect(pre.allPass).toBe(false)
    // online, the same fields are known
    expect(evaluatePreconditions(SEED.status).conditions.every((c) => c.known)).toBe(true)
  })

  it('BMS alarm, already checking, values as strings, missing fields', () => {
    expect(evaluatePreconditions({ ...SEED.status, faultArmFlag2: 1 }).conditions[1]).toMatchObject({ pass: false, reason: 'bmsAlarm', action: 'checkBms' })
    expect(evaluatePreconditions({ ...SEED.status, checking: '1' }).conditions[3]).toMatchObject({ pass: false, reason: 'alreadyChecking' })
    const empty = evaluatePreconditions({})
    expect(empty.allPass).toBe(false)
    expect(empty.conditions.every((c) => c.reason === 'missing')).toBe(true)
    expect(evaluatePreconditions(null).allPass).toBe(false)
    expect(evaluatePreconditions('garbage').conditions).toHaveLength(4)
  })

  it('meter: either flag may carry it, a 0 in either fails, a code like 1549 is not a flag', () => {
    const meter = (fields: Record<string, unknown>) => evaluatePreconditions({ ...SEED.status, meterStatus: undefined, meterConnected: undefined, ...fields }).conditions[2]!
    expect(meter({ meterStatus: 1 }).pass).toBe(true)
    expect(meter({ meterConnected: 1 }).pass).toBe(true)
    expect(meter({ meterStatus: 0, meterConnected: 1 })).toMatchObject({ pass: false, reason: 'meterMissing' })
    expect(meter({ meterStatus: 1, meterConnected: 0 }).pass).toBe(false)
    expect(meter({ meterStatus: 1549 })).toMatchObject({ pass: false, reason: 'missing', raw: { meterStatus: 1549, meterConnected: null } })
    expect(meter({ meterStatus: 1549, meterConnected: 1 }).pass).toBe(true)
  })
})

describe('CT result bits (action 3): "not yet checked" and "failed" carry the same bits', () => {
  const fresh = (): CtPollTracker => ({ seenChecking: false, baseline: null })

  it('0/0 before "checking" was seen is not started yet — a slow device is never failed', () => {
    const t = fresh()
    expect(interpretPoll(readBits(SEED.notChecked), t)).toBe('notStartedYet')
    expect(interpretPoll(readBits(SEED.notChecked), t)).toBe('notStartedYet')
    expect(interpretPoll(readBits(SEED.checking), t)).toBe('checking')
    expect(interpretPoll(readBits(SEED.completed), t)).toBe('completed')
  })

  it('0/0 after "checking" was seen is a failed check', () => {
    const t = fresh()
    expect(interpretPoll(readBits(SEED.checking), t)).toBe('checking')
    expect(interpretPoll(readBits(SEED.notChecked), t)).toBe('failed')
  })

  it('a completed result identical to the one on display before the start is the previous one', () => {
    const t: CtPollTracker = { seenChecking: false, baseline: readBits(SEED.completed) }
    expect(interpretPoll(readBits(SEED.completed), t)).toBe('previousResult')
    expect(interpretPoll(readBits({ ...SEED.completed, bit3: 0 }), t)).toBe('completed')
    const seen: CtPollTracker = { seenChecking: false, baseline: readBits(SEED.completed) }
    interpretPoll(readBits(SEED.checking), seen)
    expect(interpretPoll(readBits(SEED.completed), seen)).toBe('completed')
  })

  it('anything else is unknown, not a verdict', () => {
    expect(interpretPoll(readBits({ bit1: 1, bit2: 1 }), fresh())).toBe('unknown')
    expect(interpretPoll(readBits({}), fresh())).toBe('unknown')
    expect(readBits('x')).toEqual({ bit0: null, bit1: null, bit2: null, bit3: null, meterStatus: null })
  })
})

describe('CT details (meterCheckConfigVOS)', () => {
  it('phase sequences in any reasonable shape', () => {
    expect(parseSequence(['A', 'C', 'B'])).toEqual(['A', 'C', 'B'])
    expect(parseSequence('ACB')).toEqual(['A', 'C', 'B'])
    expect(parseSequence('A,C,B')).toEqual(['A', 'C', 'B'])
    expect(parseSequence('L1 L3 L2')).toEqual(['A', 'C', 'B'])
    expect(parseSequence([1, 3, 2])).toEqual(['A', 'C', 'B'])
    expect(parseSequence('RTS')).toEqual(['A', 'C', 'B'])
    expect(parseSequence('XYZ')).toBeNull()
    expect(parseSequence(42)).toBeNull()
    expect(parseSensorAns('010')).toEqual([0, 1, 0])
    expect(parseSensorAns('0,1,0')).toEqual([0, 1, 0])
    expect(parseSensorAns([0, '1', 7])).toEqual([0, 1, null])
  })

  it('wrong phase order and a reversed CT', () => {
    const { meters, missing } = parseMeterDetails([{ phaseFlag: 1, inverterSide: 'ABC', smartSide: 'ACB', sensorAns: '001' }])
    expect(missing).toBe(false)
    expect(meters[0]).toMatchObject({ phaseFlag: '1', phaseOrderWrong: true, sensorFault: true })
    expect(meters[0]!.phases).toEqual([
      { position: 1, expected: 'A', measured: 'A', sensorOk: true },
      { position: 2, expected: 'B', measured: 'C', sensorOk: true },
      { position: 3, expected: 'C', measured: 'B', sensorOk: false },
    ])
  })

  it("null, an empty list or garbage is 'details missing', never a crash", () => {
    expect(parseMeterDetails(null)).toEqual({ meters: [], missing: true })
    expect(parseMeterDetails([])).toEqual({ meters: [], missing: true })
    expect(parseMeterDetails('oops').missing).toBe(true)
    expect(parseMeterDetails([{ something: 'else' }]).missing).toBe(true)
    expect(parseMeterDetails({ phaseFlag: 3 })).toMatchObject({ missing: false, meters: [{ phaseFlag: '3', phases: [] }] })
  })

  it('suggests the system from the product type', () => {
    expect(suggestSystem('H3', 'H3-10.0-E')).toBe('threePhaseSingle')
    expect(suggestSystem('H1', 'H1-5.0-E')).toBe('singlePhaseSingle')
    expect(suggestSystem('', 'XYZ')).toBeNull()
  })
})

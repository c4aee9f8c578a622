import { describe, expect, it } from 'vitest'
import type { EvseConfig } from './config'
import { validateSetupTarget } from './setup-validation'

const CURRENT: Partial<EvseConfig> = {
  ChargerMode: 0,
  LockMethod: 0,
  ChargeCurrent: 16,
  ChargeCurrentBoost: 32,
  Meter1Type: 1,
  Meter1Ip: '',
  Meter2Type: 0,
  Meter2Ip: '',
  PhaseCurrentLimit: 25,
  ControlStrategy: 0,
  ControlLimit: 0,
}

const codes = (target: Partial<EvseConfig>) => validateSetupTarget(target, CURRENT).map((i) => `${i.field}:${i.code}`)

describe('setup form rules', () => {
  it.each([
    [{ ChargeCurrent: 16, ChargeCurrentBoost: 32 }, []],
    [{ ChargeCurrent: 5 }, ['ChargeCurrent:outOfRange']],
    [{ ChargeCurrent: 33 }, ['ChargeCurrent:outOfRange']],
    [{ ChargeCurrent: 10.5 }, ['ChargeCurrent:outOfRange']],
    [{ PhaseCurrentLimit: 64 }, ['PhaseCurrentLimit:outOfRange']],
    [{ ChargeCurrent: 20, ChargeCurrentBoost: 16 }, ['ChargeCurrentBoost:boostBelowCharge']],
    // boost below the normal current already set
    [{ ChargeCurrentBoost: 10 }, ['ChargeCurrentBoost:boostBelowCharge']],
    [{ LockMethod: 1 }, ['LockMethod:lockOnlyCaseB']],
    [{ ChargerMode: 1, LockMethod: 1 }, []],
    [{ Meter1Type: 4 }, ['Meter1Ip:ipRequired']],
    [{ Meter1Type: 4, Meter1Ip: '' }, ['Meter1Ip:ipRequired']],
    [{ Meter1Type: 4, Meter1Ip: '192.168.0.300' }, ['Meter1Ip:ipInvalid']],
    [{ Meter1Type: 4, Meter1Ip: '192.168.0.30' }, []],
    [{ Meter2Type: 7, Meter2Ip: '10.0.0.5' }, []],
    [{ Meter2Type: 8 }, ['Meter2Type:outOfRange']],
    [{ Meter1Type: 7 }, ['Meter1Type:outOfRange']],
    [{ ControlStrategy: 1, ControlLimit: 1000 }, ['ControlLimit:limitBelowMinimum']],
    [{ ControlStrategy: 1, ControlLimit: 0 }, []],
    [{ ControlStrategy: 1, ControlLimit: 11_000 }, []],
    [{ ControlLimit: 200_000 }, ['ControlLimit:outOfRange']],
  ] as [Partial<EvseConfig>, string[]][])('%j → %j', (target, expected) => {
    expect(codes(target)).toEqual(expected)
  })

  it('gives the figures the reason needs', () => {
    expect(validateSetupTarget({ ChargeCurrent: 40 }, CURRENT)).toEqual([{ field: 'ChargeCurrent', code: 'outOfRange', params: { min: 6, max: 32 } }])
    expect(validateSetupTarget({ ChargeCurrent: 20, ChargeCurrentBoost: 16 }, CURRENT)[0]!.params).toEqual({ current: 20 })
  })
})

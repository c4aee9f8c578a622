/**
 * The charger's answers are untrusted: missing, extra, mistyped and
 * overlong fields, and the document's other spellings, never throw.
 */
import { describe, expect, it } from 'vitest'
import { durationSeconds, parseInfo, parseStatus, wifiOf } from './answers'
import { configDiff, isIpv4, parseConfig } from './config'
import { parseMeter, registerKey, splitUnit } from './meter'
import { EvseErrorStates, EvseState, evseStateName, isEvseErrorState } from './states'

const STATUS_EXAMPLE = {
  TimeStamp: 179760,
  SystemVersion: '0.9.1',
  WiFiInfo: '559EVSE:60%',
  EvseState: 4,
  ThreePhaseCharging: true,
  ActualCurrent: 16,
  PPCodedCurrent: 20,
  ActualPower: 11040,
  ActualPowerAvailable: 22080,
  ActualEnergy: 0,
  ActualDuration: '00h:00m:00s',
  ActualDurationTotalSeconds: 3774,
  AutoStartAllowed: false,
  StartStopAllowed: true,
  BoostAllowed: true,
  ChargerStarted: true,
  ChargeBoosted: false,
  Meter1Status: 0,
  Meter2Status: 0,
}

describe('Status', () => {
  it("reads the document's example", () => {
    const p = parseStatus(STATUS_EXAMPLE)
    expect(p.ok && p.value).toMatchObject({ uptimeMs: 179760, state: 4, currentA: 16, durationS: 3774, started: true })
    expect(p.missing).toEqual([])
  })

  it('ignores extra fields, notes mistyped ones, reads numbers and flags sent as text', () => {
    const p = parseStatus({ ...STATUS_EXAMPLE, Extra: { deep: [1] }, ActualCurrent: '16.5', ChargeBoosted: 1, ActualPower: 'lots', ThreePhaseCharging: 'yes' })
    expect(p.ok).toBe(true)
    if (!p.ok) return
    expect(p.value.currentA).toBe(16.5)
    expect(p.value.boosted).toBe(true)
    expect(p.value.powerW).toBeNull()
    expect(p.value.threePhase).toBeNull()
    expect(p.problems).toEqual(['ThreePhaseCharging', 'ActualPower'])
  })

  it('refuses an overlong string rather than keeping it', () => {
    const p = parseStatus({ ...STATUS_EXAMPLE, SystemVersion: 'x'.repeat(10_000) })
    expect(p.ok && p.value.systemVersion).toBeNull()
    expect(p.problems).toContain('SystemVersion')
  })

  it('is not Status without TimeStamp, EvseState and ChargerStarted, and says which', () => {
    for (const body of [null, 'text', [], 42, { EvseState: 1 }]) expect(parseStatus(body).ok).toBe(false)
    expect(parseStatus({ TimeStamp: 1, EvseState: null }).missing).toEqual(['EvseState', 'ChargerStarted'])
  })

  it("takes the table's cut-off field name, and the duration text when no total comes", () => {
    const { ActualDurationTotalSeconds: _, ...rest } = STATUS_EXAMPLE
    const table = parseStatus({ ...rest, ActualDurationTotalSecon: 61 })
    expect(table.ok && table.value.durationS).toBe(61)
    expect(table.missing).toEqual([])
    const text = parseStatus({ ...rest, ActualDuration: '01:00:05' })
    expect(text.ok && text.value.durationS).toBe(3605)
  })
})

describe('small formats', () => {
  it('durations in both of the document\'s formats', () => {
    expect(durationSeconds('00h:00m:00s')).toBe(0)
    expect(durationSeconds('12h:34m:56s')).toBe(45296)
    expect(durationSeconds('12:34:56')).toBe(45296)
    for (const bad of ['', '1:2', '00:61:00', 'soon', '1h:2m']) expect(durationSeconds(bad)).toBeNull()
  })

  it('Wi-Fi in both formats, and a network name with a colon', () => {
    expect(wifiOf('559EVSE:60%')).toEqual({ ssid: '559EVSE', rssiDbm: null, percent: 60 })
    expect(wifiOf('559EVSE,RSSI:-49dB/68%')).toEqual({ ssid: '559EVSE', rssiDbm: -49, percent: 68 })
    expect(wifiOf('Home:2:45%')).toEqual({ ssid: 'Home:2', rssiDbm: null, percent: 45 })
    expect(wifiOf('plain')).toEqual({ ssid: 'plain', rssiDbm: null, percent: null })
  })

  it('register keys with underscore or space, units from brackets', () => {
    expect(registerKey('0x04_0x0034')).toBe('0x04_0x0034')
    expect(registerKey('0x04 0x0180')).toBe('0x04_0x0180')
    expect(registerKey('0x4_0x4A')).toBe('0x04_0x004a')
    expect(registerKey('TotalImport')).toBeNull()
    expect(splitUnit('TotalImport[kWh]')).toEqual({ name: 'TotalImport', unit: 'kWh' })
    expect(splitUnit('Frequency')).toEqual({ name: 'Frequency', unit: null })
  })

  it('IPv4 addresses', () => {
    expect(isIpv4('192.168.0.30')).toBe(true)
    for (const bad of ['', '192.168.0', '192.168.0.300', '01.2.3.4', '0.0.0.0', 'host']) expect(isIpv4(bad)).toBe(false)
  })
})

describe('meters, config, info', () => {
  it('a meter map with foreign entries keeps the registers it can read', () => {
    const p = parseMeter({ Meter1: { TimeStamp: 5, ModbusData: { '0x04 0x0048': { Desc: 'TotalImport[kWh]', ErrCounter: 3, Value: 1.5, DataStatus: 'Not available' }, junk: 7, '0x04_0x0034': 'x' } } }, 1)
    expect(p.ok).toBe(true)
    if (!p.ok) return
    expect(p.value.registers).toEqual([{ key: '0x04_0x0048', description: 'TotalImport[kWh]', name: 'TotalImport', unit: 'kWh', value: 1.5, errors: 3, freshness: 'notAvailable' }])
    expect(p.problems).toEqual(['ModbusData.junk', 'ModbusData.0x04_0x0034'])
    expect(parseMeter({ Meter2: {} }, 2).ok).toBe(false)
  })

  it('a config keeps the usable fields; a body with none is not a config', () => {
    const p = parseConfig({ TimeStamp: 1, ChargeCurrent: 6, Meter1Ip: 12, Charge3Phase: 'maybe' })
    expect(p.ok && p.value.config).toEqual({ ChargeCurrent: 6, Meter1Ip: '12' })
    expect(p.problems).toEqual(['Charge3Phase'])
    expect(parseConfig({ TimeStamp: 1 }).ok).toBe(false)
    expect(configDiff({ ChargeCurrent: 6 }, { ChargeCurrent: 6, Charge3Phase: true })).toEqual(['Charge3Phase'])
  })

  it('SystemInfo needs its TimeStamp', () => {
    expect(parseInfo({ MAC: 'x' }).ok).toBe(false)
    expect(parseInfo({ TimeStamp: 1, OTACheckAllowed: 'no' }).problems).toEqual(['OTACheckAllowed'])
  })
})

describe('EvseState', () => {
  it('names every value in the enumeration\'s order; error states are the documented ones', () => {
    expect(EvseState.EV_CHARGE_C1_C2).toBe(5)
    expect(EvseState.LOCK_ERR_F).toBe(11)
    expect(evseStateName(12)).toBeNull()
    expect(evseStateName(-1)).toBeNull()
    expect(EvseErrorStates).toHaveLength(7)
    expect(isEvseErrorState(EvseState.EPO_F)).toBe(true)
    expect(isEvseErrorState(EvseState.EV_CONNECTED_B1_B2)).toBe(false)
  })
})

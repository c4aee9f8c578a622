/**
 * SystemConfig writes read back field by field, and service codes proven by
 * the charger's answer and uptime, against each spelling of the code's key.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { noteCode } from '@shared/i18n/localize'
import { writeConfig } from './config-write'
import { otaRequest, runServiceCode } from './service'
import { type Bench, bench } from './test/setup'

let b: Bench
afterEach(() => b?.sim.dispose())

describe('SystemConfig writes', () => {
  it('sends only what differs, reads it back and finds every field applied', async () => {
    b = await bench()
    const r = await writeConfig(b.client, { ChargeCurrent: 10, ChargeCurrentBoost: 32, ChargeAutoStart: true })
    expect(r.sent).toEqual({ ChargeCurrent: 10, ChargeAutoStart: true })
    expect(r.ok).toBe(true)
    expect(r.fields.map((f) => [f.field, f.before, f.after, f.applied])).toEqual([
      ['ChargeCurrent', 16, 10, true],
      ['ChargeAutoStart', false, true, true],
    ])
    expect(b.sim.charger.config.ChargeCurrent).toBe(10)
  })

  it('a write answered 200 and not applied: every field reported as not applied, ignored', async () => {
    b = await bench()
    b.sim.ignoreWrites(1)
    const r = await writeConfig(b.client, { ChargeCurrent: 10 })
    expect(r.ok).toBe(false)
    expect(r.fields).toEqual([{ field: 'ChargeCurrent', before: 16, wanted: 10, after: 16, applied: false, reason: 'ignored' }])
  })

  it('an IP meter type without a valid IP in the same write is not taken; the other fields are', async () => {
    b = await bench()
    const r = await writeConfig(b.client, { Meter1Type: 4, ChargeCurrent: 12 })
    expect(r.fields.find((f) => f.field === 'Meter1Type')).toMatchObject({ applied: false, reason: 'ipMeterNeedsIp', after: 1 })
    expect(r.fields.find((f) => f.field === 'ChargeCurrent')?.applied).toBe(true)
  })

  it('an IP meter type with no address to send is held back, never sent with an empty address nor called applied', async () => {
    b = await bench()
    const posted: object[] = []
    const write = b.sim.charger.write.bind(b.sim.charger)
    b.sim.charger.write = (fields) => (posted.push(fields), write(fields))
    const r = await writeConfig(b.client, { Meter1Type: 4, ChargeCurrent: 13 })
    expect(r.sent).toEqual({ ChargeCurrent: 13 })
    expect(r.fields.map((f) => [f.field, f.applied, f.reason])).toEqual([
      ['ChargeCurrent', true, null],
      ['Meter1Type', false, 'ipMeterNeedsIp'],
    ])
    expect(r.ok).toBe(false)
    expect(posted).toEqual([{ ChargeCurrent: 13 }])
  })

  it('an empty meter address is never written', async () => {
    b = await bench()
    await writeConfig(b.client, { Meter2Type: 4, Meter2Ip: '192.168.0.30' })
    const r = await writeConfig(b.client, { Meter2Type: 1, Meter2Ip: '' })
    expect(r.sent).toEqual({ Meter2Type: 1 })
    expect(r.fields.find((f) => f.field === 'Meter2Ip')).toMatchObject({ applied: false, reason: 'emptyIp', after: '192.168.0.30' })
    expect(b.sim.charger.config.Meter2Ip).toBe('192.168.0.30')
  })

  it('an IP meter type is written together with its address, and taken', async () => {
    b = await bench()
    const r = await writeConfig(b.client, { Meter2Type: 4, Meter2Ip: '192.168.0.30' })
    expect(r.sent).toEqual({ Meter2Type: 4, Meter2Ip: '192.168.0.30' })
    expect(r.ok).toBe(true)
    // a later change of type alone still carries the address already set
    expect((await writeConfig(b.client, { Meter2Type: 5 })).sent).toEqual({ Meter2Type: 5, Meter2Ip: '192.168.0.30' })
  })

  it('a value outside what the charger takes is reported as out of range', async () => {
    b = await bench()
    const r = await writeConfig(b.client, { ChargeCurrent: 80 })
    expect(r.fields[0]).toMatchObject({ applied: false, reason: 'outOfRange' })
  })

  it('a write whose answer is lost is read back, not sent again', async () => {
    b = await bench()
    // the fault waits for the POST: the read before it passes
    void b.sim.server.nextCall('/webapi/v1/SystemConfig').then(() => b.sim.server.inject('/webapi/v1/SystemConfig', { kind: 'truncated' }))
    const r = await writeConfig(b.client, { ChargeCurrent: 20 })
    expect(r.answerError).toBe('evseCutOff')
    expect(r.ok).toBe(true)
    expect(b.posts('SystemConfig')).toBe(1)
  })

  it('nothing to change: nothing is sent', async () => {
    b = await bench()
    expect((await writeConfig(b.client, { ChargeCurrent: 16 })).sent).toBeNull()
    expect(b.posts('SystemConfig')).toBe(0)
  })
})

describe('service codes', () => {
  for (const scodeKey of ['SCode', 'Scode'] as const) {
    it(`Reset on a charger that reads "${scodeKey}": taken, and the restart seen in the uptime`, async () => {
      b = await bench({ scodeKey })
      await b.clock.sleep(100_000)
      const r = await runServiceCode(b.client, b.clock, 'Reset')
      expect(r.keyTaken).toBe(scodeKey)
      expect(r.sent.map((s) => Object.keys(s)[0])).toEqual(scodeKey === 'SCode' ? ['SCode'] : ['SCode', 'Scode'])
      expect(r).toMatchObject({ effect: { seen: true }, outcome: 'confirmed' })
      expect((await b.client.info()).uptimeMs).toBeLessThan(100_000)
    })
  }

  it('a Reset the charger acknowledges and never carries out: not confirmed, after the deadline', async () => {
    b = await bench()
    await b.clock.sleep(100_000)
    b.sim.server.route('POST', '/webapi/v1/SystemInfo', () => ({ body: { Reset: 'Performing' } }))
    const r = await runServiceCode(b.client, b.clock, 'Reset')
    expect(r).toMatchObject({ keyTaken: null, effect: { seen: false }, outcome: 'notConfirmed' })
    expect(b.posts('SystemInfo')).toBe(1)
  })

  it('FactoryDefault restores the defaults and restarts', async () => {
    b = await bench()
    await b.clock.sleep(30_000)
    await writeConfig(b.client, { ChargeCurrent: 10 })
    const r = await runServiceCode(b.client, b.clock, 'FactoryDefault')
    expect(r.outcome).toBe('confirmed')
    expect((await b.client.config()).config.ChargeCurrent).toBe(16)
  })

  it('WiFiSetToAP: taken, and the charger then refuses firmware checks as in AP mode', async () => {
    b = await bench({ scodeKey: 'Scode' })
    const r = await runServiceCode(b.client, b.clock, 'WiFiSetToAP')
    expect(r).toMatchObject({ outcome: 'confirmed', keyTaken: 'Scode' })
    const info = await b.client.info()
    expect(info.otaCheckAllowed).toBe(false)
    expect(info.otaMessage).toBe('Operacja nie dozwolona w trybie WiFi AP!')
    expect((await otaRequest(b.client, 'UpdateCheckToggle')).sent).toBe(false)
  })

  it('a code the charger takes under neither spelling is reported as not taken', async () => {
    b = await bench()
    b.sim.ignoreWrites(2)
    const r = await runServiceCode(b.client, b.clock, 'Reset')
    expect(r).toMatchObject({ outcome: 'notTaken', keyTaken: null, effect: { seen: false } })
    expect(b.posts('SystemInfo')).toBe(2)
  })

  it('a lost answer to a service code is not followed by the other spelling', async () => {
    b = await bench()
    void b.sim.server.nextCall('/webapi/v1/SystemInfo').then(() => b.sim.server.inject('/webapi/v1/SystemInfo', { kind: 'reset' }))
    const r = await runServiceCode(b.client, b.clock, 'WiFiSetToAP')
    expect(r).toMatchObject({ outcome: 'notConfirmed' })
    // kept as the record's note: the code with the charger's address
    expect(noteCode(r.answerError!)).toBe('evseCutOff')
    expect(r.answerError).toContain(`host=${encodeURIComponent(b.client.host)}`)
    expect(b.posts('SystemInfo')).toBe(1)
  })
})

describe('firmware update', () => {
  it('checks, finds a newer version, runs it only once allowed, and comes back on it', async () => {
    b = await bench({}, { newerFirmware: '0.9.3' })
    expect((await otaRequest(b.client, 'UpdateRunToggle')).sent).toBe(false)
    const check = await otaRequest(b.client, 'UpdateCheckToggle')
    expect(check.info).toMatchObject({ otaUpdateAllowed: true, otaMessage: 'Dostępna nowa wersja: 0.9.3' })
    expect((await otaRequest(b.client, 'UpdateRunToggle')).sent).toBe(true)
    await b.clock.sleep(10_000)
    expect((await b.client.info()).systemVersion).toBe('0.9.3')
  })
})

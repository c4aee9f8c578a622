import { describe, expect, it } from 'vitest'
import { AppError } from '@shared/contract'
import { commandFromWords } from './command-words'
import { defaultProfile, parseProfile } from './profile'

function refusal(text: string): AppError {
  try {
    parseProfile(text)
  } catch (err) {
    if (err instanceof AppError) return err
    throw err
  }
  throw new Error('expected the profile to be refused')
}

describe('test profiles', () => {
  it('ship a default that says its units are assumed', () => {
    expect(defaultProfile.id).toBe('default')
    expect(defaultProfile.note).toMatch(/no units/)
    expect(defaultProfile.channels).toHaveLength(9)
    expect(parseProfile(JSON.stringify(defaultProfile))).toEqual(defaultProfile)
  })

  it('accept a copy with other bands, a byte-order mark and no id', () => {
    const { id: _id, ...copy } = defaultProfile
    const profile = parseProfile(`\uFEFF${JSON.stringify({ ...copy, name: 'Line 3', channels: copy.channels.map(() => ({ min: 1, max: 2 })) })}`)
    expect(profile.name).toBe('Line 3')
    expect(profile.id).toBeUndefined()
  })

  it('refuse what is not a profile, naming the field', () => {
    expect(refusal('{ not json').code).toBe('cabinetProfileNotJson')
    expect(refusal(JSON.stringify({ ...defaultProfile, format: 'other' })).code).toBe('cabinetProfileWrongFormat')
    expect(refusal(JSON.stringify({ ...defaultProfile, channels: defaultProfile.channels.slice(0, 8) }))).toMatchObject({ code: 'cabinetProfileInvalid', params: { field: 'channels' } })
    const inverted = defaultProfile.channels.map((band, i) => (i === 3 ? { min: 2, max: 1 } : band))
    expect(refusal(JSON.stringify({ ...defaultProfile, channels: inverted }))).toMatchObject({ code: 'cabinetProfileBand', params: { field: 'channels.3' } })
    expect(refusal(JSON.stringify({ ...defaultProfile, relayOffMaxCurrent: 1 }))).toMatchObject({ code: 'cabinetProfileBand', params: { field: 'relayOffMaxCurrent' } })
    expect(refusal(JSON.stringify({ ...defaultProfile, timing: { ...defaultProfile.timing, answerTimeoutMs: 0 } }))).toMatchObject({
      code: 'cabinetProfileInvalid',
      params: { field: 'timing.answerTimeoutMs' },
    })
    expect(refusal(JSON.stringify({ ...defaultProfile, extra: 1 })).code).toBe('cabinetProfileInvalid')
  })
})

describe('command words', () => {
  it('name every catalogue command on a command line', () => {
    expect(commandFromWords(['open-all-locks'])).toEqual({ kind: 'openAllLocks' })
    expect(commandFromWords(['open-lock', '8'])).toEqual({ kind: 'openLock', slot: 8 })
    expect(commandFromWords(['relays', 'off'])).toEqual({ kind: 'allRelays', on: false })
    expect(commandFromWords(['RELAY', '2', 'ON'])).toEqual({ kind: 'relay', relay: 2, on: true })
    expect(commandFromWords(['fan', 'on'])).toEqual({ kind: 'fan', on: true })
    expect(commandFromWords(['current', '9'])).toEqual({ kind: 'readCurrent', channel: 9 })
    expect(commandFromWords(['voltage'])).toEqual({ kind: 'readVoltage' })
    expect(commandFromWords(['power'])).toEqual({ kind: 'readActivePower' })
    expect(commandFromWords(['energy'])).toEqual({ kind: 'readEnergy' })
    expect(commandFromWords(['temp-internal'])).toEqual({ kind: 'readInternalTemperature' })
    expect(commandFromWords(['temp-external'])).toEqual({ kind: 'readExternalTemperature' })
    expect(commandFromWords(['reboot'])).toEqual({ kind: 'reboot' })
  })

  it('leave anything else to the raw-frame parser', () => {
    for (const words of [['open-lock', '9'], ['relay', '2'], ['current', '0'], ['comm,01,01103300000000'], ['voltage', '1'], []]) {
      expect(commandFromWords(words), words.join(' ')).toBeNull()
    }
  })
})

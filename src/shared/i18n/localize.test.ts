import { describe, expect, it } from 'vitest'
import { deviceIdLabel, labelledMeta, localizeMeasurement, localizeNote, localizeStep, noteCode, noteWithParams, type Translate } from './localize'

/** A translator over a flat table, enough to check which keys the helpers ask for (a count takes the `_other` form). */
function table(entries: Record<string, string>): Translate {
  const t = ((key: string, options: Record<string, unknown> = {}) =>
    (entries[key] ?? (options.count === undefined ? undefined : entries[`${key}_other`]) ?? key).replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options[name] ?? ''))) as Translate
  t.exists = (key) => key in entries
  return t
}

describe('job localizers', () => {
  const t = table({
    'linkCheck:steps.echo': 'Echo',
    'cabinet:steps.relaysOn': 'All relays on',
    'cabinet:measurements.current': 'Current, channel {{n}}',
    'cabinet:measurements.voltage': 'Voltage',
    'evseSite:steps.charger': 'Charger {{n}}',
    'cabinet:notes.doorNotReported': 'No close report',
    'cabinet:meta.profile': 'Test profile',
    'errors:timeout': 'No answer',
  })

  it('look up a job in its own namespace, or the one its module names', () => {
    expect(localizeStep(t, 'linkCheck', 'echo')).toBe('Echo')
    expect(localizeStep(t, 'cabinetTest', 'relaysOn')).toBe('All relays on')
    expect(localizeStep(t, 'cabinetTest', 'unknownStep')).toBe('unknownStep')
    expect(localizeNote(t, 'cabinetTest', 'doorNotReported')).toBe('No close report')
    expect(localizeNote(t, 'cabinetTest', 'timeout')).toBe('No answer')
  })

  it('word a note about numbered slots or channels with the list and its count, and leave a typed note as it is', () => {
    const listed = table({ 'cabinet:notes.channelOutOfBand_other': 'Out of band ({{count}}): channels {{list}}' })
    expect(localizeNote(listed, 'cabinetTest', 'channelOutOfBand:3,6')).toBe('Out of band (2): channels 3, 6')
    expect(localizeNote(listed, 'cabinetTest', 'checked door:3,6')).toBe('checked door:3,6')
    expect(localizeNote(listed, 'cabinetTest', 'unknownCode:3')).toBe('unknownCode:3')
  })

  it('word an error kept as a note with the parameters it was raised with', () => {
    const words = table({ 'errors:evseTimeout': 'The charger at {{host}} did not answer within {{seconds}} s', 'evseSite:notes.ignored': 'Ignored by {{host}}' })
    const note = noteWithParams('evseTimeout', { host: '192.168.1.20:8080', seconds: 5 })
    expect(note).toBe('evseTimeout?host=192.168.1.20%3A8080&seconds=5')
    expect(noteCode(note)).toBe('evseTimeout')
    expect(localizeNote(words, 'evseSite', note)).toBe('The charger at 192.168.1.20:8080 did not answer within 5 s')
    expect(localizeNote(words, 'evseSite', noteWithParams('ignored', { host: '127.0.0.2' }))).toBe('Ignored by 127.0.0.2')
    expect(noteWithParams('ignored')).toBe('ignored')
    expect(localizeNote(words, 'evseSite', 'ok?')).toBe('ok?')
    expect(localizeNote(words, 'evseSite', 'unknownCode?host=x')).toBe('unknownCode?host=x')
  })

  it('give a numbered step the text of its stem with the number, as a measurement', () => {
    expect(localizeStep(t, 'evseSite', 'charger3')).toBe('Charger 3')
    expect(localizeStep(t, 'evseSite', 'meter2')).toBe('meter2')
  })

  it('give a numbered measurement the text of its stem with the number', () => {
    expect(localizeMeasurement(t, 'cabinetTest', 'current7')).toBe('Current, channel 7')
    expect(localizeMeasurement(t, 'cabinetTest', 'voltage')).toBe('Voltage')
    expect(localizeMeasurement(t, 'cabinetTest', 'power2')).toBe('power2')
  })

  it('label only the meta entries the job names, skipping objects', () => {
    expect(labelledMeta(t, 'cabinetTest', { profile: 'Default', keyTable: { '11': 0 }, internal: 'x' })).toEqual([
      { key: 'profile', label: 'Test profile', value: 'Default' },
    ])
  })

  it("word a localizable meta text in the reader's language, or keep it as written", () => {
    const words = table({ 'cabinet:meta.profile': 'Profil', 'cabinet:profiles.defaultName': 'Domyślny' })
    expect(labelledMeta(words, 'cabinetTest', { profile: { key: 'cabinet:profiles.defaultName', text: 'Default' } })[0]?.value).toBe('Domyślny')
    expect(labelledMeta(words, 'cabinetTest', { profile: { key: 'cabinet:profiles.otherName', text: 'Line 3' } })[0]?.value).toBe('Line 3')
  })

  it('name a device identifier by what it is, not by its key', () => {
    const ids = table({ 'records:deviceIdKinds.usbSerial': 'USB serial number' })
    expect(deviceIdLabel(ids, 'usbSerial')).toBe('USB serial number')
    expect(deviceIdLabel(ids, 'somethingNew')).toBe('somethingNew')
  })
})

/**
 * The charger's configuration in words, over the real locale files: its
 * numbered choices (charger mode, lock, meter types, power limiting) by name
 * in each language, wherever a configuration is shown — a site template's
 * fields, a write's outcome, and the records of every job that writes one.
 */
import { describe, expect, it } from 'vitest'
import { Languages } from '@shared/contract'
import { evseConfigValueText } from '@shared/i18n/evse-setup'
import { settingValueText } from '@shared/i18n/measurement-text'
import { translatorFor } from './i18n'

describe('the charger configuration in words', () => {
  it.each([...Languages])('in %s: numbered choices by name, flags as yes or no, other values as they are', async (language) => {
    const t = await translatorFor(language)
    expect(evseConfigValueText(t, 'ChargerMode', 1)).toBe(t('evse:option.chargerMode1'))
    expect(evseConfigValueText(t, 'LockMethod', 0)).toBe(t('evse:option.lockMethod0'))
    expect(evseConfigValueText(t, 'Meter1Type', 4)).toBe(t('evse:option.meterType4'))
    expect(evseConfigValueText(t, 'Meter2Type', 7)).toBe(t('evse:option.meterType7'))
    expect(evseConfigValueText(t, 'ControlStrategy', 1)).toBe(t('evse:option.controlStrategy1'))
    for (const field of ['ChargerMode', 'Meter1Type', 'Meter2Type'] as const) expect(evseConfigValueText(t, field, 1)).not.toMatch(/^\d+$|option\./)
    expect(evseConfigValueText(t, 'ChargeAutoStart', true)).toBe(t('common:yes'))
    expect(evseConfigValueText(t, 'ChargeCurrent', 16)).toBe('16')
    expect(evseConfigValueText(t, 'Meter1Ip', '')).toBe('—')
    // a number the document does not list stays a number
    expect(evseConfigValueText(t, 'Meter1Type', 42)).toBe('42')
  })

  it.each([...Languages])('in %s: the template job and the service job record the choices by name, as the setup job does', async (language) => {
    const t = await translatorFor(language)
    for (const jobType of ['evseSetup', 'evseSite', 'evseService']) {
      expect(settingValueText(t, jobType, 'chargerMode', 0, String), jobType).toBe(t('evse:option.chargerMode0'))
      expect(settingValueText(t, jobType, 'meter2Type', 5, String), jobType).toBe(t('evse:option.meterType5'))
    }
  })
})

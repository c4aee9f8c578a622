/**
 * The wording of recorded Fox ESS measurements, shared by the record page and
 * the report, over the real locale files: names and values, never API fields.
 */
import { describe, expect, it } from 'vitest'
import { Languages, type Measurement } from '@shared/contract'
import { measurementText, valueText } from '@shared/i18n/measurement-text'
import { translatorFor } from './i18n'

const API_NAMES = /deviceStatus|faultArmFlag2|meterConnected|meterStatus|checking|threePhaseSingle|bmsCommunication|notChecking/

/** what the CT flow records for its conditions: each condition's raw field(s), joined by ' / ' */
const preconditions = (deviceStatus: string): Measurement[] => [
  { key: 'deviceStatus', value: deviceStatus, verdict: deviceStatus === '2' ? 'pass' : 'fail' },
  { key: 'bmsCommunication', value: '0', verdict: deviceStatus === '2' ? 'pass' : 'info' },
  { key: 'meterConnected', value: '1 / 1', verdict: deviceStatus === '2' ? 'pass' : 'info' },
  { key: 'notChecking', value: '0', verdict: 'pass' },
]

describe('recorded Fox ESS measurements in words', () => {
  it.each([...Languages])('in %s: the CT conditions and the system by name, no API field', async (language) => {
    const t = await translatorFor(language)
    const num = (n: number) => n.toLocaleString(language)
    for (const jobType of ['ctDetection', 'inverterCommissioning']) {
      const step = { key: 'preconditions', measurements: preconditions('2') }
      for (const m of step.measurements) {
        const text = measurementText(t, jobType, step, m, num)
        expect(`${text.label} ${text.value}`, `${jobType} ${m.key}`).not.toMatch(API_NAMES)
        expect(text.decoded).toBe(true)
      }
      const applicability = { key: 'applicability', measurements: [{ key: 'system', value: 'threePhaseSingle' }] }
      const system = measurementText(t, jobType, applicability, applicability.measurements[0]!, num)
      expect(system.value).toBe(t('ct:systems.threePhaseSingle'))
      expect(`${system.label} ${system.value}`).not.toMatch(API_NAMES)
    }
  })

  it('an offline inverter: its BMS and meter read as not known, though their fields say 0 and 1', async () => {
    const t = await translatorFor('en')
    const step = { key: 'preconditions', measurements: preconditions('-1') }
    const values = step.measurements.map((m) => measurementText(t, 'ctDetection', step, m, String).value)
    expect(values).toEqual(['Offline', t('ct:reasons.unknownOffline'), t('ct:reasons.unknownOffline'), 'Waiting'])
  })

  it('the commissioning device status by its own table, numbers in the reader’s format', async () => {
    const t = await translatorFor('pl')
    const device = { key: 'device', measurements: [{ key: 'deviceStatus', value: 1 }, { key: 'loggerSignal', value: 1234.5 }] }
    const [status, signal] = device.measurements.map((m) => measurementText(t, 'inverterCommissioning', device, m, (n) => n.toLocaleString('pl')))
    expect(status).toEqual({ label: t('records:report.inverterStatus'), value: t('foxess:deviceStatus.s1'), decoded: true })
    expect(signal).toMatchObject({ value: (1234.5).toLocaleString('pl'), decoded: false })
  })

  it.each([...Languages])('in %s: a recorded schedule names its work modes in words, before and after alike', async (language) => {
    const t = await translatorFor(language)
    const schedule = '00:00–05:59 SelfUse, 17:00–21:59 ForceDischarge'
    const step = { key: 'settings', measurements: [{ key: 'scheduler', value: schedule, before: '00:00–05:59 Feedin' }] }
    const text = measurementText(t, 'inverterCommissioning', step, step.measurements[0]!, String)
    expect(text.value).toBe(`00:00–05:59 ${t('foxess:workModes.selfUse')}, 17:00–21:59 ${t('foxess:workModes.forceDischarge')}`)
    expect(valueText(t, step.measurements[0]!.before, String)).toBe(`00:00–05:59 ${t('foxess:workModes.feedin')}`)
    expect(text.value).not.toMatch(/SelfUse|ForceDischarge/)
  })
})

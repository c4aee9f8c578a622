/**
 * Every report type in every language, from records written the way each job
 * writes them: the summary comes before the first step, no API field name
 * reaches the body, and raw frames appear only in the appendix.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { Languages, type JobType, type Language } from '@shared/contract'
import type { RecordStore } from '../store/records'
import { formatDateTime, intlLocale } from '@shared/i18n/time'
import { esc } from './esc'
import { renderRecordHtml } from './html'
import { translatorFor } from './i18n'
import { newStore, REPORT_FIXTURES } from './test/fixtures'

/** identifiers from the device's API and the record's keys that a person must never read in a report body */
const API_NAMES = [
  'deviceStatus',
  'faultArmFlag2',
  'threePhaseSingle',
  'meterConnected',
  'meterStatus',
  'phaseFlag',
  'notChecking',
  'bmsCommunication',
  'runningState',
  'gridConsumptionPower',
  'masterVersion',
  'timezone',
  'lockOpened',
  'relayOn',
  'patternAllBytes',
  'bit0',
]

let store: RecordStore | null = null
afterEach(() => store?.close())

async function render(jobType: JobType, language: Language, appTimeZone = 'Asia/Shanghai') {
  store = newStore()
  const id = REPORT_FIXTURES[jobType as keyof typeof REPORT_FIXTURES](store)
  const record = store.get(id)
  const html = renderRecordHtml(record, store.allExchanges(id), { t: await translatorFor(language), language, appVersion: '1.0.0', generatedAt: record.finishedAt!, appTimeZone })
  const appendixAt = html.indexOf('<details class="appendix"')
  const firstStep = html.indexOf('<section class="step"')
  return { record, html, body: html.slice(0, appendixAt), appendix: html.slice(appendixAt), firstStep, appendixAt }
}

describe.each(Object.keys(REPORT_FIXTURES) as JobType[])('the %s report', (jobType) => {
  it.each([...Languages])('in %s: the summary first, decoded steps, raw data only in the closed appendix', async (language) => {
    const { record, html, body, appendix, firstStep, appendixAt } = await render(jobType, language)
    const t = await translatorFor(language)
    expect(firstStep).toBeGreaterThan(0)
    expect(appendixAt).toBeGreaterThan(firstStep)
    const head = html.slice(0, firstStep)
    const verdict = t(`records:verdict.${record.verdict}`)
    for (const field of [verdict, record.site, record.customer, record.deviceSerial, record.operator]) expect(head).toContain(esc(field))
    const zone = jobType === 'inverterCommissioning' ? 'Europe/Warsaw' : 'Asia/Shanghai'
    expect(head).toContain(formatDateTime(record.startedAt, language, { timeZone: zone }))
    // 24-hour in Chinese and Polish, whatever the computer's own convention
    if (language !== 'en') expect(head).not.toMatch(/\b[AP]M\b|上午|下午/)
    expect(head).toContain(zone)
    for (const name of API_NAMES) expect(body, name).not.toContain(name)
    expect(appendix.startsWith('<details class="appendix" id="appendix">')).toBe(true)
    for (const x of store!.allExchanges(record.id).slice(0, 400)) {
      expect(body).not.toContain(x.data.slice(0, 40).replace(/"/g, '&quot;'))
      expect(appendix).toContain(x.data.slice(0, 40).replace(/"/g, '&quot;'))
    }
  })
})

describe('report details', () => {
  it('says the zone is the plant’s for a Fox ESS job and the computer’s otherwise', async () => {
    const t = await translatorFor('en')
    expect((await render('inverterCommissioning', 'en')).body).toContain(esc(t('records:report.zoneSite', { zone: 'Europe/Warsaw' })))
    expect((await render('ctDetection', 'en', 'Europe/Berlin')).body).toContain(esc(t('records:report.zoneApp', { zone: 'Europe/Berlin' })))
  })

  it('names running states, faults and CT conditions in the report language', async () => {
    const pl = await translatorFor('pl')
    const { body } = await render('inverterCommissioning', 'pl')
    expect(body).toContain(pl('foxessStates:runningState.s163'))
    expect(body).toContain(pl('foxessFaults:f1'))
    expect(body).toContain(pl('foxess:deviceStatus.s1'))
    const ct = (await render('ctDetection', 'zh')).body
    const zh = await translatorFor('zh')
    for (const key of ['ct:reasons.onGrid', 'ct:reasons.bmsOk', 'ct:conditions.bmsCommunication', 'ct:systems.threePhaseSingle']) expect(ct).toContain(zh(key))
  })

  it('draws the CT wiring of each run, the first with a crossed and a reversed CT', async () => {
    const { body } = await render('ctDetection', 'en')
    const figures = body.match(/<figure class="wiring" data-attempt="(\d)">/g) ?? []
    expect(figures).toEqual(['<figure class="wiring" data-attempt="1">', '<figure class="wiring" data-attempt="2">'])
    const [first, second] = body.split('<figure class="wiring"').slice(1)
    expect(first).toContain('data-position="1" data-wrong="true"')
    expect(first).toContain('data-position="3" data-wrong="false" data-reversed="true"')
    expect(second).not.toContain('data-wrong="true"')
    expect(second).not.toContain('data-reversed="true"')
  })

  it('draws the CT wiring of each run in the commissioning report too', async () => {
    const { body } = await render('inverterCommissioning', 'pl')
    const figures = body.match(/<figure class="wiring" data-attempt="(\d)">/g) ?? []
    expect(figures).toEqual(['<figure class="wiring" data-attempt="1">', '<figure class="wiring" data-attempt="2">'])
    expect(body.split('<figure class="wiring"')[1]).toContain('data-position="1" data-wrong="true"')
  })

  it.each([...Languages])('in %s: shows each written setting as read before → read back, with what was asked when the device holds something else', async (language) => {
    const { body } = await render('inverterCommissioning', language)
    const t = await translatorFor(language)
    const settings = body.slice(body.indexOf(esc(t('foxess:steps.settings'))))
    expect(settings).toContain(`<td class="t">10 → 15</td>`)
    const num = (n: number) => new Intl.NumberFormat(intlLocale(language), { maximumFractionDigits: 3 }).format(n)
    expect(settings).toContain(`<td class="t">${esc(`${num(6000)} → ${num(6000)} (${t('records:report.asked', { value: num(8000) })})`)}</td>`)
  })

  it('draws the test charge curve in the EV charger report, labelled in the report language, and names the choices written', async () => {
    const { body } = await render('evseSetup', 'pl')
    const figure = body.split('<figure class="chart">')[1] ?? ''
    expect(figure).toContain('<svg')
    expect(figure).toContain('Moc ładowania (W)')
    expect(body).toContain('Ograniczanie mocy')
    expect(body).toContain('Bez optymalizacji → Ograniczanie mocy')
  })

  it('shows the note the installer typed as theirs', async () => {
    const t = await translatorFor('en')
    const { body } = await render('inverterCommissioning', 'en')
    expect(body).toContain(esc(t('records:report.typedNote', { operator: 'Marta Zając', text: 'PV string 2 reads 0 W in full sun' })))
  })

  it('lines a measurement up with its band and unit in columns', async () => {
    const { body } = await render('cabinetTest', 'en')
    expect(body).toMatch(/<td class="n">12<\/td><td class="n">400 … 600<\/td><td>mA<\/td><td class="v fail">FAIL<\/td>/)
  })

  it('keeps a cabinet report short: the steps hold no frame and the appendix holds them all', async () => {
    const { body, appendix, record } = await render('cabinetTest', 'en')
    expect(record.exchangeCount).toBeGreaterThan(600)
    expect(body.length).toBeLessThan(40_000)
    expect((appendix.match(/<td class="raw">AA01/g) ?? []).length).toBe(400)
  })

  it('opens the appendix when asked (a PDF cannot be clicked)', async () => {
    store = newStore()
    const id = REPORT_FIXTURES.linkCheck(store)
    const html = renderRecordHtml(store.get(id), store.allExchanges(id), { t: await translatorFor('en'), language: 'en', appVersion: '1', generatedAt: 0, appendixOpen: true })
    expect(html).toContain('<details class="appendix" id="appendix" open>')
  })

  it('prints on A4 with the appendix on a page of its own and no row or step cut across pages', async () => {
    const { html } = await render('cabinetTest', 'en')
    const print = /@media print\{(.*)\}\s*$/m.exec(html)?.[1] ?? ''
    expect(html).toContain('@page{size:A4')
    expect(print).toContain('.appendix{break-before:page}')
    expect(html).toMatch(/tr\{break-inside:avoid\}/)
    expect(html).toMatch(/\.step\{[^}]*break-inside:avoid/)
  })
})

describe('notes and retests', () => {
  async function cabinetWithRetest(language: Language) {
    store = newStore()
    const record = store.create({ jobType: 'cabinetTest', site: 'Line 2', operator: 'Anna Kowalska', deviceSerial: 'CAB-1' })
    const first = store.startStep(record.id, 'currents')
    store.finishStep(first, { verdict: 'fail', note: 'channelOutOfBand:6', measurements: [{ key: 'current6', value: 12, unit: 'mA', min: 400, max: 600, verdict: 'fail' }] })
    const typed = store.startStep(record.id, 'fan')
    store.finishStep(typed, { verdict: 'pass', note: 'Fan rattles <loose screw>' })
    const coded = store.startStep(record.id, 'readings')
    store.finishStep(coded, { verdict: 'fail', note: 'timeout' })
    // run again after a pass, before the retest (as a retest's relays go on again): no retest of anything
    const relaysBefore = store.startStep(record.id, 'fan')
    store.finishStep(relaysBefore, { verdict: 'pass' })
    const again = store.startStep(record.id, 'currents')
    store.finishStep(again, { verdict: 'pass', measurements: [{ key: 'current6', value: 503, unit: 'mA', min: 400, max: 600, verdict: 'pass' }] })
    store.finish(record.id, 'pass')
    const t = await translatorFor(language)
    return { t, html: renderRecordHtml(store.get(record.id), [], { t, language, appVersion: '1', generatedAt: 0, appTimeZone: 'UTC' }) }
  }

  it.each([...Languages])('in %s: a typed note is the operator’s, a code is worded, a retest names its step and the PASS says an attempt failed', async (language) => {
    const { t, html } = await cabinetWithRetest(language)
    expect(html).toContain(esc(t('records:report.typedNote', { operator: 'Anna Kowalska', text: 'Fan rattles <loose screw>' })))
    expect(html).toContain(esc(t('cabinet:notes.timeout')))
    expect(html).not.toContain('>timeout<')
    expect(html).toContain(`5. ${esc(t('cabinet:steps.currents'))} · ${esc(t('records:report.retestOf', { seq: 1 }))}`)
    expect(html).toContain(`4. ${esc(t('cabinet:steps.fan'))}</span>`)
    expect(html).toContain(esc(t('cabinet:notes.channelOutOfBand', { count: 1, list: '6' })))
    expect(html).not.toContain('channelOutOfBand')
    expect(html.slice(0, html.indexOf('<section class="step"'))).toContain(esc(t('records:report.earlierFailed', { steps: '1, 3' })))
  })
})

/**
 * One Polish word per concept, so a person who learnt it on one screen finds
 * it on the next: "rekord" for a job's record (the Records page is "Rekordy"),
 * "raport" for the report handed over, "test CT" for the CT check.
 * "Protokół" is left to a device's protocol.
 */
import { describe, expect, it } from 'vitest'
import { baseKey, GENERATED, loadFlat, namespaces } from './locales'

const UI_NAMESPACES = namespaces('pl').filter((ns) => !GENERATED.includes(ns))

/** Polish text with the English it translates (a plural form the English lacks takes its other form). */
function pairs(namespaces: string[]): { where: string; en: string; pl: string }[] {
  return namespaces.flatMap((ns) => {
    const en = loadFlat('en', ns)
    return Object.entries(loadFlat('pl', ns)).map(([key, pl]) => ({ where: `${ns}:${key}`, en: en[key] ?? en[`${baseKey(key)}_other`] ?? '', pl }))
  })
}

/** the shell's own texts and those of the inverter and cabinet jobs */
const SHELL_AND_JOBS = ['common', 'jobs', 'records', 'settings', 'errors', 'cli', 'devices', 'linkCheck', 'cabinet', 'foxess', 'ct', 'tables']

describe('Polish terms', () => {
  it('says "protokół" only for a protocol, never for a report or a record', () => {
    const wrong = pairs(UI_NAMESPACES).filter(({ en, pl }) => /protok[oó]ł/i.test(pl) && !/protocol/i.test(en))
    expect(wrong.map((p) => `${p.where}: ${p.pl}`)).toEqual([])
  })

  it('calls the CT check a test, as its steps and buttons do, never "wykrywanie"', () => {
    const wrong = pairs(UI_NAMESPACES).filter(({ pl }) => /wykrywani\w* CT/i.test(pl))
    expect(wrong.map((p) => `${p.where}: ${p.pl}`)).toEqual([])
  })

  it('calls a record "rekord", as the Records page does, never "zapis"', () => {
    const wrong = pairs(SHELL_AND_JOBS).filter(({ en, pl }) => /\brecords?\b/i.test(en) && /\bzapis(u|ie|em)?\b/i.test(pl))
    expect(wrong.map((p) => `${p.where}: ${p.pl}`)).toEqual([])
  })
})

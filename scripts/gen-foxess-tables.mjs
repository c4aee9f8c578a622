#!/usr/bin/env node
/**
 * Generates the Fox ESS device tables (113 variables, 771 fault codes, the
 * runningState enum) in zh, en and pl from the vendor's open API document
 * (docs/devices/foxess-cloud-open-api.txt, kept verbatim), plus our own names
 * where the vendor's are identifiers, English in the Chinese table or wrong
 * (scripts/foxess/: names-en.json, names-zh.json, pl-translations.json,
 * corrections.json), and each fault's class (fault-classes.json). The vendor's
 * text that ours replaces is kept as vendorEn / vendorZh / vendorPl. `--check`
 * compares with what is committed and exits non-zero on any difference.
 *
 * Readings of the seed's inconsistencies, chosen here:
 * - A fault whose English is a `TBDnnn` placeholder is unknown, whatever number
 *   the placeholder names (164 says TBD165, 1203 says TBD1202): the table's code wins.
 * - Polish text identical to the English text counts as missing Polish.
 * - `pv2Power` lacks its inverter-type flags: it is on both types, like pv1Power and pv3Power.
 * - 1161's Chinese (upper-case temperature sensors) was pasted from elsewhere: the
 *   firmware identifier cBatPreCharRlyPermFault and its neighbours (all permanent
 *   faults) win. 4026/4027 (and PV2–PV4 alike) and 1380 the other way round: their
 *   English repeats a neighbour's, the Chinese and the code's pattern win.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
export const SEED_NAME = 'docs/devices/foxess-cloud-open-api.txt'
export const SEED = join(root, SEED_NAME)

const LANG_FIELDS = ['zh_CN', 'en', 'pl', 'fr', 'pt', 'de']

export function parseSeed(text) {
  const lines = text.split(/\r?\n/)
  const dataAt = lines.indexOf('data:')
  const faultsAt = lines.indexOf('faults:')
  if (dataAt < 0 || faultsAt < 0) throw new Error('seed: variable or fault table not found')

  const variables = []
  let current = null
  let inEnum = false
  for (const line of lines.slice(dataAt + 1)) {
    if (line.startsWith('Error code information table')) break
    let m = /^- (\S+):$/.exec(line)
    if (m) {
      current = { key: m[1], names: {}, unit: '', flags: {} }
      variables.push(current)
      inEnum = false
      continue
    }
    if (!current) continue
    if (line === 'name:') continue
    if (line === 'enum:') {
      current.enum = {}
      inEnum = true
      continue
    }
    m = /^(\d+): (.*)$/.exec(line)
    if (m && inEnum) {
      current.enum[m[1]] = m[2].trim()
      continue
    }
    m = /^([A-Za-z_-]+(?: [a-z-]+)*): ?(.*)$/.exec(line)
    if (!m) throw new Error(`seed: unexpected variable line ${JSON.stringify(line)}`)
    const [, field, value] = m
    if (LANG_FIELDS.includes(field)) current.names[field] = value.trim()
    else if (field === 'unit') current.unit = value.trim().replace(/^"(.*)"$/, '$1')
    else if (field === 'Grid-tied inverter') current.flags.gridTied = value.trim() === 'true'
    else if (field === 'Energy-storage inverter') current.flags.storage = value.trim() === 'true'
    else throw new Error(`seed: unknown variable field ${field}`)
  }

  const faults = []
  let fault = null
  for (const line of lines.slice(faultsAt + 1)) {
    let m = /^(\d+):\s*(.*)$/.exec(line)
    if (m) {
      fault = { code: Number(m[1]), comment: m[2].replace(/^#/, '').trim(), text: {} }
      faults.push(fault)
      continue
    }
    m = /^\s*(zh_CN|en|pl): ?(.*)$/.exec(line)
    if (m && fault) {
      fault.text[m[1]] = m[2].trim()
      continue
    }
    break
  }
  return { variables, faults }
}

const isPlaceholder = (text) => /^TBD\d*$/.test(text ?? '')

/** Our name where there is one, and the vendor's text it replaces (undefined when the vendor's stands). */
function named(vendor, mine, what) {
  if (mine === undefined) return { text: vendor, replaced: undefined }
  if (mine === vendor) throw new Error(`${what}: our name equals the vendor's, drop it`)
  return { text: mine, replaced: vendor }
}

/** code → class, refusing a code in two classes or one the seed does not have. */
function classOf(faults, classes) {
  const codes = new Set(faults.map((f) => f.code))
  const out = new Map()
  for (const [cls, list] of Object.entries(classes)) {
    for (const code of list) {
      if (!codes.has(code)) throw new Error(`fault class ${cls}: no fault ${code} in the seed`)
      if (out.has(code)) throw new Error(`fault ${code} is in ${out.get(code)} and ${cls}`)
      out.set(code, cls)
    }
  }
  return out
}

export function buildTables(seedText, ours, corrections, names) {
  const { variables, faults } = parseSeed(seedText)
  for (const [lang, table] of [['en', names.en], ['zh', names.zh]]) {
    for (const key of Object.keys(table.variables)) if (!variables.some((v) => v.key === key)) throw new Error(`names-${lang}: no variable ${key}`)
    for (const code of Object.keys(table.faults)) if (!faults.some((f) => String(f.code) === code && !isPlaceholder(f.text.en))) throw new Error(`names-${lang}: no fault ${code}`)
  }
  const classes = classOf(faults, names.classes)
  const out = { en: { vars: {}, faults: {}, states: {} }, zh: { vars: {}, faults: {}, states: {} }, pl: { vars: {}, faults: {}, states: {} } }
  const meta = { source: 'foxess-cloud-open-api.txt', variables: [], faults: [] }

  for (const v of variables) {
    const vendorPl = v.names.pl
    const plMissing = !vendorPl || vendorPl === v.names.en
    const correction = corrections.variables[v.key]
    let pl = vendorPl
    let plSource = 'vendor'
    if (correction) {
      pl = correction
      plSource = 'fieldbench'
    } else if (plMissing) {
      pl = ours.variables[v.key]
      plSource = 'fieldbench'
      if (!pl) throw new Error(`no Polish for variable ${v.key}`)
    }
    const en = named(v.names.en, names.en.variables[v.key], `variable ${v.key}`)
    const zh = named(v.names.zh_CN, names.zh.variables[v.key], `variable ${v.key}`)
    out.en.vars[v.key] = en.text
    out.zh.vars[v.key] = zh.text
    out.pl.vars[v.key] = pl
    const entry = {
      key: v.key,
      unit: corrections.units[v.key] ?? v.unit,
      gridTied: v.flags.gridTied ?? true,
      storage: v.flags.storage ?? true,
      plSource,
    }
    if (en.replaced) entry.vendorEn = en.replaced
    if (zh.replaced) entry.vendorZh = zh.replaced
    if (corrections.units[v.key] && corrections.units[v.key] !== v.unit) entry.seedUnit = v.unit
    if (plSource === 'fieldbench' && vendorPl) entry.vendorPl = vendorPl
    if (v.enum) {
      entry.enum = Object.keys(v.enum).map(Number)
      const ourStates = v.key === 'runningState' ? ours.runningState : {}
      for (const [code, en] of Object.entries(v.enum)) {
        const mine = ourStates[code]
        if (!mine) throw new Error(`no zh/pl for ${v.key} ${code}`)
        ;(out.en.states[v.key] ??= {})[`s${code}`] = en.charAt(0).toUpperCase() + en.slice(1)
        ;(out.zh.states[v.key] ??= {})[`s${code}`] = mine.zh
        ;(out.pl.states[v.key] ??= {})[`s${code}`] = mine.pl
      }
    }
    meta.variables.push(entry)
  }

  for (const f of faults) {
    const placeholder = isPlaceholder(f.text.en)
    const entry = { code: f.code, placeholder }
    if (f.comment) {
      entry.seedComment = f.comment
      // "天合使用功能,不算故障": a status used by Trina, not a fault
      if (/不算故障/.test(f.comment)) entry.notAFault = true
    }
    if (!placeholder) {
      const vendorPl = f.text.pl
      const correction = corrections.faults[String(f.code)]
      let pl = vendorPl
      let plSource = 'vendor'
      if (correction) {
        pl = correction
        plSource = 'fieldbench'
      } else if (!vendorPl || vendorPl === f.text.en) {
        pl = ours.faults[String(f.code)]
        plSource = 'fieldbench'
        if (!pl) throw new Error(`no Polish for fault ${f.code}`)
      }
      const en = named(f.text.en, names.en.faults[String(f.code)], `fault ${f.code}`)
      const zh = named(f.text.zh_CN, names.zh.faults[String(f.code)], `fault ${f.code}`)
      out.en.faults[`f${f.code}`] = en.text
      out.zh.faults[`f${f.code}`] = zh.text
      out.pl.faults[`f${f.code}`] = pl
      entry.class = classes.get(f.code)
      if (!entry.class) throw new Error(`fault ${f.code} has no class in fault-classes.json`)
      entry.plSource = plSource
      if (en.replaced) entry.vendorEn = en.replaced
      if (zh.replaced) entry.vendorZh = zh.replaced
      if (plSource === 'fieldbench' && vendorPl) entry.vendorPl = vendorPl
    } else {
      if (classes.has(f.code)) throw new Error(`fault ${f.code} is a placeholder: it has no class`)
      if (f.text.en !== `TBD${f.code}`) entry.seedPlaceholder = f.text.en
    }
    meta.faults.push(entry)
  }
  meta.counts = {
    variables: meta.variables.length,
    faults: meta.faults.length,
    placeholders: meta.faults.filter((f) => f.placeholder).length,
    polishOurs: {
      variables: meta.variables.filter((v) => v.plSource === 'fieldbench').length,
      faults: meta.faults.filter((f) => f.plSource === 'fieldbench').length,
    },
  }
  return { out, meta }
}

export function renderFiles(seedText, ours, corrections, names) {
  const { out, meta } = buildTables(seedText, ours, corrections, names)
  const json = (v) => JSON.stringify(v, null, 2) + '\n'
  const files = { 'locales/foxess-tables.json': json(meta) }
  for (const lang of ['en', 'zh', 'pl']) {
    files[`locales/${lang}/foxessVariables.json`] = json(out[lang].vars)
    files[`locales/${lang}/foxessFaults.json`] = json(out[lang].faults)
    files[`locales/${lang}/foxessStates.json`] = json(out[lang].states)
  }
  return files
}

export function generate({ check = false } = {}) {
  const seedText = readFileSync(SEED, 'utf8')
  const ours = JSON.parse(readFileSync(join(root, 'scripts/foxess/pl-translations.json'), 'utf8'))
  const source = (name) => JSON.parse(readFileSync(join(root, 'scripts/foxess', name), 'utf8'))
  const corrections = source('corrections.json')
  const names = { en: source('names-en.json'), zh: source('names-zh.json'), classes: source('fault-classes.json').classes }
  const files = renderFiles(seedText, ours, corrections, names)
  const differs = []
  for (const [rel, content] of Object.entries(files)) {
    const path = join(root, rel)
    if (check) {
      let committed = null
      try {
        committed = readFileSync(path, 'utf8')
      } catch {
        // missing counts as different
      }
      if (committed !== content) differs.push(rel)
    } else {
      mkdirSync(dirname(path), { recursive: true })
      writeFileSync(path, content)
    }
  }
  return { files: Object.keys(files), differs }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check')
  const { files, differs } = generate({ check })
  if (check) {
    if (differs.length) {
      console.error(`Device tables differ from ${SEED_NAME}; run npm run gen:tables:\n  ${differs.join('\n  ')}`)
      process.exit(1)
    }
    console.log(`Device tables match ${SEED_NAME} (${files.length} files).`)
  } else {
    console.log(`Wrote ${files.length} files.`)
  }
}

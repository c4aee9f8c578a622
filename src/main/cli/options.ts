/**
 * The command line, parsed once and strictly: every command declares its
 * options here (what each takes and what a valid value looks like), and
 * anything else is a usage error in one localized line naming the option and
 * what it expects. Values reach the commands typed and already checked.
 */
import { type ParseArgsOptionsConfig, parseArgs } from 'node:util'
import { Languages } from '@shared/contract'
import type { Translate } from '@shared/i18n/localize'

/** A usage error: exit 2, one line for the person at the bench. */
export class UsageError extends Error {}

/** What an option expects, as a key under `cli:expects` and its parameters. */
interface Expects {
  key: string
  params?: Record<string, string | number>
}

export interface Option<T> {
  takesValue: boolean
  multiple?: boolean
  expects: Expects
  /** the value, or undefined when the text is not of the expected shape */
  parse(raw: string): T | undefined
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
const CONTROL = /[\u0000-\u001f\u007f]/g

const hasControl = (s: string) => s.search(CONTROL) !== -1

const valued = <T>(expects: Expects, parse: (raw: string) => T | undefined): Option<T> => ({ takesValue: true, expects, parse })

/** YYYY-MM-DD that names a real day (Date.parse would roll 2026-02-30 over into March). */
function calendarDay(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
}

export const opt = {
  /** present or not; `--json=maybe` is refused rather than read as true */
  flag: (): Option<boolean> => ({ takesValue: false, expects: { key: 'flag' }, parse: () => true }),
  text: (max = 200): Option<string> => valued({ key: 'text', params: { max } }, (s) => (s.length <= max ? s : undefined)),
  /** a file, folder or port path: not empty, no control characters */
  path: (what: 'path' | 'file' | 'folder' = 'path'): Option<string> =>
    valued({ key: what }, (s) => (s.trim() !== '' && s.length <= 4096 && !hasControl(s) ? s : undefined)),
  int: (min: number, max: number): Option<number> =>
    valued({ key: 'int', params: { min, max } }, (s) => {
      if (!/^[+-]?\d{1,16}$/.test(s)) return undefined
      const n = Number(s)
      return n >= min && n <= max ? n : undefined
    }),
  /** a decimal number; its range is left to the check that knows it */
  number: (): Option<number> => valued({ key: 'number' }, (s) => (/^[+-]?(\d{1,15}(\.\d{0,6})?|\.\d{1,6})$/.test(s) ? Number(s) : undefined)),
  oneOf: <const T extends string>(values: readonly T[]): Option<T> =>
    valued({ key: 'oneOf', params: { values: values.join(', ') } }, (s) => (values as readonly string[]).includes(s) ? (s as T) : undefined),
  /** a calendar day, kept as YYYY-MM-DD */
  day: (): Option<string> => valued({ key: 'day' }, (s) => (calendarDay(s) ? s : undefined)),
  /** a day (midnight UTC) or a day and time (local unless it carries Z or an offset), as epoch milliseconds */
  time: (): Option<number> =>
    valued({ key: 'time' }, (s) => {
      const m = /^(\d{4}-\d{2}-\d{2})(?:[T ]([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,3})?)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?)?$/.exec(s)
      if (!m || !calendarDay(m[1]!)) return undefined
      const ms = Date.parse(s.replace(' ', 'T'))
      return Number.isFinite(ms) ? ms : undefined
    }),
  /** names separated by commas or spaces */
  list: (): Option<string[]> =>
    valued({ key: 'list' }, (s) => {
      const items = s.split(/[,\s]+/).filter(Boolean)
      return items.length && items.every((i) => i.length <= 64 && !hasControl(i)) ? items : undefined
    }),
  /** the same option given more than once: `parse` checks one value, `readOptions` gathers them */
  many: <T>(one: Option<T>): Option<T[]> => ({ ...one, multiple: true, parse: (s) => one.parse(s) as unknown as T[] | undefined }),
}

export type OptionSpec = Record<string, Option<unknown>>
export type Values<S extends OptionSpec> = { [K in keyof S]?: NonNullable<S[K]> extends Option<infer T> ? T : never }

/** Every command: `--json`, `--lang`, `--data-dir`, `--help`, `--version`. */
export const globalOptions = {
  json: opt.flag(),
  lang: opt.oneOf(Languages),
  'data-dir': opt.path('folder'),
  help: opt.flag(),
  version: opt.flag(),
} satisfies OptionSpec

const SHORT: Record<string, string> = { h: 'help' }

export interface CommandSpec {
  /** the command's words, e.g. ['records', 'list'] */
  words: readonly string[]
  options: OptionSpec
  /** how many arguments may follow the words */
  args?: { max: number }
}

export interface Parsed {
  /** words and arguments, in order */
  positionals: string[]
  /** option tokens by name; values still raw */
  tokens: { name: string; raw: string; value?: string; inline: boolean }[]
}

/**
 * Splits the command line. Which options take a value is the same in every
 * command (checked by a test), so this first pass needs no command yet.
 */
export function tokenize(args: string[], specs: readonly CommandSpec[]): Parsed {
  const config: ParseArgsOptionsConfig = {}
  for (const spec of [{ words: [], options: globalOptions }, ...specs]) {
    for (const [name, option] of Object.entries(spec.options)) config[name] = { type: option.takesValue ? 'string' : 'boolean', multiple: Boolean(option.multiple) }
  }
  // strict is enforced below, per command: Node's own strict errors are English text, not a named option
  const { tokens } = parseArgs({ args, options: config, strict: false, allowPositionals: true, tokens: true })
  const parsed: Parsed = { positionals: [], tokens: [] }
  for (const token of tokens) {
    if (token.kind === 'positional') parsed.positionals.push(token.value)
    if (token.kind === 'option') {
      const name = SHORT[token.name] && token.rawName.length === 2 ? SHORT[token.name]! : token.name
      parsed.tokens.push({ name, raw: token.rawName, value: token.value, inline: Boolean(token.inlineValue) })
    }
  }
  return parsed
}

/** The command the words name: the longest spec whose words start the positionals. */
export function findCommand<S extends CommandSpec>(specs: readonly S[], positionals: string[]): S | undefined {
  let best: S | undefined
  for (const spec of specs) {
    if (spec.words.every((w, i) => positionals[i] === w) && (!best || spec.words.length > best.words.length)) best = spec
  }
  return best
}

/** Control characters shown as escapes, long values cut: an error line must not drive the terminal. */
export function shown(value: string): string {
  const safe = value.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
  return safe.length > 60 ? `${safe.slice(0, 59)}…` : safe
}

export function expectsText(t: Translate, option: Option<unknown>): string {
  return t(`cli:expects.${option.expects.key}`, option.expects.params)
}

/**
 * Checks the option tokens against one spec: unknown options, a switch given
 * a value, a value missing (or swallowed from the next option), a value of the
 * wrong shape, an option given twice. The first problem is the error.
 */
export function readOptions<S extends OptionSpec>(t: Translate, spec: S, parsed: Parsed, command: string): Values<S> {
  const values: Record<string, unknown> = {}
  for (const token of parsed.tokens) {
    const option = spec[token.name]
    if (!option) throw new UsageError(command ? t('cli:option.unknown', { option: shown(token.raw), command }) : t('cli:option.unknownAny', { option: shown(token.raw) }))
    const name = `--${token.name}`
    if (!option.takesValue) {
      if (token.value !== undefined) throw new UsageError(t('cli:option.noValue', { option: name, value: shown(token.value) }))
      values[token.name] = true
      continue
    }
    // `--port --serial X`: an option's value never starts with a dash unless written --port=-x
    if (token.value === undefined || (!token.inline && token.value.startsWith('-') && !/^-\d/.test(token.value))) {
      throw new UsageError(t('cli:option.missing', { option: name, expects: expectsText(t, option) }))
    }
    const value = option.parse(token.value)
    if (value === undefined) throw new UsageError(t('cli:option.bad', { option: name, value: shown(token.value), expects: expectsText(t, option) }))
    if (option.multiple) {
      ;((values[token.name] ??= []) as unknown[]).push(value)
    } else {
      if (token.name in values) throw new UsageError(t('cli:option.twice', { option: name }))
      values[token.name] = value
    }
  }
  return values as Values<S>
}

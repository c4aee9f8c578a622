import { AppError } from '@shared/contract'
import { describe, expect, it } from 'vitest'
import { translatorFor } from '../report/i18n'
import { commands } from './commands'
import { findCommand, globalOptions, readOptions, tokenize, UsageError } from './options'
import { DataError, errorMessage, EXIT, exitCodeFor } from './output'

const en = await translatorFor('en')

/** Parses a command line the way `fieldbench` does; returns the values or the usage error's line. */
function parse(line: string[]): { values?: Record<string, unknown>; error?: string } {
  const parsed = tokenize(line, commands)
  const command = findCommand(commands, parsed.positionals)
  try {
    return { values: readOptions(en, { ...globalOptions, ...command?.options }, parsed, command?.words.join(' ') ?? '') }
  } catch (err) {
    if (err instanceof UsageError) return { error: err.message }
    throw err
  }
}

describe('option parsing', () => {
  it.each([
    [['records', 'list', '--bogus'], 'Unknown option --bogus for fieldbench records list. Run fieldbench --help for usage.'],
    [['records', 'list', '--port', 'x'], 'Unknown option --port for fieldbench records list. Run fieldbench --help for usage.'],
    [['ports', '--json=maybe'], '--json is a switch and takes no value (got “maybe”).'],
    [['records', 'list', '--lang', 'xx'], 'Invalid value for --lang: “xx”; expected one of en, zh, pl.'],
    [['records', 'list', '--from', '2026-13-45'], 'Invalid value for --from: “2026-13-45”; expected a date as YYYY-MM-DD.'],
    [['records', 'list', '--to', '2026-02-30'], 'Invalid value for --to: “2026-02-30”; expected a date as YYYY-MM-DD.'],
    [['records', 'list', '--limit', 'ten'], 'Invalid value for --limit: “ten”; expected a whole number from 1 to 500.'],
    [['records', 'list', '--limit', '1e2'], 'Invalid value for --limit: “1e2”; expected a whole number from 1 to 500.'],
    [['records', 'list', '--verdict', 'maybe'], 'Invalid value for --verdict: “maybe”; expected one of pass, fail, none.'],
    [['link-check', '--baud', '12'], 'Invalid value for --baud: “12”; expected a whole number from 300 to 4000000.'],
    [['link-check', '--baud', ''], 'Invalid value for --baud: “”; expected a whole number from 300 to 4000000.'],
    [['foxess', 'settings', 'set', '--min-soc', 'lots'], 'Invalid value for --min-soc: “lots”; expected a number.'],
    [['foxess', 'history', '--from', 'yesterday'], 'Invalid value for --from: “yesterday”; expected a date as YYYY-MM-DD, or a date and time as YYYY-MM-DDTHH:MM.'],
    [['foxess', 'ct-check', '--system', 'threePhase'], 'Invalid value for --system: “threePhase”; expected one of threePhaseSingle, masterOfMasterSlave, slaveOfMasterSlave, singlePhaseSingle.'],
    [['cabinet', 'test', '--airflow', 'maybe'], 'Invalid value for --airflow: “maybe”; expected one of ok, fail.'],
    [['cabinet', 'watch', '--poll', '5'], 'Invalid value for --poll: “5”; expected a whole number from 100 to 3600000.'],
    [['sim', 'cabinet', '--dead-channel', '3', '--dead-channel', '12'], 'Invalid value for --dead-channel: “12”; expected a whole number from 1 to 9.'],
    [['records', 'list', '--data-dir'], '--data-dir needs a value: a folder.'],
    [['link-check', '--port', '--serial', 'X'], '--port needs a value: a path.'],
    [['link-check', '--port', ''], 'Invalid value for --port: “”; expected a path.'],
    [['link-check', '--port', 'a\u0007b'], 'Invalid value for --port: “a\\x07b”; expected a path.'],
    [['link-check', '--port', 'a', '--port', 'b'], '--port is given more than once.'],
    [['--bogus'], 'Unknown option --bogus. Run fieldbench --help for usage.'],
  ])('%j → %s', (line, message) => {
    expect(parse(line).error).toBe(message)
  })

  it('gives typed values once every option passed its check', () => {
    expect(parse(['records', 'list', '--from', '2026-02-28', '--limit', '20', '--verdict', 'fail', '--json']).values).toEqual({
      from: '2026-02-28',
      limit: 20,
      verdict: 'fail',
      json: true,
    })
    expect(parse(['foxess', 'history', '--from', '2026-11-20', '--to=2026-11-21T12:00Z', '--vars', 'pvPower, SoC']).values).toEqual({
      from: Date.UTC(2026, 10, 20),
      to: Date.UTC(2026, 10, 21, 12),
      vars: ['pvPower', 'SoC'],
    })
    expect(parse(['foxess', 'settings', 'set', '--min-soc', '-5', '--export-limit=5000.5']).values).toEqual({ 'min-soc': -5, 'export-limit': 5000.5 })
    expect(parse(['sim', 'cabinet', '--dead-channel', '3', '--dead-channel', '6', '--noise']).values).toEqual({ 'dead-channel': [3, 6], noise: true })
    expect(parse(['-h']).values).toEqual({ help: true })
  })

  it('every option takes a value in every command or in none, so the command line splits the same way before the command is known', () => {
    const takes = new Map<string, boolean>()
    for (const command of commands) {
      for (const [name, option] of Object.entries({ ...globalOptions, ...command.options })) {
        expect(takes.get(name) ?? option.takesValue, `--${name} in ${command.words.join(' ')}`).toBe(option.takesValue)
        takes.set(name, option.takesValue)
      }
    }
  })

  it('finds the longest command the words name', () => {
    expect(findCommand(commands, ['sim', 'cabinet'])?.words).toEqual(['sim', 'cabinet'])
    expect(findCommand(commands, ['sim', 'loopback'])?.words).toEqual(['sim'])
    expect(findCommand(commands, ['foxess', 'settings', 'set'])?.words).toEqual(['foxess', 'settings', 'set'])
    expect(findCommand(commands, ['foxess', 'settings'])).toBeUndefined()
    expect(findCommand(commands, ['records'])).toBeUndefined()
  })
})

describe('exit codes and messages', () => {
  it.each([
    [new UsageError('x'), EXIT.usage],
    [new AppError('invalidInput', { field: 'firmware', reason: 'invalid_format' }), EXIT.usage],
    [new AppError('cabinetProfileInvalid', { field: 'channels.0.min' }), EXIT.usage],
    [new AppError('foxessInvalidSetting', { field: 'minSoc', reason: '…' }), EXIT.usage],
    [new AppError('recordClosed', { id: 3 }), EXIT.usage],
    [new AppError('portNotSerial', { path: '/dev/null' }), EXIT.usage],
    [new AppError('recordNotFound', { id: 3 }), EXIT.error],
    [new AppError('portOpenFailed', { path: '/dev/ttyUSB0', reason: 'EACCES' }), EXIT.error],
    [new AppError('timeout'), EXIT.error],
    [new DataError('x'), EXIT.error],
    [new Error('boom'), EXIT.error],
  ])('%s → %i', (err, code) => {
    expect(exitCodeFor(err)).toBe(code)
  })

  it('names the option the person typed, with the form’s wording for the rule', () => {
    const fields = { firmware: { option: 'firmware', explain: 'cabinet:identify.firmwareInvalid' }, minSoc: { option: 'min-soc' } }
    expect(errorMessage(en, new AppError('invalidInput', { field: 'firmware', reason: 'invalid_format' }), fields)).toBe(
      'The input is not valid (--firmware). Type the version as printed on the board, e.g. v5062, or leave it empty.',
    )
    expect(errorMessage(en, new AppError('foxessInvalidSetting', { field: 'minSoc', reason: 'Must be between 10 and 100.' }), fields)).toBe(
      'Not sent: --min-soc is not allowed (Must be between 10 and 100.).',
    )
  })
})

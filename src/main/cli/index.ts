/**
 * `fieldbench` — the command line for benches and scripts. Exit codes: 0 done
 * (or PASS), 1 FAIL, 2 usage error or input that fails validation, 3 device
 * or data error. `--json` prints machine-readable output (one JSON document,
 * or JSON lines for streams).
 */
import { APP_VERSION } from '../core/paths'
import { type Command, commands } from './commands'
import { findCommand, globalOptions, readOptions, shown, tokenize, UsageError } from './options'
import { createOut, EXIT, type Out } from './output'

// `fieldbench records list | head`: a reader that stops early is not an error
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0)
  throw err
})

function help(out: Out): void {
  process.stdout.write(`${out.t('cli:help')}\n\n${out.t('cabinet:cli.help')}\n\n${out.t('foxess:cli.help')}\n\n${out.t('evse:cli.help')}\n${out.t('evseSite:cli.help')}\n${out.t('evseSetup:cli.help')}\n\n${out.t('ups:cli.help')}\n\n${out.t('upsMonitor:cli.help')}\n\n${out.t('upsTest:cli.help')}\n`)
}

async function main(argv: string[]): Promise<number> {
  const parsed = tokenize(argv, commands)
  // the language and --json are needed to word the first error, so they are read leniently first
  const lang = parsed.tokens.find((t) => t.name === 'lang')?.value
  const jsonToken = parsed.tokens.find((t) => t.name === 'json')
  const out = await createOut(Boolean(jsonToken && jsonToken.value === undefined), lang && globalOptions.lang.parse(lang) ? lang : undefined)
  let command: Command | undefined
  try {
    const words = parsed.positionals
    command = findCommand(commands, words)
    const wantsHelp = parsed.tokens.some((t) => t.name === 'help' || t.name === 'version')
    if (words.length && !command && !wantsHelp) throw new UsageError(out.t('cli:unknownCommand', { command: shown(words.join(' ')) }))
    const spec = { ...globalOptions, ...command?.options }
    const name = command ? command.words.join(' ') : (words[0] ?? '')
    const values = readOptions(out.t, command ? spec : globalOptions, parsed, name)
    if (values.version) {
      out.print({ version: APP_VERSION }, () => APP_VERSION)
      return EXIT.ok
    }
    if (values.help || !words.length) {
      help(out)
      return values.help ? EXIT.ok : EXIT.usage
    }
    if (!command) return EXIT.usage
    const args = words.slice(command.words.length)
    const max = command.args?.max ?? 0
    if (args.length > max) throw new UsageError(out.t('cli:unexpectedArgument', { value: shown(args[max]!), command: name }))
    return await command.run(out, values, args)
  } catch (err) {
    return out.error(err, command?.fields)
  }
}

process.exitCode = await main(process.argv.slice(2))

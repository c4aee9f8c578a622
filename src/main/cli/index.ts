/**
 * `fieldbench` — the command line for benches and scripts. Exit codes: 0 done
 * (or PASS), 1 FAIL, 2 usage error, 3 device or data error. `--json` prints
 * machine-readable output (one JSON document, or JSON lines for streams).
 */
import { parseArgs } from 'node:util'
import { APP_VERSION } from '../core/paths'
import { cabinetSendCommand, cabinetTestCommand, cabinetWatchCommand } from './commands/cabinet'
import { evseCommand } from './commands/evse'
import { foxessCommand } from './commands/foxess'
import { linkCheckCommand } from './commands/link-check'
import { portsCommand } from './commands/ports'
import { recordsExportCommand, recordsListCommand } from './commands/records'
import { simCommand } from './commands/sim'
import { createOut, EXIT, UsageError } from './output'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  strict: false,
  options: {
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
    version: { type: 'boolean', default: false },
    lang: { type: 'string' },
    'data-dir': { type: 'string' },
    watch: { type: 'boolean', default: false },
    port: { type: 'string' },
    host: { type: 'string' },
    baud: { type: 'string' },
    label: { type: 'string' },
    site: { type: 'string' },
    customer: { type: 'string' },
    operator: { type: 'string' },
    serial: { type: 'string' },
    text: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    verdict: { type: 'string' },
    status: { type: 'string' },
    job: { type: 'string' },
    limit: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    profile: { type: 'string' },
    firmware: { type: 'string' },
    'confirm-safety': { type: 'boolean', default: false },
    airflow: { type: 'string' },
    report: { type: 'string' },
    type: { type: 'string' },
    poll: { type: 'string' },
    sn: { type: 'string' },
    vars: { type: 'string' },
    system: { type: 'string' },
    demo: { type: 'boolean', default: false },
    'min-soc': { type: 'string' },
    'min-soc-on-grid': { type: 'string' },
    'max-soc': { type: 'string' },
    'export-limit': { type: 'string' },
  },
})

// `fieldbench records list | head`: a reader that stops early is not an error
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0)
  throw err
})

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)

async function main(): Promise<number> {
  const out = await createOut(Boolean(values.json), str(values.lang))
  const [command, sub, arg] = positionals
  if (values.version) {
    out.print({ version: APP_VERSION }, () => APP_VERSION)
    return EXIT.ok
  }
  if (values.help || !command) {
    process.stdout.write(`${out.t('cli:help')}\n\n${out.t('cabinet:cli.help')}\n\n${out.t('foxess:cli.help')}\n\n${out.t('evse:cli.help')}\n`)
    return command || values.help ? EXIT.ok : EXIT.usage
  }
  const dataDir = str(values['data-dir'])
  const baud = values.baud === undefined ? 115200 : Number(values.baud)
  try {
    if (!Number.isInteger(baud) || baud < 300 || baud > 4_000_000) throw new UsageError(out.t('cli:badOption', { option: 'baud' }))
    switch (command) {
      case 'ports':
        return await portsCommand(out, { dataDir, watch: Boolean(values.watch) })
      case 'sim':
        return await simCommand(out, { device: sub, port: str(values.port), host: str(values.host), baud, args: process.argv.slice(2) })
      case 'records':
        if (sub === 'list') {
          return await recordsListCommand(out, {
            dataDir,
            text: str(values.text),
            serial: str(values.serial),
            site: str(values.site),
            from: str(values.from),
            to: str(values.to),
            verdict: str(values.verdict),
            status: str(values.status),
            job: str(values.job),
            limit: str(values.limit),
          })
        }
        if (sub === 'export') return await recordsExportCommand(out, { id: arg, format: str(values.format) ?? 'json', outFile: str(values.out), dataDir })
        throw new UsageError(out.t('cli:unknownCommand', { command: `records ${sub ?? ''}`.trim() }))
      case 'ups': return await (await import('./commands/ups')).upsCommand(out, sub, process.argv.slice(2))
      case 'link-check':
        return await linkCheckCommand(out, {
          port: str(values.port),
          baud,
          label: str(values.label),
          site: str(values.site),
          customer: str(values.customer),
          operator: str(values.operator),
          dataDir,
        })
      case 'cabinet':
        if (sub === 'test') {
          return await cabinetTestCommand(out, {
            port: str(values.port),
            profile: str(values.profile),
            serial: str(values.serial),
            operator: str(values.operator),
            site: str(values.site),
            firmware: str(values.firmware),
            confirmSafety: Boolean(values['confirm-safety']),
            airflow: str(values.airflow),
            report: str(values.report),
            dataDir,
          })
        }
        if (sub === 'send') return await cabinetSendCommand(out, { port: str(values.port), words: positionals.slice(2), type: str(values.type), dataDir })
        if (sub === 'watch') return await cabinetWatchCommand(out, { port: str(values.port), poll: str(values.poll), dataDir })
        throw new UsageError(`${out.t('cli:unknownCommand', { command: `cabinet ${sub ?? ''}`.trim() })}\n\n${out.t('cabinet:cli.help')}`)
      case 'foxess':
        return await foxessCommand(out, sub, arg, {
          dataDir,
          demo: Boolean(values.demo),
          sn: str(values.sn),
          vars: str(values.vars),
          from: str(values.from),
          to: str(values.to),
          system: str(values.system),
          minSoc: str(values['min-soc']),
          minSocOnGrid: str(values['min-soc-on-grid']),
          maxSoc: str(values['max-soc']),
          exportLimit: str(values['export-limit']),
          site: str(values.site),
          customer: str(values.customer),
          operator: str(values.operator),
        })
      case 'evse':
        return await evseCommand(out, sub, arg, { host: str(values.host) })
      default:
        throw new UsageError(out.t('cli:unknownCommand', { command }))
    }
  } catch (err) {
    return out.error(err)
  }
}

process.exitCode = await main()

/**
 * Every `fieldbench` command: its words, its options (checked by
 * `options.ts` before it runs), how many arguments it takes, and how its
 * options map to the app's input fields for validation messages.
 */
import { CtSystemKinds, JobTypes, RecordStatuses, UPS_DISCHARGE_MAX_S, UPS_DISCHARGE_MIN_S, UpsLineFaults, UpsScenarios, Verdicts } from '@shared/contract'
import { cabinetSendCommand, cabinetTestCommand, cabinetWatchCommand } from './commands/cabinet'
import { cabinetShiftCommand } from './commands/cabinet-shift'
import { evseCommand, EvseCommandWords } from './commands/evse'
import { evseScanCommand } from './commands/evse-scan'
import { evseTestCommand } from './commands/evse-test'
import { foxessCommand } from './commands/foxess'
import { linkCheckCommand } from './commands/link-check'
import { portsCommand } from './commands/ports'
import { recordId, recordsAbortCommand, recordsExportCommand, recordsListCommand, recordsResumeCommand } from './commands/records'
import { simCommand } from './commands/sim'
import { upsLintCommand } from './commands/ups'
import { upsInspectCommand } from './commands/ups-inspect'
import { upsLogCommand, upsReadCommand } from './commands/ups-monitor'
import { upsTestCommand } from './commands/ups-test'
import { defaultFraming } from '../devices/ups/framing'
import { type CommandSpec, type globalOptions, opt, type OptionSpec, UsageError, type Values } from './options'
import type { FieldMap, Out } from './output'

export interface Command<S extends OptionSpec = OptionSpec> extends CommandSpec {
  options: S
  fields?: FieldMap
  run(out: Out, o: Values<S & typeof globalOptions>, args: string[]): Promise<number>
}

const command = <S extends OptionSpec>(c: Command<S>): Command => c as unknown as Command

const port = opt.path()
const baud = opt.int(300, 4_000_000)
const label = opt.text(200)
const job = { site: label, customer: label, operator: label }
const airflow = opt.oneOf(['ok', 'fail'] as const)
const portField: FieldMap = { path: { option: 'port' } }
const jobFields: FieldMap = { site: { option: 'site' }, customer: { option: 'customer' }, operator: { option: 'operator' } }

/** A required option: a usage error naming it when it is missing. */
function need<T>(out: Out, value: T | undefined, option: string): T {
  if (value === undefined) throw new UsageError(out.t('cli:option.required', { option: `--${option}` }))
  return value
}

const foxessOptions = {
  demo: opt.flag(),
  sn: opt.text(64),
  vars: opt.list(),
  from: opt.time(),
  to: opt.time(),
  system: opt.oneOf(CtSystemKinds),
  // the ranges are the inverter's and the app's to judge: a number of any size gets its reason from them
  'min-soc': opt.number(),
  'min-soc-on-grid': opt.number(),
  'max-soc': opt.number(),
  'export-limit': opt.number(),
  ...job,
}
const foxessFields: FieldMap = {
  ...jobFields,
  sn: { option: 'sn' },
  sns: { option: 'sn' },
  variables: { option: 'vars' },
  begin: { option: 'from' },
  end: { option: 'to' },
  minSoc: { option: 'min-soc' },
  minSocOnGrid: { option: 'min-soc-on-grid' },
  maxSoc: { option: 'max-soc' },
  exportLimit: { option: 'export-limit' },
}
/** A `foxess` command: --demo and --sn, and the named options. */
const foxess = (sub: string, arg: string | undefined, names: (keyof typeof foxessOptions)[]) =>
  command({
    words: arg ? ['foxess', sub, arg] : ['foxess', sub],
    options: Object.fromEntries((['demo', 'sn', ...names] as const).map((n) => [n, foxessOptions[n]])) as Partial<typeof foxessOptions>,
    fields: foxessFields,
    run: (out, o) =>
      foxessCommand(out, sub, arg, {
        dataDir: o['data-dir'],
        demo: o.demo,
        sn: o.sn,
        vars: o.vars,
        from: o.from,
        to: o.to,
        system: o.system,
        minSoc: o['min-soc'],
        minSocOnGrid: o['min-soc-on-grid'],
        maxSoc: o['max-soc'],
        exportLimit: o['export-limit'],
        site: o.site,
        customer: o.customer,
        operator: o.operator,
      }),
  })

export const commands: readonly Command[] = [
  command({ words: ['ports'], options: { watch: opt.flag() }, run: (out, o) => portsCommand(out, { dataDir: o['data-dir'], watch: Boolean(o.watch) }) }),
  command({
    words: ['sim'],
    args: { max: 1 },
    // a serial simulator plays on a line (a path); an HTTP one listens on a loopback TCP port and address
    options: { port: opt.path(), host: opt.text(255), baud },
    run: (out, o, args) => simCommand(out, { device: args[0], port: o.port, host: o.host, baud: o.baud ?? 115200, args: process.argv.slice(2) }),
  }),
  command({
    words: ['sim', 'cabinet'],
    options: {
      port,
      baud,
      firmware: opt.int(1, 999_999),
      'auto-close': opt.int(0, 3_600_000),
      'dead-channel': opt.many(opt.int(1, 9)),
      'stuck-lock': opt.many(opt.int(1, 8)),
      noise: opt.flag(),
      'closes-only': opt.flag(),
      seed: opt.int(0, 0xffff_ffff),
    },
    run: (out, o) => simCommand(out, { device: 'cabinet', port: o.port, baud: o.baud ?? 115200, args: process.argv.slice(2) }),
  }),
  command({
    words: ['records', 'list'],
    options: {
      serial: opt.text(100),
      site: label,
      text: label,
      from: opt.day(),
      to: opt.day(),
      verdict: opt.oneOf(Verdicts),
      status: opt.oneOf(RecordStatuses),
      job: opt.oneOf(JobTypes),
      limit: opt.int(1, 500),
    },
    fields: { deviceSerial: { option: 'serial' }, jobType: { option: 'job' }, site: { option: 'site' }, text: { option: 'text' } },
    run: (out, o) => recordsListCommand(out, { dataDir: o['data-dir'], ...o }),
  }),
  command({
    words: ['records', 'export'],
    args: { max: 1 },
    options: { format: opt.oneOf(['json', 'html'] as const), out: opt.path('file') },
    run: (out, o, args) => recordsExportCommand(out, { id: recordId(out, args[0], 'export'), format: o.format, outFile: o.out, dataDir: o['data-dir'] }),
  }),
  command({
    words: ['records', 'resume'],
    args: { max: 1 },
    options: { 'confirm-safety': opt.flag(), airflow, report: opt.path('file'), system: opt.oneOf(CtSystemKinds), demo: opt.flag() },
    run: (out, o, args) =>
      recordsResumeCommand(out, {
        id: recordId(out, args[0], 'resume'),
        confirmSafety: o['confirm-safety'],
        airflow: o.airflow,
        report: o.report,
        system: o.system,
        demo: o.demo,
        dataDir: o['data-dir'],
      }),
  }),
  command({
    words: ['records', 'abort'],
    args: { max: 1 },
    options: {},
    run: (out, o, args) => recordsAbortCommand(out, { id: recordId(out, args[0], 'abort'), dataDir: o['data-dir'] }),
  }),
  command({
    words: ['link-check'],
    options: { port, baud, label: opt.text(100), ...job },
    fields: { ...portField, ...jobFields, baudRate: { option: 'baud' }, adapterLabel: { option: 'label' } },
    run: (out, o) => linkCheckCommand(out, { ...o, port: need(out, o.port, 'port'), dataDir: o['data-dir'] }),
  }),
  command({
    words: ['cabinet', 'test'],
    options: {
      port,
      profile: opt.path('file'),
      serial: opt.text(1000),
      operator: label,
      site: label,
      firmware: opt.text(100),
      'confirm-safety': opt.flag(),
      airflow,
      report: opt.path('file'),
    },
    fields: {
      ...portField,
      ...jobFields,
      serial: { option: 'serial', explain: 'cabinet:identify.serialInvalid' },
      firmware: { option: 'firmware', explain: 'cabinet:identify.firmwareInvalid' },
    },
    run: (out, o) =>
      cabinetTestCommand(out, { ...o, port: need(out, o.port, 'port'), confirmSafety: o['confirm-safety'], dataDir: o['data-dir'] }),
  }),
  command({
    words: ['cabinet', 'send'],
    args: { max: 32 },
    options: { port, type: opt.oneOf(['comm', 'sync'] as const) },
    fields: portField,
    run: (out, o, args) => cabinetSendCommand(out, { port: need(out, o.port, 'port'), words: args, type: o.type, dataDir: o['data-dir'] }),
  }),
  command({
    words: ['cabinet', 'watch'],
    options: { port, poll: opt.int(100, 3_600_000) },
    fields: portField,
    run: (out, o) => cabinetWatchCommand(out, { port: need(out, o.port, 'port'), poll: o.poll, dataDir: o['data-dir'] }),
  }),
  command({
    words: ['cabinet', 'shift'],
    // the times are checked against the shift's own rules (24:00 ends a day), with their own message
    options: { day: opt.day(), start: opt.text(5), end: opt.text(5), out: opt.path('file') },
    run: (out, o) => cabinetShiftCommand(out, { day: o.day, start: o.start, end: o.end, out: o.out, dataDir: o['data-dir'] }),
  }),
  ...EvseCommandWords.map((words) => {
    const [sub, arg] = words.split(' ')
    // limit W, service <code> and boost [on|off] take their value as an argument
    const takes = sub === 'limit' || sub === 'service' || sub === 'boost' ? 1 : 0
    const file = words === 'config set' || sub === 'restore' || sub === 'backup'
    return command({
      words: ['evse', sub!, ...(arg ? [arg] : [])],
      args: { max: takes },
      options: { host: opt.text(255), port: opt.int(1, 65535), ...(file ? { file: opt.path('file') } : {}), ...(sub === 'service' ? { yes: opt.flag() } : {}) },
      run: (out, o, args) => evseCommand(out, sub, arg ?? args[0], { host: o.host, port: o.port, file: o.file, yes: o.yes, dataDir: o['data-dir'] }),
    })
  }),
  command({ words: ['evse', 'scan'], args: { max: 1 }, options: { port: opt.int(1, 65_535) }, run: (out, o, args) => evseScanCommand(out, args[0], { port: o.port }) }),
  command({
    words: ['evse', 'test'],
    options: { host: opt.text(255), port: opt.int(1, 65_535), ...job },
    fields: { ...jobFields, host: { option: 'host' } },
    run: (out, o) => evseTestCommand(out, { ...o, dataDir: o['data-dir'] }),
  }),
  command({ words: ['ups', 'lint'], options: { ini: opt.path('file') }, run: (out, o) => upsLintCommand(out, { ini: o.ini }) }),
  command({ words: ['ups', 'read'], options: { port, ini: opt.path('file') }, run: (out, o) => upsReadCommand(out, { port: o.port, ini: o.ini }) }),
  command({
    words: ['ups', 'log'],
    options: { port, ini: opt.path('file'), out: opt.path('file'), hours: opt.number(), interval: opt.number() },
    run: (out, o) => upsLogCommand(out, { port: o.port, ini: o.ini, out: o.out, hours: o.hours, interval: o.interval, dataDir: o['data-dir'] }),
  }),
  command({
    words: ['ups', 'inspect'],
    // the command byte is hex ("01", "0x01"), checked with its own message
    options: { port, ini: opt.path('file'), command: opt.text(8), again: opt.flag(), after: opt.number() },
    run: (out, o) => upsInspectCommand(out, { port: o.port, ini: o.ini, command: o.command, again: o.again, after: o.after }),
  }),
  command({
    words: ['ups', 'test'],
    options: { port, ini: opt.path('file'), duration: opt.int(UPS_DISCHARGE_MIN_S, UPS_DISCHARGE_MAX_S), serial: opt.text(100), operator: opt.text(100), site: opt.text(100) },
    run: (out, o) => upsTestCommand(out, { port: o.port, ini: o.ini, durationS: o.duration, serial: o.serial, operator: o.operator, site: o.site, dataDir: o['data-dir'] }),
  }),
  command({
    words: ['sim', 'ups'],
    options: { port, baud, scenario: opt.oneOf(UpsScenarios), 'line-fault': opt.oneOf(UpsLineFaults), 'runtime-minutes': opt.int(1, 24 * 60), seed: opt.int(0, 0xffff_ffff) },
    run: (out, o) => simCommand(out, { device: 'ups', port: o.port, baud: o.baud ?? defaultFraming.line.baud, args: process.argv.slice(2) }),
  }),
  foxess('devices', undefined, []),
  foxess('real', undefined, ['vars']),
  foxess('history', undefined, ['vars', 'from', 'to']),
  foxess('settings', 'get', []),
  foxess('settings', 'set', ['min-soc', 'min-soc-on-grid', 'max-soc', 'export-limit']),
  foxess('ct-check', undefined, ['system', 'site', 'customer', 'operator']),
]

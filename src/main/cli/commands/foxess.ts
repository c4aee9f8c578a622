/**
 * `fieldbench foxess …`: the inverter on the Fox ESS cloud from the command
 * line — devices, real-time values, history, settings (read; write with
 * read-back), and the CT check as a recorded job. `--demo` runs against the
 * in-process simulator without touching the saved settings.
 */
import {
  AppError,
  type CtSystemKind,
  type CtView,
  type FoxSettingsTarget,
  type JobUpdate,
} from '@shared/contract'
import type { CtAnswer } from '@shared/contract/foxess/foxess.schemas'
import { suggestSystem } from '@shared/devices/foxess/ct'
import { planChanges, targetFromSnapshot } from '@shared/devices/foxess/settings-plan'
import { hasErrors, validateSettingsTarget } from '@shared/devices/foxess/validation'
import { faultCodes, runningStateCode } from '@shared/devices/foxess/values'
import { toCsv } from '@shared/series/csv'
import type { Core } from '../../core/core'
import type { FoxessModule } from '../../devices/foxess/module'
import { applyChanges, readSnapshot } from '../../devices/foxess/settings-ops'
import { cliCore, endLine, type Follower, followJob, invoke, jobEnd } from '../context'
import { EXIT, type Out, table, UsageError } from '../output'

export interface FoxessOptions {
  dataDir?: string
  demo?: boolean
  sn?: string
  vars?: string[]
  /** epoch milliseconds */
  from?: number
  to?: number
  system?: CtSystemKind
  minSoc?: number
  minSocOnGrid?: number
  maxSoc?: number
  exportLimit?: number
  site?: string
  customer?: string
  operator?: string
}

const DEFAULT_HISTORY_VARS = ['pvPower', 'loadsPower', 'SoC', 'feedinPower', 'gridConsumptionPower']

export async function foxessCommand(out: Out, sub: string | undefined, arg: string | undefined, options: FoxessOptions): Promise<number> {
  switch (sub) {
    case 'devices':
      return withCore(options, (core) => devices(out, core))
    case 'real':
      return withCore(options, (core) => real(out, core, needSn(out, options), options.vars))
    case 'history':
      return withCore(options, (core) => history(out, core, needSn(out, options), options))
    case 'settings':
      if (arg === 'get') return withCore(options, (core) => settingsGet(out, core, needSn(out, options)))
      if (arg === 'set') return withCore(options, (core) => settingsSet(out, core, needSn(out, options), options))
      throw new UsageError(out.t('cli:unknownCommand', { command: `foxess settings ${arg ?? ''}`.trim() }))
    case 'ct-check':
      return withCore(options, (core) => ctCheck(out, core, needSn(out, options), options))
    default:
      throw new UsageError(out.t('cli:unknownCommand', { command: `foxess ${sub ?? ''}`.trim() }))
  }
}

async function withCore(options: FoxessOptions, body: (core: Core) => Promise<number>): Promise<number> {
  const core = await cliCore(options.dataDir, false, { demo: options.demo })
  try {
    return await body(core)
  } finally {
    await core.dispose()
  }
}

function needSn(out: Out, options: FoxessOptions): string {
  if (!options.sn) throw new UsageError(out.t('foxess:cli.needSn'))
  return options.sn
}

function foxess(core: Core): FoxessModule {
  return core.modules.find((m) => m.id === 'foxess') as FoxessModule
}

/** A variable's name in the person's language, from the device tables. */
function variableName(out: Out, key: string): string {
  return out.t.exists(`foxessVariables:${key}`) ? out.t(`foxessVariables:${key}`) : key
}

function faultName(out: Out, code: number): string {
  return out.t.exists(`foxessFaults:f${code}`) ? out.t(`foxessFaults:f${code}`) : out.t('tables:unknownFault', { code })
}

function displayValue(out: Out, key: string, value: number | string): string {
  if (key === 'runningState') {
    const state = runningStateCode(value)
    return state === null ? String(value) : `${out.t(`foxessStates:runningState.s${state}`)} (${value})`
  }
  if (key === 'currentFault') {
    const codes = faultCodes(value)
    return codes.length ? codes.map((c) => `${c} ${faultName(out, c)}`).join('; ') : out.t('foxess:cli.noFaults')
  }
  return String(value)
}

async function devices(out: Out, core: Core): Promise<number> {
  const list = await invoke(core, 'foxessListDevices', undefined)
  out.print(list, () =>
    list.length
      ? table([
          [out.t('foxess:cli.colSerial'), out.t('foxess:cli.colPlant'), out.t('foxess:cli.colType'), out.t('foxess:cli.colStatus'), out.t('foxess:cli.colBattery')],
          ...list.map((d) => [d.deviceSN, d.stationName, d.deviceType, out.t(`foxess:deviceStatus.s${d.status}`), d.hasBattery ? out.t('common:yes') : out.t('common:no')]),
        ])
      : out.t('foxess:cli.noDevices'),
  )
  return EXIT.ok
}

async function real(out: Out, core: Core, sn: string, variables: string[] | undefined): Promise<number> {
  const [rt] = await invoke(core, 'foxessRealTime', { sns: [sn], variables })
  if (!rt) throw new AppError('notFound', { sn })
  out.print(rt, () => {
    const rows = rt.datas.map((d) => [variableName(out, d.variable), displayValue(out, d.variable, d.value), d.unit])
    const when = rt.time === null ? '—' : new Date(rt.time).toISOString()
    return `${out.t('foxess:cli.dataTime', { time: when })}\n${table([[out.t('foxess:cli.colVariable'), out.t('foxess:cli.colValue'), out.t('foxess:cli.colUnit')], ...rows])}`
  })
  return EXIT.ok
}

async function history(out: Out, core: Core, sn: string, options: FoxessOptions): Promise<number> {
  const { from: begin, to: end } = options
  if (begin === undefined || end === undefined) throw new UsageError(out.t('cli:option.required', { option: begin === undefined ? '--from' : '--to' }))
  if (!(end > begin)) throw new UsageError(out.t('cli:toAfterFrom'))
  const variables = options.vars ?? DEFAULT_HISTORY_VARS
  const result = await invoke(core, 'foxessHistory', { sn, variables, begin, end })
  out.print(result, () => {
    const times = [...new Set(result.series.flatMap((s) => s.data.map((p) => p.time)))].sort((a, b) => a - b)
    const lookup = result.series.map((s) => new Map(s.data.map((p) => [p.time, p.value])))
    const header = [out.t('foxess:cli.colTime'), ...result.series.map((s) => `${variableName(out, s.variable)}${s.unit ? ` (${s.unit})` : ''}`)]
    return toCsv(header, times.map((t) => [new Date(t).toISOString(), ...lookup.map((m) => m.get(t) ?? '')]), { bom: false }).trimEnd()
  })
  return EXIT.ok
}

async function settingsGet(out: Out, core: Core, sn: string): Promise<number> {
  const fox = foxess(core)
  const api = fox.services.api()
  const list = await api.listAllDevices()
  const device = list.find((d) => d.deviceSN === sn)
  const detail = await api.deviceDetail(sn)
  const snap = await readSnapshot(api, sn, { hasBattery: device?.hasBattery ?? true, settings: true, scheduler: detail.schedulerSupported }, {}, () => Date.now())
  out.print(snap, () => {
    const rows: string[][] = []
    if (snap.soc) rows.push([out.t('foxess:settings.minSoc'), `${snap.soc.minSoc} %`], [out.t('foxess:settings.minSocOnGrid'), `${snap.soc.minSocOnGrid} %`])
    if (snap.maxSoc) rows.push([out.t('foxess:settings.maxSoc'), `${snap.maxSoc.value} ${snap.maxSoc.unit}`])
    if (snap.exportLimit) rows.push([out.t('foxess:settings.exportLimit'), `${snap.exportLimit.value} ${snap.exportLimit.unit}`])
    if (snap.gridCode) rows.push([out.t('foxess:settings.gridCode'), snap.gridCode.value])
    if (snap.forceCharge) {
      const fc = snap.forceCharge
      const period = (on: boolean, s: { hour: number; minute: number }, e: { hour: number; minute: number }) => (on ? `${hhmm(s)}–${hhmm(e)}` : out.t('foxess:settings.off'))
      rows.push([out.t('foxess:settings.forceCharge1'), period(fc.enable1, fc.startTime1, fc.endTime1)], [out.t('foxess:settings.forceCharge2'), period(fc.enable2, fc.startTime2, fc.endTime2)])
    }
    if (snap.schedulerFlag) rows.push([out.t('foxess:settings.schedulerEnabled'), snap.schedulerFlag.enabled ? out.t('common:yes') : out.t('common:no')])
    for (const g of snap.scheduler?.groups ?? []) {
      if (g.enable) rows.push([`  ${hhmm({ hour: g.startHour, minute: g.startMinute })}–${hhmm({ hour: g.endHour, minute: g.endMinute })}`, `${out.t(`foxess:workModes.${g.workMode.charAt(0).toLowerCase()}${g.workMode.slice(1)}`)} · ${g.minSocOnGrid} % · ${g.fdSoc} % · ${g.fdPwr} W`])
    }
    for (const [part, code] of Object.entries(snap.unreadable)) rows.push([part, out.t(`errors:${code}`)])
    return table(rows)
  })
  return EXIT.ok
}

const hhmm = (t: { hour: number; minute: number }) => `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`

async function settingsSet(out: Out, core: Core, sn: string, options: FoxessOptions): Promise<number> {
  const changes: Record<'minSoc' | 'minSocOnGrid' | 'maxSoc' | 'exportLimit', number | null> = {
    minSoc: options.minSoc ?? null,
    minSocOnGrid: options.minSocOnGrid ?? null,
    maxSoc: options.maxSoc ?? null,
    exportLimit: options.exportLimit ?? null,
  }
  if (Object.values(changes).every((v) => v === null)) throw new UsageError(out.t('foxess:cli.nothingToSet'))
  const fox = foxess(core)
  const api = fox.services.api()
  const device = (await api.listAllDevices()).find((d) => d.deviceSN === sn)
  const detail = await api.deviceDetail(sn)
  const current = await readSnapshot(api, sn, { hasBattery: device?.hasBattery ?? true, settings: true, scheduler: detail.schedulerSupported }, {}, () => Date.now())
  const target: FoxSettingsTarget = { ...targetFromSnapshot(current), forceCharge: null, scheduler: null }
  for (const key of ['minSoc', 'minSocOnGrid', 'maxSoc', 'exportLimit'] as const) if (changes[key] !== null) target[key] = changes[key]
  const issues = validateSettingsTarget(target, current)
  if (hasErrors(issues)) {
    const first = issues.find((i) => i.severity === 'error')!
    throw new AppError('foxessInvalidSetting', { field: first.field, reason: out.t(`foxess:issues.${first.code}`, first.params) })
  }
  const plan = planChanges(current, target)
  const results = await applyChanges(api, sn, plan, target, {}, () => undefined)
  out.print({ changes: plan, results }, () =>
    plan.length
      ? table([
          [out.t('foxess:cli.colSetting'), out.t('foxess:cli.colBefore'), out.t('foxess:cli.colAfter'), out.t('foxess:cli.colResult')],
          ...plan.map((c) => {
            const r = results.find((x) => x.item === c.item)!
            const why = r.error ? ` — ${out.t(`errors:${r.error.code}`, { ...r.error.params })}` : ''
            return [out.t(`foxess:items.${c.item}`), String(c.before ?? '—'), String(c.after), `${out.t(`foxess:writeStatus.${r.status}`)}${why}`]
          }),
        ])
      : out.t('foxess:cli.noChanges'),
  )
  return results.every((r) => r.status === 'verified') ? EXIT.ok : EXIT.fail
}

/** The CT check without a window: stops at failed preconditions, never re-runs on its own, exit 0 only for a normal result. */
async function ctCheck(out: Out, core: Core, sn: string, options: FoxessOptions): Promise<number> {
  const list = await invoke(core, 'foxessListDevices', undefined)
  const device = list.find((d) => d.deviceSN === sn)
  // the applicability question: --system answers it; else the product type's suggestion, said out loud
  const suggested = suggestSystem(device?.productType, device?.deviceType)
  const system = options.system ?? suggested
  if (!system) throw new UsageError(out.t('foxess:cli.needSystem'))
  if (!options.system) out.event({ event: 'system', system, suggested: true }, () => out.t('foxess:cli.systemSuggested', { system: out.t(`ct:systems.${system}`) }))
  const follower = ctFollower(out, core, system)
  const started = await invoke(core, 'foxessCtStart', {
    sn,
    system,
    productType: device?.productType,
    site: options.site ?? '',
    customer: options.customer ?? '',
    operator: options.operator ?? '',
  })
  follower.track(started.recordId)
  return follower.follow()
}

/**
 * Follows a CT check on the terminal without asking anything: polls as they
 * come, failed preconditions listed and the check stopped there, the result
 * finished as it is. Shared by `foxess ct-check` and `records resume`.
 */
export function ctFollower(out: Out, core: Core, system: CtSystemKind | undefined): Follower {
  const job = followJob()
  let lastView: CtView | null = null
  const printed = new Set<string>()
  core.bus.attach((channel, payload) => {
    if (channel === 'foxess:ctChanged') {
      const view = payload as CtView
      if (!job.ours(view.recordId)) return
      const recordId = view.recordId
      lastView = view
      const attempt = view.attempts[view.attempts.length - 1]
      if (attempt?.lastMeaning && attempt.stage === 'polling') {
        const key = `${attempt.attempt}:${attempt.polls}`
        if (!printed.has(key)) {
          printed.add(key)
          out.event({ event: 'poll', attempt: attempt.attempt, poll: attempt.polls, meaning: attempt.lastMeaning, bits: attempt.lastBits }, () => out.t('foxess:cli.poll', { poll: attempt.polls, meaning: out.t(`ct:meanings.${attempt.lastMeaning}`) }))
        }
      }
      // non-interactive answers: stop at failed preconditions, never re-run by itself
      if (view.awaiting === 'ctApplicability' && system) queueMicrotask(() => answer(core, recordId, { kind: 'ctApplicability', system }))
      if (view.awaiting === 'ctAfterPreconditions') {
        for (const c of attempt?.preconditions?.conditions ?? []) {
          out.event({ event: 'condition', ...c }, () => `${c.pass ? '✓' : '✗'} ${out.t(`ct:conditions.${c.key}`)}: ${out.t(`ct:reasons.${c.reason}`)}${c.action ? ` — ${out.t(`ct:actions.${c.action}`)}` : ''}`)
        }
        queueMicrotask(() => answer(core, recordId, { kind: 'ctAfterPreconditions', action: 'stop' }))
      }
      if (view.awaiting === 'ctAfterResult') queueMicrotask(() => answer(core, recordId, { kind: 'ctAfterResult', action: 'finish' }))
    }
    if (channel === 'job:update') job.settle(payload as JobUpdate)
  })
  return {
    track: job.track,
    async follow() {
      const recordId = job.recordId
      const final = await job.end(core)
      const view = lastView as CtView | null
      const outcome = view?.attempts[view.attempts.length - 1]?.outcome ?? null
      const end = jobEnd(final)
      const verdict = end.verdict
      out.event({ event: 'result', recordId, ...end, outcome }, () => {
        const lines = [endLine(out, recordId, end)]
        if (outcome) lines.unshift(out.t(`ct:outcomes.${outcome.kind}`))
        for (const meter of outcome?.meters ?? []) {
          for (const p of meter.phases) {
            lines.push(out.t('foxess:cli.phaseLine', { position: p.position, expected: p.expected ?? '?', measured: p.measured ?? '?', sensor: p.sensorOk === null ? '—' : p.sensorOk ? out.t('ct:sensorOk') : out.t('ct:sensorWrong') }))
          }
        }
        return lines.join('\n')
      })
      if (final.phase.phase !== 'finished') return EXIT.error
      return verdict === 'pass' ? EXIT.ok : EXIT.fail
    },
  }
}

/** Answers the job; an answer that arrives after the job moved on is simply not needed. */
function answer(core: Core, recordId: number, a: CtAnswer): void {
  invoke(core, 'foxessCtAnswer', { recordId, answer: a }).catch(() => {
    // the job is no longer asking
  })
}

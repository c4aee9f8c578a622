/**
 * `fieldbench evse service <code>`: a service action as the app runs it, a
 * recorded job in the records: sent once, proven from the charger's state
 * (the restart in its uptime, the configuration against its backup, the
 * access point in SystemInfo). What cannot be undone needs --yes. Ctrl-C
 * suspends the job like any other; it is never resumed (a code is not sent
 * twice). Exit 0 on PASS, 1 otherwise.
 */
import { type EvseServiceAction, EvseServiceConfirmed, type EvseServiceView, type JobUpdate } from '@shared/contract'
import { localizeNote, noteCode } from '@shared/i18n/localize'
import { measurementText, valueText } from '@shared/i18n/measurement-text'
import type { Clock } from '../../core/clock'
import { awaitJob, cliCore, invoke } from '../context'
import { shown } from '../options'
import { EXIT, type Out, UsageError } from '../output'

/** the codes as typed on the command line */
const CODES: Record<string, Exclude<EvseServiceAction, 'restore'>> = {
  reset: 'reset',
  'factory-default': 'factoryDefault',
  'wifi-ap': 'wifiAp',
  'update-check': 'updateCheck',
  'update-run': 'updateRun',
}

export function serviceAction(out: Out, code: string | undefined, yes: boolean): Exclude<EvseServiceAction, 'restore'> {
  const codes = Object.keys(CODES).join(', ')
  if (code === undefined) throw new UsageError(out.t('evseService:cli.needCode', { codes }))
  const action = CODES[code]
  if (!action) throw new UsageError(out.t('evseService:cli.badCode', { code: shown(code), codes }))
  if (EvseServiceConfirmed.includes(action) && !yes) throw new UsageError(out.t('evseService:cli.needConfirm', { code }))
  return action
}

export interface ServiceCommandOptions {
  host: string
  action: Exclude<EvseServiceAction, 'restore'>
  dataDir?: string
  /** tests run the job on their own clock */
  clock?: Clock
}

export async function serviceCommand(out: Out, options: ServiceCommandOptions): Promise<number> {
  const core = await cliCore(options.dataDir, false, { core: { clock: options.clock } })
  try {
    let view: EvseServiceView | null = null
    let recordId = 0
    let done: (update: JobUpdate) => void = () => undefined
    const finished = new Promise<JobUpdate>((resolve) => (done = resolve))
    core.bus.attach((channel, payload) => {
      if (channel === 'evse:serviceView') view = payload as EvseServiceView
      if (channel === 'job:update') {
        const update = payload as JobUpdate
        if ((!recordId || update.recordId === recordId) && (update.phase.phase === 'finished' || update.phase.phase === 'aborted')) done(update)
      }
    })
    const started = await invoke(core, 'evseServiceStart', { host: options.host, action: options.action, confirmed: options.action })
    recordId = started.recordId
    const final = await awaitJob(core, recordId, finished)
    const record = core.records.get(recordId)
    const verdict = final.phase.phase === 'finished' ? final.phase.verdict : 'none'
    const seen = view as EvseServiceView | null
    out.print({ recordId, verdict, phase: final.phase, view: seen, steps: record.steps.map((s) => ({ key: s.key, verdict: s.verdict, note: s.note, measurements: s.measurements })) }, () => {
      const lines = record.steps.map((s) => {
        const mark = s.verdict === 'pass' ? '✓' : s.verdict === 'fail' ? '✗' : '·'
        const note = s.note ? ` — ${localizeNote(out.t, 'evseService', s.note, { host: options.host })}` : ''
        const figures = s.measurements.map((m) => {
          const { label, value } = measurementText(out.t, 'evseService', s, m, String)
          const before = m.before === undefined ? '' : `${valueText(out.t, m.before, String)} → `
          return `${label} ${before}${value}${m.unit ? ` ${m.unit}` : ''}`
        })
        return `${mark} ${out.t(`evseService:steps.${s.key}`)}${note}${figures.length ? `\n    ${figures.join(' · ')}` : ''}`
      })
      if (seen?.leftNetwork || (options.action === 'wifiAp' && verdict === 'pass')) lines.push(out.t('evseService:panel.apReconnect', { ssid: seen?.wifiAfter ?? '—' }))
      lines.push(out.t('evseService:cli.serviceResult', { action: out.t(`evseService:action.${options.action}`), verdict: out.t(`records:verdict.${verdict}`), id: recordId }))
      return lines.join('\n')
    })
    // a charger that never answered is exit 3, as for every other command
    const unanswered = record.steps.some((s) => s.note !== null && ['evseUnreachable', 'evseTimeout'].includes(noteCode(s.note)))
    return verdict === 'pass' ? EXIT.ok : unanswered || final.phase.phase !== 'finished' ? EXIT.error : EXIT.fail
  } finally {
    await core.dispose()
  }
}

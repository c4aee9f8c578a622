/**
 * `fieldbench evse config set|backup|restore|start|stop|boost|limit`: what
 * changes a charger, from the command line. Each write is sent once and
 * proven from the charger: the configuration read back field by field, a
 * toggle confirmed from Status, the power available seen in Status. Exit 1
 * when the charger refused or the effect was not seen.
 */
import { readFile, writeFile } from 'node:fs/promises'
import type { EvseConfig, EvseConfigField, ToggleAction } from '@shared/contract'
import { EvseConfigFields, EvseConfigRanges, isIpv4 } from '@shared/devices/evse/config'
import { evseStateKey, evseStateName } from '@shared/devices/evse/states'
import type { Clock } from '../../core/clock'
import type { EvseClient } from '../../devices/evse/client'
import { writeConfig } from '../../devices/evse/config-write'
import { setPowerAvailable, toggle } from '../../devices/evse/toggles'
import { EXIT, type Out, table, UsageError } from '../output'
import { shown } from '../options'

/** the most the charger's power limit takes (ControlLimit's range) */
const MAX_WATTS = EvseConfigRanges.ControlLimit![1]

/** The file's configuration: a backup written by `evse backup` (its `config`), or a plain object of fields. */
export async function readConfigFile(out: Out, file: string | undefined): Promise<Partial<EvseConfig>> {
  if (!file) throw new UsageError(out.t('evseService:cli.needFile'))
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (err) {
    throw new UsageError(out.t('evseService:cli.fileUnreadable', { file, reason: (err as NodeJS.ErrnoException).code ?? String(err) }))
  }
  let body: unknown
  try {
    body = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch {
    throw new UsageError(out.t('evseService:cli.fileNotJson', { file }))
  }
  const fields = isRecord(body) && isRecord(body.config) ? body.config : body
  if (!isRecord(fields)) throw new UsageError(out.t('evseService:cli.fileNotJson', { file }))
  const config: Record<string, unknown> = {}
  for (const [field, value] of Object.entries(fields)) {
    const spec = EvseConfigFields.find((f) => f.key === field)
    if (!spec) throw new UsageError(out.t('evseService:cli.fileUnknownField', { file, field: shown(field) }))
    const expects = fieldProblem(out, spec.key, spec.kind, value)
    if (expects) throw new UsageError(out.t('evseService:cli.fileBadField', { file, field, value: shown(JSON.stringify(value) ?? ''), expects }))
    config[field] = value
  }
  return config as Partial<EvseConfig>
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** What the field expects, when the value is not it; null when it is. */
function fieldProblem(out: Out, field: EvseConfigField, kind: 'number' | 'boolean' | 'string', value: unknown): string | null {
  if (kind === 'boolean') return typeof value === 'boolean' ? null : out.t('evseService:cli.expectsFlag')
  if (kind === 'string') return typeof value === 'string' && (value === '' || isIpv4(value)) ? null : out.t('evseService:cli.expectsAddress')
  const [min, max] = EvseConfigRanges[field]!
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? null : out.t('evseService:cli.expectsRange', { min, max })
}

export async function configSet(out: Out, client: EvseClient, file: string | undefined): Promise<number> {
  const wanted = await readConfigFile(out, file)
  const result = await writeConfig(client, wanted)
  out.print({ host: client.host, ...result }, () => {
    if (!result.sent) return out.t('evseService:cli.nothing')
    const c = (k: string) => out.t(`evseService:cli.${k}`)
    const text = (v: unknown) => (v === undefined || v === null ? '—' : String(v))
    const rows = result.fields.map((f) => [
      f.field,
      text(f.before),
      text(f.wanted),
      text(f.after),
      f.applied ? c('applied') : out.t('evseService:cli.notApplied', { reason: out.t(`evse:writeReason.${f.reason ?? 'ignored'}`) }),
    ])
    const lines = [table([[c('colField'), c('colBefore'), c('colWanted'), c('colAfter'), c('colResult')], ...rows])]
    if (result.changedElsewhere.length) lines.push(out.t('evse:write.changedElsewhere', { fields: result.changedElsewhere.join(', ') }))
    return lines.join('\n')
  })
  return result.ok ? EXIT.ok : EXIT.fail
}

/** SystemConfig into a file (or printed when no file is given), as `config set` and `restore` read it back. */
export async function backup(out: Out, client: EvseClient, file: string | undefined, clock: Clock): Promise<number> {
  const answer = await client.config()
  const saved = { host: client.host, savedAt: new Date(clock.now()).toISOString(), systemVersion: answer.systemVersion, config: answer.config }
  const json = `${JSON.stringify(saved, null, 2)}\n`
  if (!file) {
    process.stdout.write(json)
    return EXIT.ok
  }
  await writeFile(file, json, 'utf8')
  const count = Object.keys(answer.config).length
  out.print({ ...saved, file }, () => out.t('evseService:cli.backupSaved', { host: client.host, file, count }))
  return EXIT.ok
}

function stateText(out: Out, state: number): string {
  const name = evseStateName(state)
  return name ? out.t(`evse:stateName.${evseStateKey(name)}`) : out.t('evse:stateUnknown', { code: state })
}

export async function toggleCommand(out: Out, client: EvseClient, clock: Clock, action: ToggleAction): Promise<number> {
  const r = await toggle(client, clock, action)
  const seen = r.observed ?? r.before
  out.print({ host: client.host, ...r }, () => {
    const line = out.t(`evse:toggleOutcome.${r.outcome}`, { action: out.t(`evse:toggleAction.${action}`), seconds: ((r.observed?.afterMs ?? 0) / 1000).toFixed(1), state: stateText(out, seen.state) })
    return r.answerError ? `${line}\n${out.t('evse:toggle.answerLost')}` : line
  })
  return r.outcome === 'confirmed' || r.outcome === 'alreadyThere' ? EXIT.ok : EXIT.fail
}

export function boostAction(out: Out, arg: string | undefined): ToggleAction {
  if (arg === undefined || arg === 'on') return 'boostOn'
  if (arg === 'off') return 'boostOff'
  throw new UsageError(out.t('evseService:cli.badBoost', { value: shown(arg) }))
}

export function wattsOf(out: Out, arg: string | undefined): number {
  if (arg === undefined) throw new UsageError(out.t('evseService:cli.needWatts'))
  const watts = /^\d{1,6}$/.test(arg) ? Number(arg) : NaN
  if (!(watts >= 0 && watts <= MAX_WATTS)) throw new UsageError(out.t('evseService:cli.badWatts', { value: shown(arg) }))
  return watts
}

export async function limitCommand(out: Out, client: EvseClient, clock: Clock, watts: number): Promise<number> {
  const r = await setPowerAvailable(client, clock, watts)
  const params = { watts, observed: r.observedW ?? '—', seconds: ((r.afterMs ?? 0) / 1000).toFixed(1) }
  const key = r.outcome === 'confirmed' ? 'limitConfirmed' : r.outcome === 'restarted' ? 'limitRestarted' : 'limitNotConfirmed'
  out.print({ host: client.host, ...r }, () => out.t(`evseService:cli.${key}`, params))
  return r.outcome === 'confirmed' ? EXIT.ok : EXIT.fail
}

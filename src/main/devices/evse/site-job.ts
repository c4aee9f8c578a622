/**
 * A site template applied to several chargers as one recorded job: for each
 * charger in turn its SystemConfig is backed up into the record, the
 * template's differing fields written once, read back and compared field by
 * field (the verified write). A charger that fails, or does not take a field,
 * is reported on its own line and the next one goes on.
 */
import { type AppError, chargersKey, type DeviceKey, type JsonValue, type Measurement, type Verdict } from '@shared/contract'
import { type EvseSiteApplyInput, EvseSiteApplySchema } from '@shared/contract/evse/evse-site.schemas'
import { EvseConfigPatchSchema } from '@shared/contract/evse/evse.schemas'
import { configDiff, type EvseConfig, type EvseConfigField, EvseConfigFields } from '@shared/devices/evse/config'
import { z } from 'zod'
import { verifiedWrite } from '../../flows/verified-write'
import { type JobDeps, readCheckpoint, RecordedJob, type StepOutcome } from '../../flows/recorded-job'
import { exchangeSummary, type RecordedExchange } from '../../transport/http'
import { EvseClient } from './client'
import { likelyReason, writeBody } from './config-write'
import { errorCode, errorNote } from './errors'

/** errors after which a write may or may not have reached the charger: the read-back settles it */
const LOST = ['evseTimeout', 'evseCutOff', 'evseUnreachable']

const Checkpoint = z.object({ input: EvseSiteApplySchema, config: EvseConfigPatchSchema })

/** the step of the charger at `index` (from 0): one line per charger in the record */
export const chargerStep = (index: number) => `charger${index + 1}`

/** a field's measurement key: `ChargeCurrent` → `chargeCurrent` */
export const fieldKey = (field: EvseConfigField) => field[0]!.toLowerCase() + field.slice(1)

export interface EvseSiteJobDeps extends JobDeps {
  /** per attempt; the charger module's default when absent */
  timeoutMs?: number
}

export class EvseSiteJob extends RecordedJob {
  readonly type = 'evseSite' as const
  readonly stepKeys: readonly string[]

  constructor(
    protected override readonly deps: EvseSiteJobDeps,
    recordId: number,
    private readonly input: EvseSiteApplyInput,
    private readonly config: Partial<EvseConfig>,
  ) {
    super(deps, recordId)
    this.stepKeys = ['template', ...input.hosts.map((_, i) => chargerStep(i))]
  }

  get deviceKey(): DeviceKey {
    return chargersKey(this.input.hosts)
  }

  /** a failed step's note carries the charger's address and the error's other figures, for the record to word it whole */
  protected override errorNote(err: AppError): string {
    return errorNote(err)
  }

  static create(deps: EvseSiteJobDeps, raw: EvseSiteApplyInput, config: Partial<EvseConfig>): EvseSiteJob {
    const input = EvseSiteApplySchema.parse(raw)
    const record = deps.records.create({
      jobType: 'evseSite',
      site: input.site,
      customer: input.customer,
      operator: input.operator,
      deviceIds: { chargers: input.hosts.join(',') },
      meta: { template: input.template, chargers: input.hosts.length },
    })
    const job = new EvseSiteJob(deps, record.id, input, config)
    job.writeCheckpoint(Checkpoint, { input, config })
    return job
  }

  /** Picks up an interrupted record: a charger whose line is finished is not written again. */
  static resume(deps: EvseSiteJobDeps, recordId: number): EvseSiteJob {
    const { input, config } = readCheckpoint(deps.records, recordId, Checkpoint)
    deps.records.interruptRunningSteps(recordId)
    const job = new EvseSiteJob(deps, recordId, input, config as Partial<EvseConfig>)
    for (const step of deps.records.get(recordId, 0).steps) {
      if (step.status === 'done') job.stepStates.set(step.key, { key: step.key, verdict: step.verdict, note: step.note })
    }
    return job
  }

  protected async execute(): Promise<Verdict> {
    if (!this.stepStates.get('template')) {
      const measurements: Measurement[] = EvseConfigFields.filter((f) => this.config[f.key] !== undefined).map((f) => ({ key: fieldKey(f.key), value: this.config[f.key]! }))
      await this.step('template', { name: this.input.template }, async () => ({ verdict: 'info', measurements }))
    }
    for (const [index, host] of this.input.hosts.entries()) {
      const key = chargerStep(index)
      if (this.stepStates.get(key)?.verdict) continue
      await this.step(key, { host }, (stepId) => this.applyTo(host, stepId), { deviceEvidence: true })
    }
    return this.overallVerdict()
  }

  private tap(stepId: number): (x: RecordedExchange) => void {
    return (x) => {
      const channel = `http:${x.method} ${new URL(x.url).host}${new URL(x.url).pathname}`
      if (x.request) this.exchange(stepId, { direction: 'request', channel, data: x.request, summary: null, ts: x.startedAt })
      this.exchange(stepId, { direction: 'response', channel, data: x.status === null ? '' : x.response, summary: exchangeSummary(x), ts: x.startedAt + x.durationMs })
    }
  }

  /** One charger: backup, the verified write, a measurement per template field (before → after). */
  private async applyTo(host: string, stepId: number): Promise<StepOutcome> {
    const client = new EvseClient({ host, clock: this.time, timeoutMs: this.deps.timeoutMs, tap: this.tap(stepId) })
    // the backup is the SystemConfig answer kept in the record: nothing is written without it
    let backup: Partial<EvseConfig>
    try {
      backup = (await client.config(this.signal)).config
    } catch (err) {
      if (this.signal.aborted) throw err
      return { verdict: 'fail', note: errorNote(err) }
    }
    const { body, withheld } = writeBody(backup, this.config)
    const fields = Object.keys(body) as EvseConfigField[]
    let after: Partial<EvseConfig> = backup
    let answerLost = false
    let failure: string | null = null
    if (fields.length) {
      const [result] = await verifiedWrite([this.config], {
        readFirst: false,
        signal: this.signal,
        read: async () => (await client.config(this.signal)).config,
        write: async () => void (await client.writeConfig(body, this.signal)),
        matches: (wanted, value) => configDiff(value, wanted).length === 0,
        answerLost: (err) => LOST.includes(errorCode(err)),
      })
      const { status, error, readBack } = result!
      after = readBack ?? backup
      answerLost = error !== null && LOST.includes(errorCode(error))
      // refused, or not settled by a read-back: the charger's own error says why
      if (status === 'refused' || status === 'answerLost' || status === 'unverified') failure = errorNote(error)
    }
    const measurements: Measurement[] = []
    let firstReason: string | null = null
    for (const { key: field } of EvseConfigFields) {
      if (this.config[field] === undefined) continue
      const applied = after[field] === this.config[field]
      if (!applied && !firstReason) firstReason = withheld.find((w) => w.field === field)?.reason ?? (fields.includes(field) ? likelyReason(field, body, answerLost) : 'ignored')
      const value = (after[field] ?? '—') as JsonValue as number | string | boolean
      measurements.push({
        key: fieldKey(field),
        value,
        ...(backup[field] !== undefined ? { before: backup[field] } : {}),
        ...(applied ? {} : { target: this.config[field] }),
        verdict: applied ? 'pass' : 'fail',
      })
    }
    const ok = failure === null && measurements.every((m) => m.verdict === 'pass')
    return { verdict: ok ? 'pass' : 'fail', measurements, note: failure ?? (ok ? (fields.length ? null : 'alreadySet') : firstReason) }
  }
}

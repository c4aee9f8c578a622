/**
 * Setting up an EV charger on site: identify it, back up its SystemConfig
 * into the record before anything changes, write the installer's
 * configuration with a read-back of every field, run the test charge, and
 * close with the verdict the handover report shows first. Each step is in
 * the record as it happens; an interrupted job resumes at the first step
 * without a verdict, with the backup it took before the interruption.
 */
import { AppError, chargerKey, type DeviceKey, type EvseIdentity, type EvseSetupPrompt, EvseSetupSteps, type EvseSetupView, type Verdict } from '@shared/contract'
import { type EvseSetupAnswer, EvseSetupStartSchema, type EvseSetupStart } from '@shared/contract/evse/setup.schemas'
import { EvseConfigPatchSchema } from '@shared/contract/evse/evse.schemas'
import type { EvseConfig } from '@shared/devices/evse/config'
import { validateSetupTarget } from '@shared/devices/evse/setup-validation'
import { isEvseErrorState } from '@shared/devices/evse/states'
import { z } from 'zod'
import { Prompts } from '../../flows/prompts'
import { type JobDeps, readCheckpoint, RecordedJob, type StepOutcome } from '../../flows/recorded-job'
import { exchangeSummary } from '../../transport/http'
import { EvseClient } from './client'
import { errorNote } from './errors'
import { writeConfig } from './config-write'
import { backupMeasurements, chartMeta, configureOutcome, identityMeasurements, testChargeOutcome, verdictOutcome } from './setup-record'
import { TestCharge } from './test-charge'

export interface EvseSetupDeps extends JobDeps {
  publishSetup: (view: EvseSetupView) => void
  /** the client for a charger's address; tests pass their own timeouts */
  clientFor?: (host: string, tap: ConstructorParameters<typeof EvseClient>[0]['tap']) => EvseClient
}

const BackupSchema = EvseConfigPatchSchema
const SetupCheckpoint = z.object({
  input: EvseSetupStartSchema,
  /** SystemConfig read before anything was written: never read again once taken */
  backup: BackupSchema.optional(),
  /** the installer's choice; null keeps the charger's configuration */
  target: EvseConfigPatchSchema.nullable().optional(),
})
type Checkpoint = z.output<typeof SetupCheckpoint>
type Input = Checkpoint['input']

export class EvseSetupJob extends RecordedJob {
  readonly type = 'evseSetup' as const
  readonly stepKeys = EvseSetupSteps
  private readonly prompts: Prompts<EvseSetupPrompt, EvseSetupAnswer>
  private readonly client: EvseClient
  /** the step the client's exchanges go into */
  private stepId: number | null = null
  private identity: EvseIdentity | null = null
  private backup: Partial<EvseConfig> | null
  private target: Partial<EvseConfig> | null | undefined
  private current: Partial<EvseConfig> | null = null
  private write: EvseSetupView['write'] = null
  private testCharge: TestCharge | null = null

  constructor(
    protected override readonly deps: EvseSetupDeps,
    recordId: number,
    private readonly input: Input,
    checkpoint: Omit<Checkpoint, 'input'> = {},
  ) {
    super(deps, recordId)
    this.prompts = new Prompts(() => this.emit())
    this.backup = checkpoint.backup ?? null
    this.target = checkpoint.target
    const tap: ConstructorParameters<typeof EvseClient>[0]['tap'] = (x) => {
      const channel = `http:${x.method} ${new URL(x.url).pathname}`
      this.exchange(this.stepId, { direction: 'request', channel, data: x.request ?? '', summary: null, ts: x.startedAt })
      this.exchange(this.stepId, { direction: 'response', channel, data: x.status === null ? '' : x.response, summary: exchangeSummary(x), ts: x.startedAt + x.durationMs })
    }
    this.client = deps.clientFor?.(input.host, tap) ?? new EvseClient({ host: input.host, clock: this.time, tap })
  }

  get deviceKey(): DeviceKey {
    return chargerKey(this.input.host)
  }

  /** a failed step's note carries the charger's address and the error's other figures, for the record to word it whole */
  protected override errorNote(err: AppError): string {
    return errorNote(err)
  }

  static create(deps: EvseSetupDeps, raw: EvseSetupStart): EvseSetupJob {
    const input = EvseSetupStartSchema.parse(raw)
    const record = deps.records.create({
      jobType: 'evseSetup',
      site: input.site,
      customer: input.customer,
      operator: input.operator,
      deviceSerial: '',
      deviceIds: { charger: input.host },
    })
    const job = new EvseSetupJob(deps, record.id, input)
    job.saveCheckpoint()
    return job
  }

  /** Steps with a verdict are kept; the backup taken before the interruption stays the backup. */
  static resume(deps: EvseSetupDeps, recordId: number): EvseSetupJob {
    const { input, backup, target } = readCheckpoint(deps.records, recordId, SetupCheckpoint)
    deps.records.interruptRunningSteps(recordId)
    const job = new EvseSetupJob(deps, recordId, input, { backup, target })
    for (const step of deps.records.get(recordId, 0).steps) {
      if (step.status === 'done' && step.verdict && step.key !== 'verdict' && (EvseSetupSteps as readonly string[]).includes(step.key)) {
        job.stepStates.set(step.key, { key: step.key, verdict: step.verdict, note: step.note })
      }
    }
    return job
  }

  /** The backup as the record keeps it, for "Restore" after the job has ended. */
  static backupOf(deps: Pick<JobDeps, 'records'>, recordId: number): { host: string; backup: Partial<EvseConfig> } {
    const { input, backup } = readCheckpoint(deps.records, recordId, SetupCheckpoint)
    if (!backup) throw new AppError('evseNoBackup', { id: recordId })
    return { host: input.host, backup }
  }

  view(): EvseSetupView {
    return {
      recordId: this.recordId,
      host: this.input.host,
      identity: this.identity,
      backup: this.backup,
      current: this.current,
      target: this.target ?? null,
      write: this.write,
      testCharge: this.testCharge?.view() ?? null,
      awaiting: this.prompts.awaiting,
      finished: this.ended,
    }
  }

  /** An answer from the installer. A configuration with a field the rules refuse is refused whole, and nothing is written. */
  answer(answer: EvseSetupAnswer): EvseSetupView {
    if (answer.kind === 'config' && answer.target && this.prompts.awaiting === 'configTarget') {
      const issues = validateSetupTarget(answer.target, this.current ?? {})
      if (issues.length) throw new AppError('evseInvalidSetting', { field: issues[0]!.field, count: issues.length })
    }
    this.prompts.answer(answer)
    return this.view()
  }

  protected override emit(): void {
    super.emit()
    this.deps.publishSetup(this.view())
  }

  protected async execute(): Promise<Verdict> {
    if (this.stepStates.get('identify')?.verdict) {
      // resumed: the charger is read again, since it may have changed while the job was away
      this.identity = await this.readIdentity().catch((err: unknown) => {
        if (this.signal.aborted) throw err
        this.stepStates.delete('identify')
        return null
      })
    }
    if (!this.stepStates.get('identify')?.verdict) {
      const outcome = await this.step('identify', { host: this.input.host }, (id) => this.inStep(id, () => this.identifyStep()), { deviceEvidence: true })
      if (!this.identity) return this.closeWith(outcome)
    }
    if (!this.stepStates.get('backup')?.verdict) {
      const outcome = await this.step('backup', {}, (id) => this.inStep(id, () => this.backupStep()), { deviceEvidence: !this.backup })
      // nothing is changed on a charger whose configuration is not safely in the record
      if (!this.backup) return this.closeWith(outcome)
    }
    if (!this.stepStates.get('configure')?.verdict) await this.step('configure', {}, (id) => this.inStep(id, () => this.configureStep()), { deviceEvidence: true })
    if (!this.stepStates.get('testCharge')?.verdict) await this.step('testCharge', {}, (id) => this.inStep(id, () => this.testChargeStep()), { deviceEvidence: true })
    await this.step('verdict', {}, async () => verdictOutcome(EvseSetupSteps.filter((k) => k !== 'verdict').map((k) => this.stepStates.get(k)?.verdict)))
    return this.overallVerdict()
  }

  protected override async leaveSafe(): Promise<void> {
    await this.testCharge?.leaveSafe(new AbortController().signal)
  }

  /** The job cannot go on (the charger not found, no backup): the verdict step says so and the record closes as FAIL. */
  private async closeWith(outcome: StepOutcome): Promise<Verdict> {
    await this.step('verdict', {}, async () => verdictOutcome(EvseSetupSteps.filter((k) => k !== 'verdict').map((k) => this.stepStates.get(k)?.verdict), outcome.note ?? null))
    return 'fail'
  }

  private async inStep(stepId: number, body: () => Promise<StepOutcome>): Promise<StepOutcome> {
    this.stepId = stepId
    try {
      return await body()
    } finally {
      this.stepId = null
    }
  }

  private saveCheckpoint(): void {
    this.writeCheckpoint(SetupCheckpoint, { input: this.input, backup: this.backup ?? undefined, target: this.target })
  }

  private async ask<K extends EvseSetupAnswer['kind']>(prompt: EvseSetupPrompt, kinds: readonly K[]) {
    const step = this.phaseValue.phase === 'running' || this.phaseValue.phase === 'paused' ? this.phaseValue.step : ''
    this.setPhase({ phase: 'paused', step, reason: 'awaitingInput' })
    const answer = await this.prompts.ask(prompt, kinds, this.signal)
    this.setPhase({ phase: 'running', step })
    return answer
  }

  private async readIdentity(): Promise<EvseIdentity> {
    const info = await this.client.info(this.signal)
    const status = await this.client.status(this.signal)
    const identity: EvseIdentity = {
      productType: info.productType,
      firmware: info.systemVersion ?? status.systemVersion,
      mac: info.mac,
      wifi: info.wifi ?? status.wifi,
      generalInfo: info.generalInfo,
      state: status.state,
      meter1Errors: status.meter1Errors,
      meter2Errors: status.meter2Errors,
    }
    this.identity = identity
    this.emit()
    return identity
  }

  private async identifyStep(): Promise<StepOutcome> {
    const identity = await this.readIdentity()
    this.deps.records.update(this.recordId, {
      deviceSerial: identity.mac ?? '',
      deviceIds: { charger: this.input.host, ...(identity.mac ? { mac: identity.mac } : {}) },
      meta: { productType: identity.productType ?? '', firmware: identity.firmware ?? '' },
    })
    const measurements = identityMeasurements(identity)
    if (isEvseErrorState(identity.state)) return { verdict: 'fail', note: 'chargerFault', measurements }
    return { verdict: 'pass', measurements }
  }

  private async backupStep(): Promise<StepOutcome> {
    if (!this.backup) {
      this.backup = (await this.client.config(this.signal)).config
      this.saveCheckpoint()
      this.emit()
    }
    return { verdict: 'pass', measurements: backupMeasurements(this.backup) }
  }

  private async configureStep(): Promise<StepOutcome> {
    this.current = (await this.client.config(this.signal)).config
    this.emit()
    if (this.target === undefined) {
      const answer = await this.ask('configTarget', ['config'])
      this.target = answer.target
      this.saveCheckpoint()
    }
    if (this.target === null) return { verdict: 'info', note: 'configKept' }
    // a resumed write goes again from what the charger holds now: writing a value it already has changes nothing
    this.write = await writeConfig(this.client, this.target, this.signal)
    this.emit()
    return configureOutcome(this.write)
  }

  private async testChargeStep(): Promise<StepOutcome> {
    const answer = await this.ask('plugIn', ['plugIn'])
    if (!answer.ready) return { verdict: 'fail', note: 'testChargeSkipped' }
    const config = (await this.client.config(this.signal)).config
    this.testCharge = new TestCharge({ client: this.client, clock: this.time, signal: this.signal, config, onProgress: () => this.emit() })
    const result = await this.testCharge.run()
    this.deps.records.update(this.recordId, { meta: { ...this.deps.records.get(this.recordId, 0).meta, testCharge: chartMeta(result.samples) } })
    return testChargeOutcome(result)
  }
}

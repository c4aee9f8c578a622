/**
 * The CT check on its own (the "CT detection" job): which system it is, the
 * preconditions, the check, the result — re-run as often as the wiring needs,
 * every attempt in the record. Also what `fieldbench foxess ct-check` runs.
 */
import { AppError, CtDetectionSteps, type CtView, type DeviceKey, inverterKey, type JsonValue } from '@shared/contract'
import { type CtAnswer, type CtStart, CtStartSchema } from '@shared/contract/foxess.schemas'
import { suggestSystem } from '@shared/devices/foxess/ct'
import type { z } from 'zod'
import { CtFlow } from './ct-flow'
import { FoxJob, type FoxJobDeps } from './fox-job'
import { Prompts } from './prompts'

export interface CtJobDeps extends FoxJobDeps {
  publishCt: (view: CtView) => void
}

type Input = z.output<typeof CtStartSchema>

export class CtDetectionJob extends FoxJob {
  readonly type = 'ctDetection' as const
  readonly stepKeys = CtDetectionSteps

  /** the device this job drives: no second job starts on it while this one is open */
  get deviceKey(): DeviceKey {
    return inverterKey(this.input.sn)
  }
  private readonly prompts: Prompts<'ctApplicability' | 'ctAfterPreconditions' | 'ctAfterResult', CtAnswer>
  private readonly flow: CtFlow
  private finished = false

  constructor(
    protected override readonly deps: CtJobDeps,
    recordId: number,
    private readonly input: Input,
  ) {
    super(deps, recordId)
    this.prompts = new Prompts(() => this.emit())
    const host = this.ctHost(
      (prompt, kinds) => this.waitFor(prompt, kinds),
      () => this.emit(),
    )
    this.flow = new CtFlow(host, input.sn, suggestSystem(input.productType), input.system ?? null)
  }

  static create(deps: CtJobDeps, raw: CtStart): CtDetectionJob {
    const input: Input = CtStartSchema.parse(raw)
    const record = deps.records.create({
      jobType: 'ctDetection',
      site: input.site,
      customer: input.customer,
      operator: input.operator,
      deviceSerial: input.sn,
      deviceIds: { inverter: input.sn },
      meta: { system: input.system ?? null },
    })
    deps.records.setCheckpoint(record.id, { input: input as unknown as JsonValue })
    return new CtDetectionJob(deps, record.id, input)
  }

  /** An interrupted check starts over from the preconditions: the device's state is live, not recorded. */
  static resume(deps: CtJobDeps, recordId: number): CtDetectionJob {
    const checkpoint = deps.records.checkpoint(recordId) as { input?: unknown; system?: unknown } | null
    const parsed = CtStartSchema.safeParse(checkpoint?.input)
    if (!parsed.success) throw new AppError('recordClosed', { id: recordId, reason: 'noCheckpoint' })
    deps.records.interruptRunningSteps(recordId)
    const system = CtStartSchema.shape.system.safeParse(checkpoint?.system)
    return new CtDetectionJob(deps, recordId, { ...parsed.data, system: parsed.data.system ?? (system.success ? system.data : undefined) })
  }

  view(): CtView {
    return {
      recordId: this.recordId,
      sn: this.input.sn,
      system: this.flow.system,
      suggestedSystem: this.flow.suggestedSystem,
      attempts: this.flow.attempts.map((a) => structuredClone(a)),
      awaiting: this.prompts.awaiting,
      finished: this.finished,
    }
  }

  answer(answer: CtAnswer): CtView {
    if (answer.kind === 'ctStopPolling') this.flow.stopWaiting()
    else this.prompts.answer(answer)
    return this.view()
  }

  async run(): Promise<void> {
    try {
      const result = await this.flow.run()
      this.deps.records.setCheckpoint(this.recordId, { input: this.input as unknown as JsonValue, system: this.flow.system })
      this.finished = true
      if (result.kind === 'notApplicable') this.finish('none')
      else this.finish(result.kind === 'done' && result.outcome.kind === 'normal' ? 'pass' : 'fail')
    } catch (err) {
      this.finished = true
      if (this.signal.aborted) this.abort('cancelled')
      else {
        this.log.error('ctDetection.crashed', { error: err instanceof Error ? err.message : String(err) })
        this.abort(err instanceof AppError ? err.code : 'internal')
      }
    }
  }

  protected publish(): void {
    this.deps.publishCt(this.view())
  }

  private async waitFor<K extends CtAnswer['kind']>(prompt: 'ctApplicability' | 'ctAfterPreconditions' | 'ctAfterResult', kinds: readonly K[]) {
    this.setPhase({ phase: 'paused', step: this.phaseStep(), reason: 'awaitingInput' })
    const answer = await this.prompts.ask(prompt, kinds, this.signal)
    const asked = answer as CtAnswer
    if (asked.kind === 'ctApplicability') this.deps.records.setCheckpoint(this.recordId, { input: this.input as unknown as JsonValue, system: asked.system })
    this.setPhase({ phase: 'running', step: this.phaseStep() })
    return answer
  }

  private phaseStep(): string {
    const p = this.phaseValue
    return p.phase === 'running' || p.phase === 'paused' ? p.step : ''
  }
}

/**
 * The CT check on its own (the "CT detection" job): which system it is, the
 * preconditions, the check, the result — re-run as often as the wiring needs,
 * every attempt in the record. Also what `fieldbench foxess ct-check` runs.
 */
import { CtDetectionSteps, CtSystemKinds, type CtView, type DeviceKey, inverterKey, type Verdict } from '@shared/contract'
import { type CtAnswer, type CtStart, CtStartSchema } from '@shared/contract/foxess/foxess.schemas'
import { suggestSystem } from '@shared/devices/foxess/ct'
import { z } from 'zod'
import { CtFlow, type CtStarted, CtStartedSchema } from './ct-flow'
import { FoxJob, type FoxJobDeps } from './fox-job'
import { Prompts } from '../../flows/prompts'
import { readCheckpoint } from '../../flows/recorded-job'

export interface CtJobDeps extends FoxJobDeps {
  publishCt: (view: CtView) => void
}

type Input = z.output<typeof CtStartSchema>

/** What a CT check needs to be picked up again: what it was started with, and the system once the person has said. */
const CtCheckpoint = z.object({ input: CtStartSchema, system: z.enum(CtSystemKinds).optional(), started: CtStartedSchema.optional() })

export class CtDetectionJob extends FoxJob {
  readonly type = 'ctDetection' as const
  readonly stepKeys = CtDetectionSteps

  /** the device this job drives: no second job starts on it while this one is open */
  get deviceKey(): DeviceKey {
    return inverterKey(this.input.sn)
  }
  private readonly prompts: Prompts<'ctApplicability' | 'ctAfterPreconditions' | 'ctAfterResult', CtAnswer>
  private readonly flow: CtFlow
  private started: CtStarted | null

  constructor(
    protected override readonly deps: CtJobDeps,
    recordId: number,
    private readonly input: Input,
    started: CtStarted | null = null,
  ) {
    super(deps, recordId)
    this.prompts = new Prompts(() => this.emit())
    const host = this.ctHost(
      (prompt, kinds) => this.waitFor(prompt, kinds),
      () => this.emit(),
      (check) => {
        this.started = check
        this.saveCheckpoint()
      },
    )
    this.started = started
    this.flow = new CtFlow(host, input.sn, suggestSystem(input.productType), input.system ?? null, started)
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
    const job = new CtDetectionJob(deps, record.id, input)
    job.saveCheckpoint()
    return job
  }

  /**
   * An interrupted check starts over from the preconditions (the device's state is live, not recorded),
   * unless a check was started: that one is polled, never started again.
   */
  static resume(deps: CtJobDeps, recordId: number): CtDetectionJob {
    const { input, system, started } = readCheckpoint(deps.records, recordId, CtCheckpoint)
    deps.records.interruptRunningSteps(recordId)
    return new CtDetectionJob(deps, recordId, { ...input, system: input.system ?? system }, started ?? null)
  }

  view(): CtView {
    return {
      recordId: this.recordId,
      sn: this.input.sn,
      system: this.flow.system,
      suggestedSystem: this.flow.suggestedSystem,
      attempts: this.flow.attempts.map((a) => structuredClone(a)),
      awaiting: this.prompts.awaiting,
      finished: this.ended,
    }
  }

  answer(answer: CtAnswer): CtView {
    if (answer.kind === 'ctStopPolling') this.flow.stopWaiting()
    else this.prompts.answer(answer)
    return this.view()
  }

  protected async execute(): Promise<Verdict> {
    const result = await this.flow.run()
    this.saveCheckpoint()
    if (result.kind === 'notApplicable') return 'none'
    return result.kind === 'done' && result.outcome.kind === 'normal' ? 'pass' : 'fail'
  }

  protected publish(): void {
    this.deps.publishCt(this.view())
  }

  private async waitFor<K extends CtAnswer['kind']>(prompt: 'ctApplicability' | 'ctAfterPreconditions' | 'ctAfterResult', kinds: readonly K[]) {
    this.setPhase({ phase: 'paused', step: this.phaseStep(), reason: 'awaitingInput' })
    const answer = await this.prompts.ask(prompt, kinds, this.signal)
    const asked = answer as CtAnswer
    if (asked.kind === 'ctApplicability') this.saveCheckpoint(asked.system)
    this.setPhase({ phase: 'running', step: this.phaseStep() })
    return answer
  }

  private saveCheckpoint(system = this.flow.system ?? undefined): void {
    this.writeCheckpoint(CtCheckpoint, { input: this.input, system: system ?? undefined, started: this.started ?? undefined })
  }

  private phaseStep(): string {
    const p = this.phaseValue
    return p.phase === 'running' || p.phase === 'paused' ? p.step : ''
  }
}

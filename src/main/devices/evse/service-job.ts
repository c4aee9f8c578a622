/**
 * A service action on one charger as a small recorded job: what was sent,
 * once, and what the charger's state showed after it, step by step with the
 * HTTP exchanges. What cannot be undone is preceded by a backup of the
 * configuration into the record (the restore action writes it back), and
 * whatever restarts the charger is proven by its uptime starting again.
 * A suspended service job is not resumed: a code is never sent twice.
 */
import { type AppError, chargerKey, type DeviceKey, type EvseConfigComparison, type EvseServiceAction, EvseServiceSteps, type EvseServiceView, type JsonValue, type Measurement, type Verdict } from '@shared/contract'
import type { EvseInfo } from '@shared/devices/evse/answers'
import { type EvseConfig, EvseConfigFields } from '@shared/devices/evse/config'
import { type JobDeps, RecordedJob, type StepOutcome } from '../../flows/recorded-job'
import { exchangeSummary, type RecordedExchange } from '../../transport/http'
import type { EvseClient } from './client'
import { writeConfig } from './config-write'
import { errorNote } from './errors'
import { otaRequest, postServiceCode, SCODE_KEYS, type ServiceCode, type ServiceEffect, serviceOutcome, waitForEffect, waitForRestart, RESTART_DEADLINE_MS, SERVICE_POLL_MS } from './service'

export interface ServiceJobInput {
  host: string
  action: EvseServiceAction
  /** restore: the backup to write, read from `fromRecord` */
  restoreConfig?: Partial<EvseConfig>
  fromRecord?: number
  site?: string
  operator?: string
}

const CODES: Partial<Record<EvseServiceAction, ServiceCode>> = { reset: 'Reset', factoryDefault: 'FactoryDefault', wifiAp: 'WiFiSetToAP' }
/** how long a new OTA message may take to show after an update check */
const OTA_MESSAGE_MS = 15_000

/** a field's measurement key: the document's name with a small first letter */
const fieldKey = (field: string) => field[0]!.toLowerCase() + field.slice(1)
const scalar = (v: unknown): number | string | boolean => (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? v : '—')

/** The record's meta: the action in the reader's language, the charger, and a restore's source. */
function metaOf(input: ServiceJobInput): Record<string, JsonValue> {
  return {
    action: { key: `evseService:action.${input.action}`, text: input.action },
    host: input.host,
    ...(input.fromRecord ? { fromRecord: input.fromRecord } : {}),
  }
}

export class EvseServiceJob extends RecordedJob {
  readonly type = 'evseService' as const
  readonly stepKeys: readonly string[]
  private readonly view: EvseServiceView

  get deviceKey(): DeviceKey {
    return chargerKey(this.input.host)
  }

  /** a failed step's note carries the charger's address and the error's other figures, for the record to word it whole */
  protected override errorNote(err: AppError): string {
    return errorNote(err)
  }

  private constructor(
    deps: JobDeps,
    recordId: number,
    private readonly input: ServiceJobInput,
    private readonly client: EvseClient,
    private readonly publish: (view: EvseServiceView) => void,
  ) {
    super(deps, recordId)
    this.stepKeys = EvseServiceSteps[input.action]
    this.view = {
      recordId,
      host: input.host,
      action: input.action,
      backup: null,
      sent: [],
      keyTaken: null,
      uptimeBeforeMs: null,
      uptimeAfterMs: null,
      uptimeRunOnMs: null,
      awayMs: null,
      comparison: [],
      otaMessage: null,
      otaCheckAllowed: null,
      otaUpdateAllowed: null,
      versionBefore: null,
      versionAfter: null,
      wifiAfter: null,
      leftNetwork: false,
      fromRecord: input.fromRecord ?? null,
    }
  }

  static create(deps: JobDeps, input: ServiceJobInput, client: EvseClient, publish: (view: EvseServiceView) => void): EvseServiceJob {
    const record = deps.records.create({
      jobType: 'evseService',
      site: input.site,
      operator: input.operator,
      deviceIds: { charger: input.host },
      meta: metaOf(input),
    })
    return new EvseServiceJob(deps, record.id, input, client, publish)
  }

  get current(): EvseServiceView {
    return this.view
  }

  protected override emit(): void {
    super.emit()
    this.publish({ ...this.view })
  }

  protected async execute(): Promise<Verdict | null> {
    const { action } = this.input
    const code = CODES[action]
    if (code) return this.serviceCode(code)
    if (action === 'updateCheck') return this.updateCheck()
    if (action === 'updateRun') return this.updateRun()
    return this.restore()
  }

  /** The step's client: its exchanges go into the record under the step. */
  private clientFor(stepId: number): EvseClient {
    return this.client.withTap((x: RecordedExchange) => {
      const channel = `http:${x.method} ${new URL(x.url).pathname}`
      if (x.request) this.exchange(stepId, { direction: 'request', channel, data: x.request, ts: x.startedAt })
      this.exchange(stepId, { direction: 'response', channel, data: x.response || x.error || '', summary: exchangeSummary(x), ts: x.startedAt + x.durationMs })
    })
  }

  private async serviceCode(code: ServiceCode): Promise<Verdict> {
    const effectStep = code === 'WiFiSetToAP' ? 'apMode' : 'restart'
    if (code === 'FactoryDefault') await this.backup()
    let before: EvseInfo | null = null
    // the table's spelling first; the example's only when the charger took nothing of it and its state shows so
    for (const key of SCODE_KEYS) {
      let claimed = false
      let mark = 0
      let sentAt = 0
      await this.step('send', { code, key }, async (stepId) => {
        const client = this.clientFor(stepId)
        before ??= await client.info(this.signal)
        this.view.uptimeBeforeMs = before.uptimeMs
        this.view.versionBefore = before.systemVersion
        mark = client.restarts
        sentAt = this.time.now()
        const posted = await postServiceCode(client, code, key, this.signal)
        claimed = posted.claimed
        this.view.sent.push(posted.body)
        return { verdict: 'info', note: posted.answerError ?? (posted.claimed ? 'answerNamesCode' : 'answerWithoutCode'), measurements: [{ key: 'uptimeBefore', value: Math.round(before.uptimeMs / 1000), unit: 's' }] }
      })
      // no charger to send to: nothing was sent, nothing to wait for
      if (!before) return 'fail'
      let effect: ServiceEffect | null = null
      await this.step(
        effectStep,
        { code, key },
        async (stepId) => {
          effect = await waitForEffect(this.clientFor(stepId), this.time, code, before!, mark, sentAt, claimed, this.signal)
          this.view.uptimeRunOnMs = before!.uptimeMs + (this.time.now() - sentAt)
          return this.effectOutcome(code, effect, claimed)
        },
        { deviceEvidence: true },
      )
      const seen = effect as ServiceEffect | null
      if (seen?.seen) this.view.keyTaken = key
      if (!seen || seen.seen || seen.gone || claimed) break
    }
    if (code === 'FactoryDefault') await this.compare('info')
    // gone from this network as asked, which cannot be proven from here: no verdict either way
    return this.view.leftNetwork ? 'none' : this.overallVerdict()
  }

  private effectOutcome(code: ServiceCode, effect: ServiceEffect, claimed: boolean): StepOutcome {
    const outcome = serviceOutcome(effect, claimed)
    this.view.uptimeAfterMs = effect.uptimeAfterMs
    this.view.awayMs = effect.awayMs
    this.view.leftNetwork = effect.gone
    if (effect.infoAfter) {
      this.view.wifiAfter = effect.infoAfter.wifi?.ssid ?? null
      this.view.otaMessage = effect.infoAfter.otaMessage
      this.view.otaCheckAllowed = effect.infoAfter.otaCheckAllowed
      this.view.otaUpdateAllowed = effect.infoAfter.otaUpdateAllowed
      this.view.versionAfter = effect.infoAfter.systemVersion
    }
    const measurements: Measurement[] = []
    if (effect.uptimeAfterMs !== null) measurements.push({ key: code === 'WiFiSetToAP' ? 'uptime' : 'uptimeAfter', value: Math.round(effect.uptimeAfterMs / 1000), unit: 's' })
    if (effect.awayMs !== null) measurements.push({ key: 'away', value: Math.round(effect.awayMs / 1000), unit: 's' })
    if (code === 'WiFiSetToAP' && effect.infoAfter?.wifi) measurements.push({ key: 'wifi', value: effect.infoAfter.wifi.ssid })
    // a charger that left this network for its own access point did what was asked; it cannot be proven from here
    const verdict = outcome === 'confirmed' ? 'pass' : outcome === 'leftNetwork' ? 'info' : 'fail'
    return { verdict, note: outcome, measurements }
  }

  /** The configuration into the record (meta `backup`) before anything changes. */
  private async backup(): Promise<void> {
    await this.step(
      'backup',
      {},
      async (stepId) => {
        const answer = await this.clientFor(stepId).config(this.signal)
        this.view.backup = answer.config
        this.deps.records.update(this.recordId, { meta: { ...metaOf(this.input), backup: answer.config as JsonValue } })
        const measurements = EvseConfigFields.filter((f) => answer.config[f.key] !== undefined).map((f) => ({ key: fieldKey(f.key), value: scalar(answer.config[f.key]) }))
        return { verdict: 'pass', measurements }
      },
      { deviceEvidence: true },
    )
  }

  /** The configuration read back and compared with the backup, field by field. */
  private async compare(mismatch: 'info' | 'fail'): Promise<void> {
    await this.step(
      'compare',
      {},
      async (stepId) => {
        const after = (await this.clientFor(stepId).config(this.signal)).config
        const backup = this.view.backup ?? {}
        const comparison: EvseConfigComparison[] = EvseConfigFields.map(({ key }) => ({ field: key, backup: backup[key] ?? null, after: after[key] ?? null, same: backup[key] === after[key] }))
        this.view.comparison = comparison
        const changed = comparison.filter((c) => !c.same)
        const measurements: Measurement[] = comparison.map((c) => ({
          key: fieldKey(c.field),
          value: scalar(c.after),
          before: scalar(c.backup),
          verdict: c.same ? 'pass' : mismatch,
        }))
        return { verdict: changed.length ? mismatch : 'pass', note: changed.length ? 'fieldsChanged' : 'fieldsSame', measurements }
      },
      { deviceEvidence: true },
    )
  }

  /** Reads the update flags; false (and the job ends without a verdict) when the charger does not allow the request. */
  private async flags(flag: 'otaCheckAllowed' | 'otaUpdateAllowed'): Promise<EvseInfo | null> {
    let info: EvseInfo | null = null
    await this.step(
      'flags',
      { flag },
      async (stepId) => {
        info = await this.clientFor(stepId).info(this.signal)
        this.view.otaCheckAllowed = info.otaCheckAllowed
        this.view.otaUpdateAllowed = info.otaUpdateAllowed
        this.view.otaMessage = info.otaMessage
        this.view.versionBefore = info.systemVersion
        this.view.uptimeBeforeMs = info.uptimeMs
        const measurements: Measurement[] = [
          { key: 'otaCheckAllowed', value: info.otaCheckAllowed ?? '—' },
          { key: 'otaUpdateAllowed', value: info.otaUpdateAllowed ?? '—' },
          { key: 'version', value: info.systemVersion ?? '—' },
        ]
        if (info.otaMessage) measurements.push({ key: 'otaMessage', value: info.otaMessage })
        return { verdict: info[flag] === true ? 'pass' : 'info', note: info[flag] === true ? null : 'otaNotAllowed', measurements }
      },
      { deviceEvidence: true },
    )
    const read = info as EvseInfo | null
    return read?.[flag] === true ? read : null
  }

  private async updateCheck(): Promise<Verdict> {
    const before = await this.flags('otaCheckAllowed')
    if (!before) return 'none'
    await this.step('send', { request: 'UpdateCheckToggle' }, async (stepId) => {
      const r = await otaRequest(this.clientFor(stepId), 'UpdateCheckToggle', this.signal, before)
      this.view.sent.push({ UpdateCheckToggle: true })
      return { verdict: 'info', note: r.answerError ?? null }
    })
    await this.step(
      'otaMessage',
      {},
      async (stepId) => {
        const client = this.clientFor(stepId)
        const since = this.time.now()
        let info = await client.info(this.signal)
        // the check runs on the charger: its message changes when it is done
        while (info.otaMessage === before.otaMessage && this.time.now() - since < OTA_MESSAGE_MS) {
          await this.wait(SERVICE_POLL_MS)
          info = await client.info(this.signal)
        }
        this.view.otaMessage = info.otaMessage
        this.view.otaUpdateAllowed = info.otaUpdateAllowed
        const changed = info.otaMessage !== before.otaMessage
        return {
          verdict: changed ? 'pass' : 'fail',
          note: changed ? null : 'otaNoMessage',
          measurements: [
            { key: 'otaMessage', value: info.otaMessage ?? '—' },
            { key: 'otaUpdateAllowed', value: info.otaUpdateAllowed ?? '—' },
          ],
        }
      },
      { deviceEvidence: true },
    )
    return this.overallVerdict()
  }

  private async updateRun(): Promise<Verdict> {
    const before = await this.flags('otaUpdateAllowed')
    if (!before) return 'none'
    await this.backup()
    let mark = 0
    let sentAt = 0
    await this.step('send', { request: 'UpdateRunToggle' }, async (stepId) => {
      const client = this.clientFor(stepId)
      mark = client.restarts
      sentAt = this.time.now()
      const r = await otaRequest(client, 'UpdateRunToggle', this.signal, before)
      this.view.sent.push({ UpdateRunToggle: true })
      return { verdict: 'info', note: r.answerError ?? null }
    })
    await this.step(
      'restart',
      {},
      async (stepId) => {
        const effect = await waitForRestart(this.clientFor(stepId), this.time, before.uptimeMs, mark, sentAt, RESTART_DEADLINE_MS, this.signal)
        this.view.uptimeRunOnMs = before.uptimeMs + (this.time.now() - sentAt)
        const outcome = this.effectOutcome('Reset', effect, true)
        const measurements = [...(outcome.measurements ?? []), { key: 'version', value: effect.infoAfter?.systemVersion ?? '—', before: before.systemVersion ?? '—' }]
        return { ...outcome, measurements }
      },
      { deviceEvidence: true },
    )
    await this.compare('fail')
    return this.overallVerdict()
  }

  private async restore(): Promise<Verdict> {
    await this.backup()
    await this.step(
      'write',
      { fromRecord: this.input.fromRecord ?? null },
      async (stepId) => {
        const result = await writeConfig(this.clientFor(stepId), this.input.restoreConfig ?? {}, this.signal)
        const after = { ...(this.view.backup ?? {}) } as Record<string, unknown>
        for (const f of result.fields) after[f.field] = f.after
        this.view.comparison = EvseConfigFields.map(({ key }) => ({ field: key, backup: this.input.restoreConfig?.[key] ?? null, after: after[key] ?? null, same: this.input.restoreConfig?.[key] === undefined || this.input.restoreConfig[key] === after[key] }))
        const measurements: Measurement[] = result.fields.map((f) => ({
          key: fieldKey(f.field),
          value: scalar(f.after),
          before: scalar(f.before),
          ...(f.applied ? {} : { target: scalar(f.wanted) }),
          verdict: f.applied ? 'pass' : 'fail',
        }))
        const missed = result.fields.filter((f) => !f.applied)
        return { verdict: result.ok ? 'pass' : 'fail', note: missed.length ? 'fieldsNotApplied' : result.sent ? 'fieldsRestored' : 'fieldsSame', measurements }
      },
      { deviceEvidence: true },
    )
    return this.overallVerdict()
  }
}

/**
 * The CT detection API (seed `ct-detection-flow.zh.txt`): a regional base URL
 * of its own and a `Token` header, three calls. Its answers are wrapped as
 * `{ errorCode, info, body, successful }`. The status path keeps the vendor's
 * spelling (`getInerterBMSMeterStatus`): it is the service's name for it.
 */
import { AppError } from '@shared/contract'
import { AnswerTextLimits, clipDescriptive, parseAnswerJson, rawAnswerProblem } from '@shared/devices/untrusted'
import { type HttpAnswer, type RecordedExchange } from '../../transport/http'
import type { Clock } from '../../core/clock'
import { type CallContext, cloudFailure, cloudTransport, foxTap } from './cloud-http'
import type { CallPacer } from './pacer'

export interface CtCredentials {
  baseUrl: string
  token: string
}

export interface CtClientOptions {
  clock: Clock
  pacer: CallPacer
  credentials: () => Promise<CtCredentials>
  userAgent: string
  timeoutMs?: number
  onCall?: (path: string) => void
}

export const CT_PATHS = {
  status: '/device/getInerterBMSMeterStatus',
  start: '/device/startCheck',
  result: '/device/getCheckResult',
} as const

export class FoxCtApi {
  private readonly http
  /** the token last used, masked wherever it would reach a record */
  private token: string | null = null

  constructor(private readonly options: CtClientOptions) {
    this.http = cloudTransport(options.clock, options.timeoutMs ?? 30_000, () => this.token)
  }

  /** Action 1: inverter, BMS and meter status (the preconditions). */
  status(sn: string, ctx?: CallContext): Promise<unknown> {
    return this.call('GET', CT_PATHS.status, { sn }, undefined, ctx)
  }

  /** Action 2: the start command; the service answers `true` when the device took it. */
  async start(sn: string, ctx?: CallContext): Promise<void> {
    const body = await this.call('POST', CT_PATHS.start, null, { deviceSn: sn }, ctx)
    if (body !== true && body !== 'true') throw new AppError('ctStartRefused', { sn })
  }

  /** Action 3: the result bits and, when abnormal, the per-meter details. */
  result(sn: string, ctx?: CallContext): Promise<unknown> {
    return this.call('GET', CT_PATHS.result, { sn }, undefined, ctx)
  }

  private async call(method: 'GET' | 'POST', path: string, query: Record<string, string> | null, body: unknown, ctx: CallContext = {}): Promise<unknown> {
    const { pacer } = this.options
    return pacer.run(
      [pacer.pathGate(`ct:${path}`)],
      async () => {
        const creds = await this.options.credentials()
        this.token = creds.token
        const url = `${creds.baseUrl}${path}${query ? `?${new URLSearchParams(query).toString()}` : ''}`
        this.options.onCall?.(path)
        try {
          return await this.http.exchange(
            {
              method,
              url,
              headers: { Token: creds.token, 'Content-Type': 'application/json', 'User-Agent': this.options.userAgent },
              body: body === undefined ? undefined : JSON.stringify(body),
              signal: ctx.signal,
              tap: foxTap(ctx, method, path, query, body ?? null),
            },
            (answer, record) => read(path, answer, record),
          )
        } catch (err) {
          throw cloudFailure(err, path)
        }
      },
      ctx.signal,
    )
  }
}

/** The envelope `{ errorCode, info, body, successful }`: its body, or the error it carries. */
function read(path: string, answer: HttpAnswer, record: RecordedExchange): unknown {
  const parsed = parseAnswerJson(answer.text)
  const json = (parsed.ok ? parsed.value : null) as { errorCode?: unknown; info?: unknown; body?: unknown; successful?: unknown } | null
  if (answer.status === 401 || answer.status === 403 || (json && (json.errorCode === 401 || json.errorCode === 403))) {
    throw new AppError('ctTokenRejected', { status: answer.status })
  }
  if (!json || typeof json !== 'object' || !('errorCode' in json)) {
    if (answer.status >= 400) throw new AppError('foxessServiceError', { status: answer.status })
    throw new AppError('foxessBadAnswer', { endpoint: path })
  }
  const code = typeof json.errorCode === 'number' ? json.errorCode : Number(json.errorCode)
  record.deviceCode = Number.isFinite(code) ? code : null
  if (code !== 0 || json.successful === false) {
    throw new AppError('ctServiceError', {
      code: Number.isFinite(code) ? code : clipDescriptive(String(json.errorCode), AnswerTextLimits.numeric),
      message: typeof json.info === 'string' && json.info ? clipDescriptive(json.info, AnswerTextLimits.message) : '—',
    })
  }
  // the flow keeps the body raw in the job's record, so it is bounded as a whole
  const problem = rawAnswerProblem(json.body)
  if (problem?.kind === 'tooLong') throw new AppError('foxessAnswerTooLong', { endpoint: path, field: problem.field, max: problem.max })
  if (problem) throw new AppError('foxessBadAnswer', { endpoint: path })
  return json.body
}

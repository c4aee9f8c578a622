import { AppError, type InvokeMethod, type InvokeOutput, type InvokeParsed, type InvokeResult } from '@shared/contract'
import { invokeOps } from '@shared/contract/api'
import type { Logger } from '../log/logger'

export type Handlers = {
  [M in InvokeMethod]: (input: InvokeParsed<M>) => Promise<InvokeOutput<M>> | InvokeOutput<M>
}

/**
 * Parses the renderer's payload with the operation's zod schema before the
 * handler sees it, and turns every failure into `{ code, params }`. Both the
 * Electron IPC shell and the WebSocket bridge call this: the renderer cannot
 * tell them apart.
 */
export async function dispatch(
  handlers: Handlers,
  method: InvokeMethod,
  payload: unknown,
  log: Logger,
): Promise<InvokeResult<unknown>> {
  const spec = invokeOps[method]
  const parsed = spec.input.safeParse(payload)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    log.warn('invoke.invalidInput', { method, path: issue?.path.join('.') ?? '', issue: issue?.code ?? '' })
    return {
      ok: false,
      error: { code: 'invalidInput', params: { field: issue?.path.join('.') || '-', reason: issue?.code ?? 'invalid' } },
    }
  }
  try {
    const handler = handlers[method] as (input: unknown) => Promise<unknown> | unknown
    const value = await handler(parsed.data)
    return { ok: true, value }
  } catch (err) {
    if (err instanceof AppError) {
      log.info('invoke.failed', { method, code: err.code })
      return { ok: false, error: err.toPayload() }
    }
    log.error('invoke.crashed', { method, error: err instanceof Error ? err.stack ?? err.message : String(err) })
    return { ok: false, error: { code: 'internal' } }
  }
}

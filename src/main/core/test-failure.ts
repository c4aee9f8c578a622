import { AppError, type ErrorParams } from '@shared/contract'

/**
 * How a promise failed, for tests: an AppError as the `{ code, params }` the
 * renderer would get, anything else as its text, `none` when it did not fail.
 */
export async function failureOf(promise: Promise<unknown>): Promise<{ code: string; params?: ErrorParams }> {
  try {
    await promise
  } catch (err) {
    return err instanceof AppError ? { code: err.code, params: err.params } : { code: String(err) }
  }
  return { code: 'none' }
}

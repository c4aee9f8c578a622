/**
 * A command that must not be sent twice (open a lock, switch a relay, start a
 * check): marked as sent in the job's journal before it goes, so a crash, an
 * unplug or a lost answer never leads to sending it again. What happened is
 * then settled by reading the device's state, and the result says what is
 * known and how.
 */

/** Where a job keeps the commands it has sent; `mark` must be durable before it returns. */
export interface SentJournal {
  has(key: string): boolean
  mark(key: string): void
}

export type SendOnceResult<A> =
  /** sent now and answered */
  | { kind: 'answered'; answer: A }
  /** no answer (lost now, or sent before an interruption); the device's state shows it took effect */
  | { kind: 'confirmed'; sentBefore: boolean }
  /** no answer; the device's state shows it did not take effect (it is not sent again) */
  | { kind: 'notApplied'; sentBefore: boolean }
  /** no answer and no state to read, or the read failed: whether it took effect is not known */
  | { kind: 'unknown'; sentBefore: boolean; error: unknown }

export interface SendOnceOptions<A> {
  /** the command's name within the job (e.g. `relaysOn:allRelaysOn`) */
  key: string
  journal: SentJournal
  send(): Promise<A>
  /** an error after which the command may or may not have reached the device */
  answerLost(err: unknown): boolean
  /** reads the device's state: true when the command took effect, false when not, null when it cannot tell */
  confirm?: () => Promise<boolean | null>
  /** stops at once when aborted */
  signal?: AbortSignal
}

export async function sendOnce<A>(options: SendOnceOptions<A>): Promise<SendOnceResult<A>> {
  const sentBefore = options.journal.has(options.key)
  let lostError: unknown = null
  if (!sentBefore) {
    if (options.signal?.aborted) throw options.signal.reason
    options.journal.mark(options.key)
    try {
      return { kind: 'answered', answer: await options.send() }
    } catch (err) {
      if (options.signal?.aborted || !options.answerLost(err)) throw err
      lostError = err
    }
  }
  if (!options.confirm) return { kind: 'unknown', sentBefore, error: lostError }
  let state: boolean | null
  try {
    state = await options.confirm()
  } catch (err) {
    if (options.signal?.aborted) throw err
    return { kind: 'unknown', sentBefore, error: err }
  }
  if (state === null) return { kind: 'unknown', sentBefore, error: lostError }
  return state ? { kind: 'confirmed', sentBefore } : { kind: 'notApplied', sentBefore }
}

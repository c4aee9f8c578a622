/**
 * Writing to a device the safe way, for any device: read what it holds, leave
 * alone what already matches, write each change once (a write is never
 * retried on its own), read it back and compare. What the device holds after
 * the write decides the result, so a write whose answer was lost is settled by
 * the read-back, not by sending it again.
 */

export type WriteResultStatus =
  /** the device already held what was asked: nothing was written */
  | 'unchanged'
  /** written, and the read-back shows what was asked */
  | 'verified'
  /** written (the device said so), but the read-back could not be had */
  | 'unverified'
  /** the device answered the write, but the read-back shows something else */
  | 'mismatch'
  /** the device refused the write */
  | 'refused'
  /** the write's answer was lost and the read-back could not settle whether it happened */
  | 'answerLost'

export interface WriteResult<I, V> {
  item: I
  status: WriteResultStatus
  /** what made it less than verified: the refusal, the lost answer, or the failed read-back */
  error: unknown
  /** the last value read from the device for this item, null when none was read */
  readBack: V | null
}

/** What a write in progress has reached, before the read-back settles it. */
export type WriteProgress = 'written' | 'refused' | 'answerLost'

export interface VerifiedWriteOps<I, V> {
  /** reads the device's current value for an item */
  read(item: I): Promise<V>
  /** writes an item once */
  write(item: I): Promise<void>
  /** whether a value read from the device is what the item asks for */
  matches(item: I, value: V): boolean
  /** an error after which the write may or may not have happened (timeout, lost connection) */
  answerLost(err: unknown): boolean
  /** stops at once when aborted: the error is thrown, not turned into a result */
  signal?: AbortSignal
  /** false when the caller has read and compared already (e.g. shown to the person first) */
  readFirst?: boolean
  /** every change of an item's state, as it happens */
  onProgress?(item: I, progress: WriteProgress, error: unknown): void
  onResult?(result: WriteResult<I, V>): void
}

/** Writes `items` in the order given; each one read, written, read back and judged. */
export async function verifiedWrite<I, V>(items: readonly I[], ops: VerifiedWriteOps<I, V>): Promise<WriteResult<I, V>[]> {
  const results: WriteResult<I, V>[] = []
  const rethrowIfAborted = (err: unknown) => {
    if (ops.signal?.aborted) throw err
  }
  for (const item of items) {
    const result = await writeOne(item, ops, rethrowIfAborted)
    results.push(result)
    ops.onResult?.(result)
  }
  return results
}

async function writeOne<I, V>(item: I, ops: VerifiedWriteOps<I, V>, rethrowIfAborted: (err: unknown) => void): Promise<WriteResult<I, V>> {
  let before: V | null = null
  if (ops.readFirst !== false) {
    try {
      before = await ops.read(item)
      if (ops.matches(item, before)) return { item, status: 'unchanged', error: null, readBack: before }
    } catch (err) {
      rethrowIfAborted(err)
      // not readable first: the write still goes, and the read-back judges it
    }
  }
  let writeError: unknown = null
  let lost = false
  try {
    await ops.write(item)
    ops.onProgress?.(item, 'written', null)
  } catch (err) {
    rethrowIfAborted(err)
    writeError = err
    lost = ops.answerLost(err)
    ops.onProgress?.(item, lost ? 'answerLost' : 'refused', err)
  }
  let after: V
  try {
    after = await ops.read(item)
  } catch (err) {
    rethrowIfAborted(err)
    if (writeError) return { item, status: lost ? 'answerLost' : 'refused', error: writeError, readBack: before }
    return { item, status: 'unverified', error: err, readBack: before }
  }
  if (ops.matches(item, after)) return { item, status: 'verified', error: writeError, readBack: after }
  if (writeError && !lost) return { item, status: 'refused', error: writeError, readBack: after }
  return { item, status: 'mismatch', error: writeError, readBack: after }
}

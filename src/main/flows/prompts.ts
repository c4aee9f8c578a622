import { AppError } from '@shared/contract'

/**
 * A wizard step that waits for the person: `ask` parks the flow until an
 * answer of the expected kind arrives (or the job is cancelled or
 * suspended). An answer nobody asked for is refused and changes nothing.
 * Every job asks through this, whatever its device.
 */
export class Prompts<P extends string, A extends { kind: string }> {
  private pending: { prompt: P; kinds: readonly string[]; resolve: (answer: A) => void; withdraw: () => void } | null = null

  constructor(private readonly onChange: () => void) {}

  get awaiting(): P | null {
    return this.pending?.prompt ?? null
  }

  ask<K extends A['kind']>(prompt: P, kinds: readonly K[], signal: AbortSignal): Promise<Extract<A, { kind: K }>> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason as Error)
      const settle = () => {
        signal.removeEventListener('abort', onAbort)
        this.pending = null
      }
      const onAbort = () => {
        settle()
        reject(signal.reason as Error)
      }
      signal.addEventListener('abort', onAbort, { once: true })
      this.pending = {
        prompt,
        kinds,
        resolve: (answer) => {
          settle()
          resolve(answer as Extract<A, { kind: K }>)
        },
        withdraw: () => {
          settle()
          reject(new AppError('invalidInput', { field: 'answer', reason: 'withdrawn' }))
        },
      }
      this.onChange()
    })
  }

  answer(answer: A): void {
    const pending = this.pending
    if (!pending || !pending.kinds.includes(answer.kind)) throw new AppError('invalidInput', { field: 'answer', reason: 'notAsked' })
    pending.resolve(answer)
    this.onChange()
  }

  /** The question no longer stands (the device settled it first): the waiting `ask` rejects and nothing more is asked. */
  withdraw(prompt: P): void {
    if (this.pending?.prompt !== prompt) return
    this.pending.withdraw()
    this.onChange()
  }
}

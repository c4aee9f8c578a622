import { describe, expect, it } from 'vitest'
import { type ActionState, runAction } from './run-action'

const errorText = (err: unknown) => `localized: ${(err as Error).message}`

describe('runAction', () => {
  it('is busy while the action runs and clears the previous error', async () => {
    const states: ActionState[] = []
    let finish: () => void = () => undefined
    const done = runAction(() => new Promise<void>((resolve) => (finish = resolve)), errorText, (s) => states.push(s))
    expect(states).toEqual([{ busy: true, error: null }])
    finish()
    await done
    expect(states).toEqual([
      { busy: true, error: null },
      { busy: false, error: null },
    ])
  })

  it('keeps the localized error of a failed action and does not throw', async () => {
    const states: ActionState[] = []
    await expect(runAction(() => Promise.reject(new Error('portBusy')), errorText, (s) => states.push(s))).resolves.toBeUndefined()
    expect(states.at(-1)).toEqual({ busy: false, error: 'localized: portBusy' })
  })

  it('catches an action that throws before it returns a promise', async () => {
    const states: ActionState[] = []
    await runAction(
      () => {
        throw new Error('invalidInput')
      },
      errorText,
      (s) => states.push(s),
    )
    expect(states.at(-1)).toEqual({ busy: false, error: 'localized: invalidInput' })
  })
})

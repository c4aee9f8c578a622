import { describe, expect, it } from 'vitest'
import { systemClock, VirtualClock } from './clock'

describe('VirtualClock timers', () => {
  it('fires a timer once its time has come, not before', () => {
    const clock = new VirtualClock(0)
    const fired: number[] = []
    clock.timer(100, () => fired.push(clock.now()))
    clock.advance(99)
    expect(fired).toEqual([])
    clock.advance(1)
    expect(fired).toEqual([100])
    clock.advance(1000)
    expect(fired).toEqual([100])
  })

  it('a cancelled timer never fires and no longer counts as pending', () => {
    const clock = new VirtualClock(0)
    let fired = false
    const cancel = clock.timer(50, () => (fired = true))
    expect(clock.pending).toBe(1)
    cancel()
    expect(clock.pending).toBe(0)
    clock.advance(100)
    expect(fired).toBe(false)
    cancel()
  })

  it('fires timers and sleeps in time order, each at its own time, including timers set while firing', async () => {
    const clock = new VirtualClock(0)
    const order: string[] = []
    clock.timer(30, () => order.push(`b@${clock.now()}`))
    clock.timer(10, () => {
      order.push(`a@${clock.now()}`)
      clock.timer(5, () => order.push(`a2@${clock.now()}`))
    })
    const slept = clock.sleep(20).then(() => order.push('sleep'))
    clock.advance(40)
    await slept
    expect(order).toEqual(['a@10', 'a2@15', 'b@30', 'sleep'])
    expect(clock.now()).toBe(40)
  })

  it('on auto, time jumps to a pending timer by itself', async () => {
    const clock = new VirtualClock(1000, true)
    const at = await new Promise<number>((resolve) => clock.timer(60_000, () => resolve(clock.now())))
    expect(at).toBe(61_000)
  })
})

/** lets the event loop run `n` macrotask turns */
async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setImmediate(resolve))
}

describe('VirtualClock on auto, with work it cannot see', () => {
  it('does not jump while work outside the event loop is under way, nor while held', async () => {
    let done: () => void = () => undefined
    let outside: Promise<void> | null = new Promise<void>((resolve) => (done = resolve))
    const clock = new VirtualClock(0, true, () => outside)
    let first = false
    const fired = new Promise<void>((resolve) => clock.timer(1000, () => resolve(void (first = true))))
    await turns(20)
    expect(first).toBe(false)
    outside = null
    done()
    await fired
    expect(clock.now()).toBe(1000)

    const release = clock.hold()
    let second = false
    const secondFired = new Promise<void>((resolve) => clock.timer(500, () => resolve(void (second = true))))
    await turns(20)
    expect(second).toBe(false)
    release()
    release() // a second call is a no-op, not a second release
    await secondFired
    expect(clock.now()).toBe(1500)
  })
})

describe('systemClock timers', () => {
  it('fires after real time and can be cancelled', async () => {
    let cancelledFired = false
    systemClock.timer(0, () => (cancelledFired = true))()
    const started = systemClock.now()
    await new Promise<void>((resolve) => systemClock.timer(5, resolve))
    expect(systemClock.now() - started).toBeGreaterThanOrEqual(4)
    expect(cancelledFired).toBe(false)
  })
})

/**
 * The bench's operator against the bench's virtual clock. The clock jumps
 * once the event loop has run a few turns and the line is quiet; a test
 * whose person acts a turn after the event must not let a deadline set with
 * that event pass first, or a good cabinet fails its doors under load.
 */
import { describe, expect, it, vi } from 'vitest'
import { bench, start } from './cabinet-test-harness'

const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setImmediate(resolve))
}

describe('the operator at the bench', () => {
  it('pushes the doors asked for before the deadline set with the question, wherever the clock is in its wait for the event loop', async () => {
    const b = await bench()
    const job = await start(b)
    b.operate(job)
    const order: string[] = []
    let acted: () => void = () => undefined
    vi.spyOn(b.cab.sim, 'pushDoor').mockImplementation((slot) => {
      order.push(`door${slot}`)
      acted()
      return true
    })
    for (let slot = 1; slot <= 8; slot++) {
      await turns(10)
      const done = new Promise<void>((resolve) => (acted = resolve))
      // an answer came in: its timeout was set and cancelled, and the clock goes on towards its next jump
      b.clock.timer(200, () => undefined)()
      // the job gets to the doors `slot - 1` turns later, sets their deadline and asks for them
      await turns(slot - 1)
      const cancelDeadline = b.clock.timer(3000, () => {
        order.push(`deadline${slot}`)
        acted()
      })
      b.deps.cabinetEvents.run({ ...job.runState(), awaiting: { what: 'doors', slots: [slot], deadline: b.clock.now() + 3000 } })
      await done
      cancelDeadline()
    }
    expect(order).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((slot) => `door${slot}`))
  })
})

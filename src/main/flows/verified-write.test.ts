import { describe, expect, it } from 'vitest'
import { verifiedWrite, type VerifiedWriteOps } from './verified-write'

class Lost extends Error {}
class Refused extends Error {}

/** A device holding named values; each write can be told to behave badly once. */
function device(initial: Record<string, number>) {
  const held = { ...initial }
  const calls: string[] = []
  const faults: Record<string, 'refuse' | 'loseAnswerAfterApplying' | 'loseAnswerBeforeApplying' | 'ignore' | 'unreadableAfter'> = {}
  let unreadable = new Set<string>()
  const want: Record<string, number> = {}
  const ops: VerifiedWriteOps<string, number> = {
    read: async (item) => {
      calls.push(`read ${item}`)
      if (unreadable.has(item)) throw new Lost('no answer')
      return held[item]!
    },
    write: async (item) => {
      calls.push(`write ${item}`)
      const fault = faults[item]
      if (fault === 'refuse') throw new Refused('refused')
      if (fault === 'loseAnswerBeforeApplying') throw new Lost('timeout')
      if (fault !== 'ignore') held[item] = want[item]!
      if (fault === 'loseAnswerAfterApplying') throw new Lost('timeout')
      if (fault === 'unreadableAfter') unreadable = new Set([item])
    },
    matches: (item, value) => value === want[item],
    answerLost: (err) => err instanceof Lost,
  }
  return { held, calls, faults, want, ops }
}

describe('verified writes', () => {
  it('reads first, leaves a matching item alone, writes the others once and reads each back', async () => {
    const d = device({ a: 1, b: 2 })
    Object.assign(d.want, { a: 1, b: 5 })
    const results = await verifiedWrite(['a', 'b'], d.ops)
    expect(results.map((r) => [r.item, r.status, r.readBack])).toEqual([
      ['a', 'unchanged', 1],
      ['b', 'verified', 5],
    ])
    expect(d.calls).toEqual(['read a', 'read b', 'write b', 'read b'])
  })

  it('a refused write is refused, not retried', async () => {
    const d = device({ a: 1 })
    d.want.a = 9
    d.faults.a = 'refuse'
    const [r] = await verifiedWrite(['a'], d.ops)
    expect(r).toMatchObject({ status: 'refused', readBack: 1 })
    expect(r!.error).toBeInstanceOf(Refused)
    expect(d.calls.filter((c) => c.startsWith('write'))).toHaveLength(1)
  })

  it('a lost answer is settled by the read-back: applied is verified, not applied is a mismatch, and nothing is sent twice', async () => {
    const d = device({ a: 1, b: 1 })
    Object.assign(d.want, { a: 7, b: 8 })
    d.faults.a = 'loseAnswerAfterApplying'
    d.faults.b = 'loseAnswerBeforeApplying'
    const results = await verifiedWrite(['a', 'b'], d.ops)
    expect(results.map((r) => r.status)).toEqual(['verified', 'mismatch'])
    expect(d.calls.filter((c) => c.startsWith('write'))).toEqual(['write a', 'write b'])
  })

  it('says what it does not know: written but not read back, or an answer lost with no read-back', async () => {
    const d = device({ a: 1, b: 1 })
    Object.assign(d.want, { a: 2, b: 3 })
    d.faults.a = 'unreadableAfter'
    const first = await verifiedWrite(['a'], d.ops)
    expect(first[0]).toMatchObject({ status: 'unverified', readBack: 1 })
    d.faults.b = 'loseAnswerBeforeApplying'
    const second = await verifiedWrite(['b'], { ...d.ops, read: async (item) => (item === 'b' && d.calls.includes('write b') ? Promise.reject(new Lost('gone')) : d.held[item]!) })
    expect(second[0]!.status).toBe('answerLost')
  })

  it('a device that answers but ignores the write is a mismatch', async () => {
    const d = device({ a: 1 })
    d.want.a = 4
    d.faults.a = 'ignore'
    const progress: string[] = []
    const [r] = await verifiedWrite(['a'], { ...d.ops, readFirst: false, onProgress: (item, p) => progress.push(`${item}:${p}`) })
    expect(r).toMatchObject({ status: 'mismatch', readBack: 1 })
    expect(progress).toEqual(['a:written'])
    expect(d.calls).toEqual(['write a', 'read a'])
  })

  it('an abort stops at once and is thrown, never turned into a result', async () => {
    const d = device({ a: 1 })
    d.want.a = 2
    const stop = new AbortController()
    const aborted = new Error('stopped')
    await expect(
      verifiedWrite(['a'], {
        ...d.ops,
        signal: stop.signal,
        write: async () => {
          stop.abort(aborted)
          throw aborted
        },
      }),
    ).rejects.toBe(aborted)
  })
})

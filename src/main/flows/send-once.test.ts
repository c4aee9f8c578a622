import { describe, expect, it } from 'vitest'
import { sendOnce, type SentJournal } from './send-once'

class Lost extends Error {}

function journal(): SentJournal & { keys: Set<string> } {
  const keys = new Set<string>()
  return { keys, has: (k) => keys.has(k), mark: (k) => void keys.add(k) }
}

describe('send once', () => {
  it('marks the command as sent before it goes, and answers the device\'s answer', async () => {
    const j = journal()
    let markedBeforeSend = false
    const r = await sendOnce({ key: 'fanOn', journal: j, answerLost: () => false, send: async () => ((markedBeforeSend = j.has('fanOn')), 'ok') })
    expect(r).toEqual({ kind: 'answered', answer: 'ok' })
    expect(markedBeforeSend).toBe(true)
  })

  it('a lost answer is settled by reading the state, never by sending again', async () => {
    const j = journal()
    let sent = 0
    const send = async () => {
      sent++
      throw new Lost()
    }
    expect(await sendOnce({ key: 'on', journal: j, send, answerLost: (e) => e instanceof Lost, confirm: async () => true })).toEqual({ kind: 'confirmed', sentBefore: false })
    expect(await sendOnce({ key: 'on', journal: j, send, answerLost: (e) => e instanceof Lost, confirm: async () => false })).toEqual({ kind: 'notApplied', sentBefore: true })
    expect(sent).toBe(1)
  })

  it('after an interruption the command is only read back; with nothing to read, it says it does not know', async () => {
    const j = journal()
    j.mark('openAll')
    let sent = 0
    const send = async () => void sent++
    expect(await sendOnce({ key: 'openAll', journal: j, send, answerLost: () => true })).toEqual({ kind: 'unknown', sentBefore: true, error: null })
    const failedRead = new Lost('read failed')
    expect(await sendOnce({ key: 'openAll', journal: j, send, answerLost: () => true, confirm: () => Promise.reject(failedRead) })).toEqual({ kind: 'unknown', sentBefore: true, error: failedRead })
    expect(await sendOnce({ key: 'openAll', journal: j, send, answerLost: () => true, confirm: async () => null })).toEqual({ kind: 'unknown', sentBefore: true, error: null })
    expect(sent).toBe(0)
  })

  it('a refusal is thrown, and a cancelled job sends nothing', async () => {
    const j = journal()
    const refused = new Error('refused')
    await expect(sendOnce({ key: 'a', journal: j, answerLost: (e) => e instanceof Lost, send: () => Promise.reject(refused) })).rejects.toBe(refused)
    const stop = new AbortController()
    stop.abort(new Error('cancelled'))
    let sent = false
    await expect(sendOnce({ key: 'b', journal: j, signal: stop.signal, answerLost: () => true, send: async () => void (sent = true) })).rejects.toThrow('cancelled')
    expect(sent).toBe(false)
    expect(j.has('b')).toBe(false)
  })
})

import { describe, expect, it } from 'vitest'
import { exchangeSummary } from './exchange'

describe('exchangeSummary', () => {
  it('an answer: its status and how long it took', () => {
    expect(exchangeSummary({ status: 200, error: null, durationMs: 41 })).toBe('HTTP 200 · 41 ms')
  })

  it('a refusal with a status keeps both; no answer at all gives the error alone', () => {
    expect(exchangeSummary({ status: 400, error: 'evseBadAnswer', durationMs: 12 })).toBe('HTTP 400 · evseBadAnswer · 12 ms')
    expect(exchangeSummary({ status: null, error: 'httpTimeout', durationMs: 5000 })).toBe('httpTimeout · 5000 ms')
  })
})

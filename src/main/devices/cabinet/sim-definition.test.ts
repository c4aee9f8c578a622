import { describe, expect, it } from 'vitest'
import { simOptionsFromArgs } from './sim-definition'

describe('fieldbench sim cabinet options', () => {
  it('--closes-only plays a board that reports only door closes; without it, openings too', () => {
    expect(simOptionsFromArgs(['cabinet', '--closes-only']).lockReports).toBe('closesOnly')
    expect(simOptionsFromArgs(['cabinet']).lockReports).toBeUndefined()
  })

  it('refuses a stuck lock outside slots 1–8', () => {
    expect(() => simOptionsFromArgs(['cabinet', '--stuck-lock', '9'])).toThrow(RangeError)
  })
})

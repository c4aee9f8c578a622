import { describe, expect, it } from 'vitest'
import { AppError } from '@shared/contract'
import { failureOf } from './test-failure'

describe('failureOf', () => {
  it('gives an AppError as its code and params', async () => {
    expect(await failureOf(Promise.reject(new AppError('httpTimeout', { ms: 5000 })))).toEqual({ code: 'httpTimeout', params: { ms: 5000 } })
  })

  it('gives any other failure as its text', async () => {
    expect(await failureOf(Promise.reject(new TypeError('fetch failed')))).toEqual({ code: 'TypeError: fetch failed' })
  })

  it('says none when the promise did not fail', async () => {
    expect(await failureOf(Promise.resolve(42))).toEqual({ code: 'none' })
  })
})

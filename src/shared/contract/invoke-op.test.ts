import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { noInput, op } from './invoke-op'

describe('invoke op', () => {
  it('keeps the input schema it is given', () => {
    const schema = z.object({ path: z.string() })
    const defined = op<number>()(schema)
    expect(defined.input).toBe(schema)
    expect(defined.input.safeParse({ path: '/dev/ttyUSB0' }).success).toBe(true)
    expect(defined.input.safeParse({ path: 3 }).success).toBe(false)
  })

  it('takes no input: only undefined passes', () => {
    expect(noInput.safeParse(undefined).success).toBe(true)
    expect(noInput.safeParse(null).success).toBe(false)
    expect(noInput.safeParse({}).success).toBe(false)
  })
})

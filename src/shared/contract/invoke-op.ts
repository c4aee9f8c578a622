import { z } from 'zod'

export interface InvokeOp<I extends z.ZodType, O> {
  input: I
  /** phantom: carries the result type only */
  output?: O
}

/** An operation's input schema, with its result type given first: `op<Settings>()(SettingsPatchSchema)`. */
export const op =
  <O>() =>
  <I extends z.ZodType>(input: I): InvokeOp<I, O> => ({ input })

/** The input of an operation that takes none. */
export const noInput = z.undefined()

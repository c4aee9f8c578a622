import { describe, expect, it } from 'vitest'
import { AppError } from '@shared/contract'
import { MemoryLogger } from '../log/logger'
import type { Handlers } from './dispatch'
import { dispatch } from './dispatch'

const log = new MemoryLogger()
const handlers = {
  getRecord: ({ id }: { id: number }) => {
    if (id === 404) throw new AppError('recordNotFound', { id })
    if (id === 500) throw new Error('boom at /home/user/secret/path')
    return { id }
  },
  addManualPort: ({ path }: { path: string }) => [{ path }],
} as unknown as Handlers

describe('dispatch', () => {
  it('parses the payload with the operation schema before the handler sees it', async () => {
    expect(await dispatch(handlers, 'getRecord', { id: 7 }, log)).toEqual({ ok: true, value: { id: 7 } })
    expect(await dispatch(handlers, 'getRecord', { id: -1 }, log)).toEqual({ ok: false, error: { code: 'invalidInput', params: { field: 'id', reason: 'too_small' } } })
    expect(await dispatch(handlers, 'getRecord', { id: '7' }, log)).toMatchObject({ ok: false, error: { code: 'invalidInput' } })
    expect(await dispatch(handlers, 'getRecord', undefined, log)).toMatchObject({ ok: false, error: { code: 'invalidInput' } })
    // a path with a control character never reaches the port layer
    expect(await dispatch(handlers, 'addManualPort', { path: '/dev/tty\nUSB0' }, log)).toMatchObject({ ok: false, error: { code: 'invalidInput', params: { field: 'path' } } })
  })

  it('turns errors into { code, params }: AppErrors as they are, anything else as internal without its message', async () => {
    expect(await dispatch(handlers, 'getRecord', { id: 404 }, log)).toEqual({ ok: false, error: { code: 'recordNotFound', params: { id: 404 } } })
    const crashed = await dispatch(handlers, 'getRecord', { id: 500 }, log)
    expect(crashed).toEqual({ ok: false, error: { code: 'internal' } })
    expect(log.lines.some((l) => l.event === 'invoke.crashed')).toBe(true)
  })
})

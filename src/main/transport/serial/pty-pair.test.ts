import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createPtyPair } from './pty-pair'

let root = ''
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true })
})

describe('a pseudo-terminal pair from socat', () => {
  it.each([
    ['a comma (socat: the next option)', 'bench,crnl', ','],
    ['a colon (socat: the address parameters)', 'bench:1', ':'],
    ['quotes and a backslash', `it's"\\`, `' " \\`],
  ])('refuses a folder with %s in its path, before socat is started', async (_, name, characters) => {
    root = mkdtempSync(join(tmpdir(), 'fieldbench-pty-test-'))
    const dir = join(root, name)
    mkdirSync(dir)
    await expect(createPtyPair({ dir })).rejects.toMatchObject({ code: 'ptyPathUnsafe', params: { path: dir, characters } })
    // socat never ran: it would have left its two links here
    expect(readdirSync(dir)).toEqual([])
  })

  it('refuses a temporary folder with such characters, and makes nothing in it', async () => {
    root = mkdtempSync(join(tmpdir(), 'fieldbench-pty-test-'))
    const tmp = join(root, 'tmp,x')
    mkdirSync(tmp)
    const before = process.env.TMPDIR
    process.env.TMPDIR = tmp
    try {
      await expect(createPtyPair()).rejects.toMatchObject({ code: 'ptyPathUnsafe' })
    } finally {
      if (before === undefined) delete process.env.TMPDIR
      else process.env.TMPDIR = before
    }
    expect(readdirSync(tmp)).toEqual([])
  })

  it('makes a working pair in a plain folder', async () => {
    root = mkdtempSync(join(tmpdir(), 'fieldbench-pty-test-'))
    const pair = await createPtyPair({ dir: root })
    try {
      expect(readdirSync(root).sort()).toEqual(['app', 'device'])
    } finally {
      await pair.close()
    }
  })
})

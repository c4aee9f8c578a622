import { mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '@shared/contract'
import { createPtyPair } from './pty-pair'
import { assertSerialPath, probeTerminal } from './serial-path'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fieldbench-paths-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

const refusal = (path: string, platform?: NodeJS.Platform) => {
  try {
    assertSerialPath(path, platform)
    return null
  } catch (err) {
    return err instanceof AppError ? err.toPayload() : err
  }
}

describe('what may be opened as a serial port', () => {
  it('refuses a regular file, a link to one, and a folder, with one code', () => {
    const dir = scratch()
    const file = join(dir, 'capture.log')
    writeFileSync(file, 'not a port')
    symlinkSync(file, join(dir, 'link'))
    for (const path of [file, join(dir, 'link'), dir]) expect(refusal(path)).toEqual({ code: 'portNotSerial', params: { path } })
  })

  it.runIf(process.platform !== 'win32')('refuses /dev/null: a character device, but not a terminal', () => {
    expect(refusal('/dev/null')).toEqual({ code: 'portNotSerial', params: { path: '/dev/null' } })
  })

  it.runIf(process.platform !== 'win32')('takes a pseudo-terminal, and a link to one', async () => {
    const pair = await createPtyPair()
    cleanups.push(() => pair.close())
    expect(refusal(pair.app)).toBeNull()
    expect(refusal(pair.device)).toBeNull()
  })

  it('lets a path that does not exist through: the open says it is not there', () => {
    expect(refusal(join(scratch(), 'ttyUSB9'))).toBeNull()
  })

  it('on Windows, takes COM names as they are without asking the device, and still refuses a file', () => {
    const refuseAll = () => {
      throw new Error('a COM name is not probed')
    }
    expect(() => assertSerialPath('COM3', 'win32', refuseAll)).not.toThrow()
    expect(() => assertSerialPath('\\\\.\\COM12', 'win32', refuseAll)).not.toThrow()
    const file = join(scratch(), 'COM4.txt')
    writeFileSync(file, '')
    expect(refusal(file, 'win32')).toMatchObject({ code: 'portNotSerial' })
  })

  it.runIf(process.platform === 'linux')('tells a terminal from another character device by its device number', () => {
    expect(probeTerminal('/dev/null', statSync('/dev/null'))).toBe(false)
    expect(probeTerminal('/dev/zero', statSync('/dev/zero'))).toBe(false)
    expect(probeTerminal('/dev/tty', statSync('/dev/tty'))).toBe(true)
  })
})

import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { nodePlatform } from './node-platform'

const dirs: string[] = []
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'fieldbench-platform-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('nodePlatform', () => {
  it('says which runtime it is and keeps its data where it is told', () => {
    const dir = tempDir()
    const web = nodePlatform('web', dir, {})
    expect(web.transport).toBe('web')
    expect(web.dataDir).toBe(dir)
    expect(web.versions).toEqual({ node: process.versions.node })
    expect(web.printToPdf).toBeUndefined()
    expect(nodePlatform('cli', dir, {}).transport).toBe('cli')
    expect(web.systemLanguages()).toEqual([Intl.DateTimeFormat().resolvedOptions().locale])
  })

  it('keeps secrets in an owner-only file in the data folder, with no keychain', async () => {
    const dir = tempDir()
    const platform = nodePlatform('cli', dir, {})
    expect(platform.secretBackend.kind).toBe('file')
    await platform.secretBackend.set('foxessApiKey', 'k-123')
    const file = join(dir, 'secrets.json')
    expect(existsSync(file)).toBe(true)
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o077).toBe(0)
    expect(await nodePlatform('web', dir, {}).secretBackend.get('foxessApiKey')).toBe('k-123')
  })

  it('keeps secrets where FIELDBENCH_SECRETS_FILE says', async () => {
    const dir = tempDir()
    const elsewhere = join(tempDir(), 'bench-secrets.json')
    await nodePlatform('web', dir, { FIELDBENCH_SECRETS_FILE: elsewhere }).secretBackend.set('foxessCtToken', 't-9')
    expect(existsSync(elsewhere)).toBe(true)
    expect(existsSync(join(dir, 'secrets.json'))).toBe(false)
  })
})

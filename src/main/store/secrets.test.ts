import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Redactor } from '../log/redact'
import { envVarFor, FileSecretBackend, SecretStore } from './secrets'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fieldbench-secrets-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('secrets', () => {
  it('keeps values in a file only its owner can read, and reports only whether one is set', async () => {
    const file = join(dir, 'secrets.json')
    const store = new SecretStore(new FileSecretBackend(file), new Redactor(), {})
    expect(await store.status('foxessApiKey')).toEqual({ name: 'foxessApiKey', isSet: false, backend: 'file', readOnly: false })
    const status = await store.set('foxessApiKey', 'key-abcdef-123456')
    expect(status).toEqual({ name: 'foxessApiKey', isSet: true, backend: 'file', readOnly: false })
    expect(JSON.stringify(status)).not.toContain('key-abcdef')
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(await store.get('foxessApiKey')).toBe('key-abcdef-123456')
    await store.delete('foxessApiKey')
    expect(await store.get('foxessApiKey')).toBeUndefined()
  })

  it.skipIf(process.platform === 'win32')('refuses a secrets file that others can read', async () => {
    const file = join(dir, 'secrets.json')
    writeFileSync(file, JSON.stringify({ foxessApiKey: 'x1234567' }))
    chmodSync(file, 0o644)
    const store = new SecretStore(new FileSecretBackend(file), new Redactor(), {})
    await expect(store.get('foxessApiKey')).rejects.toMatchObject({ code: 'secretFilePermissions' })
    expect(await store.status('foxessApiKey')).toMatchObject({ isSet: false })
  })

  it('takes a value from the environment first, read-only, and registers every value with the redactor', async () => {
    const redactor = new Redactor()
    const env = { [envVarFor('foxessCtToken')]: 'env-token-999999' }
    const store = new SecretStore(new FileSecretBackend(join(dir, 's.json')), redactor, env)
    expect(envVarFor('foxessCtToken')).toBe('FIELDBENCH_FOXESS_CT_TOKEN')
    await store.prime()
    expect(redactor.text('header Token: env-token-999999')).toBe('header Token: [redacted]')
    expect(await store.status('foxessCtToken')).toEqual({ name: 'foxessCtToken', isSet: true, backend: 'env', readOnly: true })
    await expect(store.set('foxessCtToken', 'other-value')).rejects.toMatchObject({ code: 'secretUnavailable' })
    await expect(store.require('foxessApiKey')).rejects.toMatchObject({ code: 'secretUnavailable' })
  })
})

describe('Redactor', () => {
  it('masks secret values anywhere and secret-named fields whatever they hold', () => {
    const r = new Redactor()
    r.addSecret('abcd1234efgh')
    expect(r.text('url?x=abcd1234efgh&y=abcd1234efgh')).toBe('url?x=[redacted]&y=[redacted]')
    expect(r.value({ headers: { token: 'short', signature: 'f00', lang: 'en' }, nested: ['abcd1234efgh'] })).toEqual({
      headers: { token: '[redacted]', signature: '[redacted]', lang: 'en' },
      nested: ['[redacted]'],
    })
    r.addSecret('ab') // too short to mask by value without wrecking text
    expect(r.text('tab')).toBe('tab')
  })
})

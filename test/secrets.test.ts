import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore } from '../src/main/core/core'
import { testCore } from '../src/main/core/test-core'
import { FileSecretBackend } from '../src/main/store/secrets'

const API_KEY = 'fb-test-apikey-7f3a9c1e5b'
const CT_TOKEN = 'fb-test-cttoken-22d8e0aa41'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

function everyFileUnder(dir: string): string {
  let all = ''
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    if (path.endsWith('secrets.json')) continue // the 0600 store itself
    all += readFileSync(path).toString('latin1')
  }
  return all
}

describe('secrets never reach logs, records, exports or the renderer', () => {
  it('holds across every path a value could leak through', async () => {
    const { core, dataDir, cleanup } = await testCore()
    cleanups.push(cleanup)
    const h = core.handlers

    const set = await h.setSecret({ name: 'foxessApiKey', value: API_KEY })
    await h.setSecret({ name: 'foxessCtToken', value: CT_TOKEN })
    const toRenderer = JSON.stringify([set, await h.listSecrets(undefined), await h.getSettings(undefined), await h.getAppInfo(undefined)])

    // a careless log line, an error carrying the key, a record that captured a request with the token
    core.log.info('cloud.request', { url: `/op/v0/device/list?token=${API_KEY}`, headers: { token: API_KEY, signature: 'abc' } })
    core.log.error('cloud.failed', { error: `rejected token ${CT_TOKEN}` })
    const record = core.records.create({ jobType: 'ctDetection', site: `site ${API_KEY}`, meta: { apiKey: API_KEY } })
    core.records.addExchange(record.id, { direction: 'request', channel: 'http:GET /device/getCheckResult', data: JSON.stringify({ headers: { Token: CT_TOKEN } }) })
    core.records.finish(record.id, 'pass')

    const exports = [
      await h.exportRecord({ id: record.id, format: 'json', language: 'en' }),
      await h.exportRecord({ id: record.id, format: 'html', language: 'zh' }),
      await h.exportDiagnostics(undefined),
      await h.getRecord({ id: record.id }),
      core.records.search({ text: 'site' }),
    ]
    const everything = toRenderer + JSON.stringify(exports) + everyFileUnder(dataDir)
    for (const secret of [API_KEY, CT_TOKEN]) expect(everything).not.toContain(secret)
    expect(everything).toContain('[redacted]')
  })

  it('still masks them after a restart, before they are used again', async () => {
    const { core, dataDir, cleanup } = await testCore()
    cleanups.push(cleanup)
    await core.handlers.setSecret({ name: 'foxessApiKey', value: API_KEY })
    await core.dispose()
    const again = await createCore(
      {
        ...core.platform,
        secretBackend: new FileSecretBackend(join(dataDir, 'secrets.json')),
      },
      { lister: { list: async () => [] } },
    )
    again.log.warn('pasted', { text: `key is ${API_KEY}` })
    await again.dispose()
    expect(everyFileUnder(dataDir)).not.toContain(API_KEY)
  })
})

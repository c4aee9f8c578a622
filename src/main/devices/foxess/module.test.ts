/**
 * The Fox ESS module inside a real core, through the same dispatch the IPC
 * and the WebSocket bridge use: payloads checked, demo and cloud sides, calls
 * counted, live subscriptions, and the API key kept out of everything that
 * leaves main.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { FoxCallStats, FoxLiveUpdate, JobUpdate } from '@shared/contract'
import { type Core, createCore } from '../../core/core'
import { dispatch } from '../../core/dispatch'
import { MemoryLogger } from '../../log/logger'
import { FileSecretBackend } from '../../store/secrets'
import type { FoxessModule } from './module'
import { FoxCloudSimulator } from './simulator/server'

let core: Core | null = null
let sim: FoxCloudSimulator | null = null
let dir: string

afterEach(async () => {
  await core?.dispose()
  await sim?.dispose()
  core = null
  sim = null
  rmSync(dir, { recursive: true, force: true })
})

async function start(demo: boolean): Promise<Core> {
  dir = mkdtempSync(join(tmpdir(), 'fieldbench-foxess-'))
  core = await createCore({
    transport: 'web',
    dataDir: dir,
    version: '0.0.0-test',
    versions: {},
    systemLanguages: () => ['en'],
    secretBackend: new FileSecretBackend(join(dir, 'secrets.json')),
    openExternal: async () => undefined,
    demo,
  })
  return core
}

const call = (c: Core, method: string, payload?: unknown) => dispatch(c.handlers, method as never, payload, new MemoryLogger())

/** Resolves with the first event on a channel that satisfies `match`. */
function next<T>(c: Core, channel: string, match: (payload: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve) => {
    const off = c.bus.attach((ch, payload) => {
      if (ch === channel && match(payload as T)) {
        off()
        resolve(payload as T)
      }
    })
  })
}

describe('Fox ESS module in the core', () => {
  it('refuses bad payloads before any call: empty serial lists, a non-https cloud, unknown answers', async () => {
    const c = await start(true)
    expect(await call(c, 'foxessRealTime', { sns: [] })).toMatchObject({ ok: false, error: { code: 'invalidInput', params: { field: 'sns' } } })
    expect(await call(c, 'foxessRealTime', { sns: Array.from({ length: 51 }, (_, i) => `SN${i}XXXX`) })).toMatchObject({ ok: false, error: { code: 'invalidInput' } })
    expect(await call(c, 'foxessSetConfig', { openApiBaseUrl: 'http://cloud.example.com' })).toMatchObject({ ok: false, error: { code: 'invalidInput' } })
    expect(await call(c, 'foxessSetConfig', { ctPollSeconds: 0 })).toMatchObject({ ok: false, error: { code: 'invalidInput' } })
    expect(await call(c, 'foxessHistory', { sn: '60H3103A12345601', variables: ['pvPower'], begin: 1_700_000_000_000, end: 1_700_000_000_000 + 40 * 86_400_000 })).toMatchObject({
      ok: false,
      error: { code: 'invalidInput', params: { field: 'end' } },
    })
    expect(await call(c, 'foxessCommissioningAnswer', { recordId: 1, answer: { kind: 'clock', action: 'maybe' } })).toMatchObject({ ok: false, error: { code: 'invalidInput' } })
    expect((await call(c, 'foxessGetStatus')) as { value: FoxCallStats }).toMatchObject({ ok: true, value: { callsToday: 0, demo: true } })
  })

  it('demo mode: calls go to the in-process simulator and every one is counted', async () => {
    const c = await start(true)
    const connection = await call(c, 'foxessGetConnection')
    const url = c.simulators.list('info').find((s) => s.id === 'foxess')!.endpoint
    expect(connection).toMatchObject({ ok: true, value: { demo: true, effectiveOpenApiBaseUrl: url, effectiveCtBaseUrl: url } })
    const counted = next<FoxCallStats>(c, 'foxess:statusChanged', (s) => s.callsToday === 1)
    const plants = await call(c, 'foxessListPlants')
    expect(plants).toMatchObject({ ok: true })
    expect((await counted).byPath['/op/v0/plant/list']).toBe(1)
    const status = await call(c, 'foxessRefreshAccessCount')
    expect(status).toMatchObject({ ok: true, value: { callsToday: 2, accessCount: { total: 1440, remaining: 1438 } } })
  })

  it('a live subscription pushes samples at once, and stops when told', async () => {
    const c = await start(true)
    const first = next<FoxLiveUpdate>(c, 'foxess:live')
    const started = (await call(c, 'foxessLiveStart', { sns: ['60H3103A12345601', '60H3120D42345604'], variables: ['pvPower', 'SoC'], intervalSeconds: 300 })) as { ok: true; value: { subscriptionId: string; leaseUntil: number } }
    expect(started.ok).toBe(true)
    const update = await first
    expect(update.subscriptionId).toBe(started.value.subscriptionId)
    expect(update.samples.map((s) => s.deviceSN).sort()).toEqual(['60H3103A12345601', '60H3120D42345604'])
    expect(Object.keys(update.samples[0]!.values).sort()).toEqual(['SoC', 'pvPower'])
    expect(update.nextAt).toBeGreaterThan(Date.now())
    expect(await call(c, 'foxessLiveStop', { subscriptionId: started.value.subscriptionId })).toEqual({ ok: true, value: undefined })
  })

  it('cloud mode: no key, a clear error and no call; with the key, the key never reaches a log, a record or the renderer', async () => {
    const c = await start(false)
    expect(await call(c, 'foxessListPlants')).toEqual({ ok: false, error: { code: 'foxessApiKeyMissing' } })
    sim = await new FoxCloudSimulator({ log: new MemoryLogger() }).start()
    await call(c, 'setSecret', { name: 'foxessApiKey', value: sim.apiKey })
    await call(c, 'setSecret', { name: 'foxessCtToken', value: sim.ctToken })
    expect(await call(c, 'foxessSetConfig', { openApiBaseUrl: sim.url, ctBaseUrl: sim.url })).toMatchObject({ ok: true })
    const connection = await call(c, 'foxessGetConnection')
    expect(connection).toMatchObject({ ok: true, value: { demo: false, apiKeySet: true, ctTokenSet: true, effectiveOpenApiBaseUrl: sim.url } })
    expect(JSON.stringify(connection)).not.toContain(sim.apiKey)
    const plants = (await call(c, 'foxessListPlants')) as { ok: true; value: unknown[] }
    expect(plants.value).toHaveLength(4)

    // a CT check that stops at its conditions: its record holds the exchanges, never the key or token
    const done = next<JobUpdate>(c, 'job:update', (u) => u.phase.phase === 'finished')
    const asked = next<{ awaiting: string | null; recordId: number }>(c, 'foxess:ctChanged', (v) => v.awaiting === 'ctAfterPreconditions')
    const job = (await call(c, 'foxessCtStart', { sn: '60H3060E52345605', system: 'threePhaseSingle' })) as { ok: true; value: JobUpdate }
    const view = await asked
    expect(await call(c, 'foxessCtAnswer', { recordId: view.recordId, answer: { kind: 'ctAfterPreconditions', action: 'stop' } })).toMatchObject({ ok: true })
    expect((await done).phase).toEqual({ phase: 'finished', verdict: 'fail' })
    const exported = (await call(c, 'exportRecord', { id: job.value.recordId, format: 'json', language: 'en' })) as { ok: true; value: { content: string } }
    expect(exported.value.content).toContain('/device/getInerterBMSMeterStatus')
    for (const secret of [sim.apiKey, sim.ctToken]) {
      expect(exported.value.content).not.toContain(secret)
      for (const file of readdirSync(join(dir, 'logs'))) expect(readFileSync(join(dir, 'logs', file), 'utf8')).not.toContain(secret)
    }
    // the cloud side's calls are kept per day in the module's own file
    const stored = JSON.parse(readFileSync(join(dir, 'foxess.json'), 'utf8')) as { calls: { total: number; ct: number }; config: { openApiBaseUrl: string } }
    expect(stored.calls.total).toBe(2)
    expect(stored.calls.ct).toBe(1)
    expect(stored.config.openApiBaseUrl).toBe(sim.url)
    expect(JSON.stringify(stored)).not.toContain(sim.apiKey)
  })

  it('cloud mode without the key, the CT address or the CT token: both jobs are refused before a record exists', async () => {
    const c = await start(false)
    const sn = '60H3103A12345601'
    expect(await call(c, 'foxessCtStart', { sn })).toMatchObject({ ok: false, error: { code: 'foxessApiKeyMissing' } })
    expect(await call(c, 'foxessCommissioningStart', { sn })).toMatchObject({ ok: false, error: { code: 'foxessApiKeyMissing' } })
    await call(c, 'setSecret', { name: 'foxessApiKey', value: 'a-key-of-the-right-shape-0123456789' })
    expect(await call(c, 'foxessCtStart', { sn })).toMatchObject({ ok: false, error: { code: 'ctNotConfigured' } })
    await call(c, 'foxessSetConfig', { ctBaseUrl: 'https://ct.example.com' })
    expect(await call(c, 'foxessCommissioningStart', { sn })).toMatchObject({ ok: false, error: { code: 'ctTokenMissing' } })
    expect(c.records.search({}).total).toBe(0)
    expect((await call(c, 'foxessGetStatus')) as { value: FoxCallStats }).toMatchObject({ value: { callsToday: 0 } })
  })

  it('a live refresh that would spend the whole budget is refused unless the person chose it', async () => {
    const c = await start(true)
    const input = { sns: ['60H3103A12345601'], variables: ['pvPower'], intervalSeconds: 60 }
    expect(await call(c, 'foxessLiveStart', input)).toMatchObject({ ok: false, error: { code: 'foxessLiveOverBudget', params: { seconds: 60, perDay: 1440, left: 1440 } } })
    expect((await call(c, 'foxessGetStatus')) as { value: FoxCallStats }).toMatchObject({ value: { callsToday: 0 } })
    const first = next<FoxLiveUpdate>(c, 'foxess:live')
    expect(await call(c, 'foxessLiveStart', { ...input, spendBudget: true })).toMatchObject({ ok: true })
    expect((await first).samples).toHaveLength(1)
  })

  it('the budget it reports takes the calls made since the cloud was asked off the cloud’s count', async () => {
    const c = await start(true)
    await call(c, 'foxessListPlants')
    const checked = (await call(c, 'foxessRefreshAccessCount')) as { value: FoxCallStats }
    expect(checked.value).toMatchObject({ callsToday: 2, accessCount: { remaining: 1438 }, budget: { total: 1440, left: 1438, fromCloud: true } })
    await call(c, 'foxessListDevices')
    const later = (await call(c, 'foxessGetStatus')) as { value: FoxCallStats }
    expect(later.value.callsToday).toBe(3)
    expect(later.value.budget.left).toBe(1437)
  })

  it('once the cloud says the daily budget is spent, nothing is reported left', async () => {
    const c = await start(true)
    await call(c, 'foxessListPlants')
    c.simulators.instance<FoxCloudSimulator>('foxess')!.setLimits({ dailyBudget: 1 })
    expect(await call(c, 'foxessListDevices')).toMatchObject({ ok: false, error: { code: 'foxessBudgetExhausted' } })
    const status = ((await call(c, 'foxessGetStatus')) as { value: FoxCallStats }).value
    expect(status).toMatchObject({ budgetExhausted: true, budget: { left: 0 } })
  })

  it('turning demo mode off stops the live views of simulated inverters', async () => {
    const c = await start(false)
    await call(c, 'updateSettings', { demoMode: true })
    const first = next<FoxLiveUpdate>(c, 'foxess:live')
    const started = (await call(c, 'foxessLiveStart', { sns: ['60H3103A12345601'], variables: ['pvPower'], intervalSeconds: 300 })) as { ok: true; value: { subscriptionId: string } }
    await first
    const foxess = c.modules.find((m) => m.id === 'foxess') as FoxessModule
    expect(foxess.liveViews()).toBe(1)
    expect(await call(c, 'updateSettings', { demoMode: false })).toMatchObject({ ok: true })
    expect(foxess.liveViews()).toBe(0)
    expect(started.ok).toBe(true)
  })

  it('registers resumers for both jobs', async () => {
    const c = await start(true)
    expect(c.jobs.canResume('ctDetection')).toBe(true)
    expect(c.jobs.canResume('inverterCommissioning')).toBe(true)
  })
})

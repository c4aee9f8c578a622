import { describe, expect, it } from 'vitest'
import { chargerKey, chargersKey, type DeviceKey, inverterKey, keysOverlap } from '@shared/contract'
import type { DeviceJob } from './jobs'
import { DeviceClaims } from './open-jobs'

const job = (recordId: number, deviceKey: DeviceKey) => ({ recordId, deviceKey, type: 'evseSite' }) as unknown as DeviceJob

describe('device claims across single and site keys', () => {
  it('a site job on chargers holds each of them, and a job on one of them holds it against a site job', () => {
    expect(keysOverlap(chargersKey(['127.0.0.2', '127.0.0.3']), chargerKey('127.0.0.3'))).toBe(true)
    expect(keysOverlap(chargerKey('127.0.0.2'), chargersKey(['127.0.0.3', '127.0.0.2']))).toBe(true)
    expect(keysOverlap(chargersKey(['127.0.0.2', '127.0.0.3']), chargersKey(['127.0.0.3', '127.0.0.4']))).toBe(true)
    expect(keysOverlap(chargersKey(['127.0.0.2', '127.0.0.3']), chargerKey('127.0.0.4'))).toBe(false)
    expect(keysOverlap(inverterKey('127.0.0.2'), chargerKey('127.0.0.2'))).toBe(false)
  })

  it('refuses a service job on a charger a running site job writes to, and a site job over a charger whose record waits suspended', () => {
    const active: DeviceJob[] = [job(7, chargersKey(['127.0.0.2', '127.0.0.3']))]
    const inProgress = [{ id: 9, jobType: 'evseSetup', deviceIds: { charger: '127.0.0.5' } }]
    const claims = new DeviceClaims(() => active, { inProgress: () => inProgress, summary: () => ({ deviceIds: {} }) } as never)
    expect(() => claims.claim(chargerKey('127.0.0.3'))).toThrow(expect.objectContaining({ code: 'jobDeviceBusy' }))
    expect(() => claims.claim(chargersKey(['127.0.0.4', '127.0.0.5']))).toThrow(expect.objectContaining({ code: 'jobDeviceSuspended' }))
    const release = claims.claim(chargerKey('127.0.0.4'))
    // being made: a site job over it waits for it
    expect(() => claims.claim(chargersKey(['127.0.0.4', '127.0.0.6']))).toThrow(expect.objectContaining({ code: 'jobAlreadyRunning' }))
    release()
    expect(() => claims.claim(chargersKey(['127.0.0.4', '127.0.0.6']))()).not.toThrow()
  })
})

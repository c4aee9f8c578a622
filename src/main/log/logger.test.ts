import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { FileLogger } from './logger'
import { Redactor } from './redact'

let dir: string
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('FileLogger', () => {
  it('writes one JSON object per line, redacted, and rotates by size keeping a bounded number of files', () => {
    dir = mkdtempSync(join(tmpdir(), 'fieldbench-log-'))
    const redactor = new Redactor()
    redactor.addSecret('tok-123456789')
    const log = new FileLogger({ dir, redactor, maxBytes: 2000, keep: 2 })
    log.child('cloud').info('request', { url: '/op/v0/device/list', token: 'tok-123456789', note: 'sent tok-123456789' })
    const first = JSON.parse(readFileSync(join(dir, 'fieldbench.log'), 'utf8').trim()) as Record<string, unknown>
    expect(first).toMatchObject({ level: 'info', scope: 'cloud', event: 'request', url: '/op/v0/device/list', token: '[redacted]', note: 'sent [redacted]' })
    for (let i = 0; i < 200; i++) log.warn('filler', { i, text: 'x'.repeat(40) })
    const files = log.files()
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual(['fieldbench.log.2', 'fieldbench.log.1', 'fieldbench.log'])
    for (const f of files) expect(readFileSync(f).length).toBeLessThanOrEqual(2000)
    expect(readFileSync(files[2]!, 'utf8').trim().split('\n').every((line) => JSON.parse(line))).toBe(true)
    log.debug('hidden') // below the default level
    expect(readFileSync(files[2]!, 'utf8')).not.toContain('hidden')
  })
})

import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../../../..')
const CLI = join(ROOT, 'out/main/cli.js')
const env = { ...process.env, LANG: 'en_US.UTF-8', FIELDBENCH_LANG: '' }
let dir: string

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('out/main/cli.js is missing: run npm run build')
  dir = mkdtempSync(join(tmpdir(), 'fieldbench-notaport-cli-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args, '--data-dir', join(dir, 'data')], { encoding: 'utf8', env, timeout: 30_000 })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

// ten CLI runs, each starting a core: more than the default time on a loaded machine
describe.runIf(process.platform !== 'win32')('a path that is not a serial port, on the command line', { timeout: 90_000 }, () => {
  it('the link check and the cabinet test refuse it alike: one localized error, exit 2 (the input to correct), and no record', () => {
    const file = join(dir, 'capture.bin')
    writeFileSync(file, 'comm,01,011036000000007E\n')
    const folder = join(dir, 'folder')
    mkdirSync(folder)
    for (const port of [file, folder, '/dev/null']) {
      const linkCheck = run(['link-check', '--port', port])
      const cabinet = run(['cabinet', 'test', '--port', port, '--confirm-safety', '--airflow', 'ok'])
      for (const result of [linkCheck, cabinet]) {
        expect(result.code).toBe(2)
        expect(result.err.trim()).toBe(`${port} is not a serial port (it is a file, a folder, or a device that is not a terminal). Pick the adapter's port, e.g. /dev/ttyUSB0, /dev/cu.usbserial-…, or COM3.`)
      }
    }
    // a simulator refuses to play on it, too
    expect(run(['sim', 'loopback', '--port', '/dev/null'])).toMatchObject({ code: 2, err: expect.stringContaining('/dev/null is not a serial port') })
    expect(JSON.parse(run(['link-check', '--port', file, '--json']).out)).toMatchObject({ error: { code: 'portNotSerial', params: { path: file } } })
    const lang = run(['cabinet', 'test', '--port', file, '--confirm-safety', '--airflow', 'ok', '--lang', 'pl'])
    expect(lang.err).toContain('nie jest portem szeregowym')
    expect(JSON.parse(run(['records', 'list', '--json']).out)).toMatchObject({ total: 0 })
  })
})

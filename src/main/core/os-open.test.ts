import type { SpawnOptions } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { openerCommand, osOpen } from './os-open'

function recordingSpawn() {
  const calls: { command: string; args: string[]; options: SpawnOptions }[] = []
  const spawn = (command: string, args: string[], options: SpawnOptions) => {
    calls.push({ command, args, options })
    return { on: () => undefined, unref: () => undefined }
  }
  return { calls, spawn }
}

const platforms: NodeJS.Platform[] = ['win32', 'darwin', 'linux']

describe('OS opener', () => {
  it('hands the link over as one argument, without a shell, on every OS', async () => {
    // legal in a URL and harmless without a shell; `cmd /c start` would have run `calc`
    const url = 'https://github.com/x?a=1&calc=(2)&b=%41%42%20'
    for (const platform of platforms) {
      const { calls, spawn } = recordingSpawn()
      await osOpen(url, { platform, env: { SystemRoot: 'C:\\Windows' }, spawn })
      expect(calls).toHaveLength(1)
      const [call] = calls
      expect(call!.options.shell).toBe(false)
      expect(call!.args.at(-1)).toBe(url)
      expect(call!.command).not.toMatch(/cmd|powershell|(^|\/)sh$/i)
    }
  })

  it('calls url.dll by the full path of rundll32 on Windows, never cmd start', () => {
    expect(openerCommand('https://github.com/', 'win32', { SystemRoot: 'D:\\WINNT' })).toEqual({
      command: 'D:\\WINNT\\System32\\rundll32.exe',
      args: ['url.dll,FileProtocolHandler', 'https://github.com/'],
    })
    expect(openerCommand('https://github.com/', 'darwin', {})).toEqual({ command: 'open', args: ['https://github.com/'] })
    expect(openerCommand('https://github.com/', 'linux', {})).toEqual({ command: 'xdg-open', args: ['https://github.com/'] })
  })

  it('refuses hostile links before anything is started, even with opening turned off', async () => {
    const hostile = [
      '"; rm -rf /',
      'https://x/%PATH%',
      'https://x/a%',
      'https://x/^calc',
      'https://x/a|calc',
      'https://x/a"&calc&"',
      'https://x/a\ncalc',
      'https://x/a\r\ncalc',
      'https://x/a b',
      'https://x/<script>',
      'file:///C:/Windows/System32/calc.exe',
      'javascript:alert(1)',
      'ms-msdt:/id PCWDiagnostic',
      'smb://10.0.0.1/share',
      'mailto:a@example.com',
      'https://user:pass@x/',
    ]
    for (const url of hostile) {
      for (const platform of platforms) {
        const { calls, spawn } = recordingSpawn()
        await expect(osOpen(url, { platform, env: {}, spawn }), url).rejects.toMatchObject({ code: 'externalLinkUnsafe' })
        expect(calls).toEqual([])
      }
      await expect(osOpen(url, { env: { FIELDBENCH_OPENER: 'none' } })).rejects.toMatchObject({ code: 'externalLinkUnsafe' })
    }
  })

  it('opens the browser-mode address with its token', async () => {
    const { calls, spawn } = recordingSpawn()
    await osOpen('http://127.0.0.1:5180/#token=Ab_c-123', { platform: 'linux', env: {}, spawn })
    expect(calls[0]!.args).toEqual(['http://127.0.0.1:5180/#token=Ab_c-123'])
  })

  it('starts nothing when opening is turned off', async () => {
    const { calls, spawn } = recordingSpawn()
    await osOpen('https://github.com/', { env: { FIELDBENCH_OPENER: 'none' }, spawn })
    expect(calls).toEqual([])
  })
})

import { describe, expect, it } from 'vitest'
import {
  allowNavigation,
  contentSecurityPolicy,
  isTrustedSender,
  permissionDecision,
  secureWebPreferences,
  vetExternalUrl,
  windowOpenDecision,
} from './policy'

describe('Electron security policy', () => {
  it('creates windows isolated, sandboxed, without Node, and with the bundled preload', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.cjs')
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    })
  })

  it('sends a strict CSP: own scripts only, no eval, no inline script, no objects, no frames', () => {
    const csp = contentSecurityPolicy()
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toMatch(/unsafe-(eval|inline)/)
    expect(csp).toContain("object-src 'none'")
    expect(csp).toContain("frame-ancestors 'none'")
  })

  it('denies navigation away from the app and every window.open', () => {
    expect(allowNavigation('app://fieldbench/index.html')).toBe(true)
    expect(allowNavigation('https://evil.example/')).toBe(false)
    expect(allowNavigation('file:///etc/passwd')).toBe(false)
    expect(allowNavigation('app://other/index.html')).toBe(false)
    expect(allowNavigation('http://localhost:5173/', 'http://localhost:5173')).toBe(true)
    expect(allowNavigation('http://localhost:5174/', 'http://localhost:5173')).toBe(false)
    expect(windowOpenDecision()).toEqual({ action: 'deny' })
  })

  it('denies every permission request by default', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'serial', 'hid', 'clipboard-read', 'openExternal']) {
      expect(permissionDecision(permission)).toBe(false)
    }
  })

  it('accepts IPC only from the main frame of our own page', () => {
    expect(isTrustedSender({ url: 'app://fieldbench/index.html', parent: null })).toBe(true)
    expect(isTrustedSender({ url: 'app://fieldbench/index.html', parent: {} })).toBe(false)
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null })).toBe(false)
    expect(isTrustedSender(null)).toBe(false)
  })

})

describe('links handed to the OS', () => {
  it('passes plain web addresses on in the URL parser’s serialization', () => {
    expect(vetExternalUrl('https://github.com/fieldbench')).toBe('https://github.com/fieldbench')
    expect(vetExternalUrl('https://www.foxesscloud.com/a?b=1&c=(2)#x')).toBe('https://www.foxesscloud.com/a?b=1&c=(2)#x')
    expect(vetExternalUrl('https://GitHub.com/a%20b')).toBe('https://github.com/a%20b')
    expect(vetExternalUrl('https://github.com/zażółć')).toBe('https://github.com/za%C5%BC%C3%B3%C5%82%C4%87')
    expect(vetExternalUrl('http://127.0.0.1:5180/#token=abc')).toBe('http://127.0.0.1:5180/#token=abc')
  })

  it.each([
    ['a shell command', '"; rm -rf /'],
    ['a cmd variable', 'https://x/%PATH%'],
    ['a stray percent', 'https://x/100%'],
    ['a caret', 'https://x/^'],
    ['a pipe', 'https://x/a|calc'],
    ['a quote', 'https://x/a"&calc'],
    ['an apostrophe', "https://x/a'b"],
    ['angle brackets', 'https://x/<a>'],
    ['a backtick', 'https://x/`id`'],
    ['a backslash', 'https://x\\..\\calc'],
    ['braces', 'https://x/{a}'],
    ['a newline', 'https://x/a\ncalc'],
    ['a tab', 'https://x/a\tb'],
    ['a space', 'https://x/a b'],
    ['a NUL', 'https://x/a\u0000'],
    ['a C1 control', 'https://x/a\u0085'],
    ['a file: URL', 'file:///etc/passwd'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a data: URL', 'data:text/html,hi'],
    ['an OS protocol handler', 'ms-settings:privacy'],
    ['an ftp URL', 'ftp://x/'],
    ['credentials', 'https://user:secret@x/'],
    ['not a URL', 'github.com'],
    ['an overlong link', `https://x/${'a'.repeat(2100)}`],
  ])('refuses %s', (_what, url) => {
    expect(() => vetExternalUrl(url)).toThrow(expect.objectContaining({ code: 'externalLinkUnsafe' }))
  })
})

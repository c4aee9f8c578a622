import { join, normalize, win32 } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  allowNavigation,
  contentSecurityPolicy,
  isTrustedSender,
  permissionDecision,
  resolveAppFile,
  secureWebPreferences,
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

  it('serves only files inside the renderer folder', () => {
    const root = '/app/out/renderer'
    expect(resolveAppFile(root, 'app://fieldbench/', join, normalize)).toBe('/app/out/renderer/index.html')
    expect(resolveAppFile(root, 'app://fieldbench/assets/index.js', join, normalize)).toBe('/app/out/renderer/assets/index.js')
    expect(resolveAppFile(root, 'app://fieldbench/..%2F..%2Fmain%2Findex.js', join, normalize)).toBeNull()
    expect(resolveAppFile(root, 'app://other/index.html', join, normalize)).toBeNull()
    expect(resolveAppFile(root, 'app://fieldbench/..%2Frenderer-evil%2Fx.js', join, normalize)).toBeNull()
    expect(resolveAppFile(root, 'app://fieldbench/%2e%2e%2Frenderer-evil%2Fx.js', join, normalize)).toBeNull()
    expect(resolveAppFile(root, 'app://fieldbench/%E0%A4%A', join, normalize)).toBeNull()
    expect(resolveAppFile('C:\\app\\renderer', 'app://fieldbench/..%5Crenderer-evil%5Cx.js', win32.join, win32.normalize, win32.sep)).toBeNull()
    expect(resolveAppFile('C:\\app\\renderer', 'app://fieldbench/assets/x.js', win32.join, win32.normalize, win32.sep)).toBe('C:\\app\\renderer\\assets\\x.js')
  })
})

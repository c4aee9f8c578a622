import { join, normalize, win32 } from 'node:path'
import { describe, expect, it } from 'vitest'
import { appProtocolHandler, resolveAppFile } from './app-protocol'
import { contentSecurityPolicy } from './policy'

describe('app:// paths', () => {
  it('serves only files inside the renderer folder', () => {
    const root = '/app/out/renderer'
    expect(resolveAppFile(root, 'app://fieldbench/', join, normalize)).toBe('/app/out/renderer/index.html')
    expect(resolveAppFile(root, 'app://fieldbench/assets/index.js', join, normalize)).toBe('/app/out/renderer/assets/index.js')
    expect(resolveAppFile(root, 'app://fieldbench/..%2F..%2Fmain%2Findex.js', join, normalize)).toBeNull()
    expect(resolveAppFile(root, 'app://other/index.html', join, normalize)).toBeNull()
    expect(resolveAppFile(root, 'app://fieldbench/..%2Frenderer-evil%2Fx.js', join, normalize)).toBeNull()
    expect(resolveAppFile(root, 'app://fieldbench/%2e%2e%2Frenderer-evil%2Fx.js', join, normalize)).toBeNull()
    expect(resolveAppFile(root, 'app://fieldbench/%E0%A4%A', join, normalize)).toBeNull()
    expect(resolveAppFile(root, 'app://fieldbench/x%00.js', join, normalize)).toBeNull()
    expect(resolveAppFile('C:\\app\\renderer', 'app://fieldbench/..%5Crenderer-evil%5Cx.js', win32.join, win32.normalize, win32.sep)).toBeNull()
    expect(resolveAppFile('C:\\app\\renderer', 'app://fieldbench/assets/x.js', win32.join, win32.normalize, win32.sep)).toBe('C:\\app\\renderer\\assets\\x.js')
  })
})

describe('app:// handler', () => {
  const root = normalize('/app/out/renderer')
  const files = new Map([[join(root, 'assets', 'index.js'), new TextEncoder().encode('export {}')]])
  const reads: string[] = []
  const readFile = async (file: string): Promise<Uint8Array> => {
    reads.push(file)
    const body = files.get(file)
    if (!body) throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' })
    return body
  }
  const handle = appProtocolHandler(root, readFile)

  it('answers with the file, its type, the CSP and nosniff', async () => {
    const response = await handle(new Request('app://fieldbench/assets/index.js'))
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('export {}')
    expect(response.headers.get('content-type')).toMatch(/javascript/)
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy())
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('answers 404 without reading anything for a path outside the renderer folder', async () => {
    reads.length = 0
    const response = await handle(new Request('app://fieldbench/..%2F..%2Fmain%2Findex.js'))
    expect(response.status).toBe(404)
    expect(reads).toEqual([])
  })

  it('answers 404 for a file that is not there', async () => {
    const response = await handle(new Request('app://fieldbench/missing.js'))
    expect(response.status).toBe(404)
    expect(await response.text()).toBe('not found')
  })
})

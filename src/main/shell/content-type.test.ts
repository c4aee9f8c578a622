import { describe, expect, it } from 'vitest'
import { rendererContentType } from './content-type'

describe('rendererContentType', () => {
  it('names the type of each kind of file in the renderer build', () => {
    expect(rendererContentType('/app/renderer/index.html')).toBe('text/html; charset=utf-8')
    expect(rendererContentType('/app/renderer/assets/index-3f2a.js')).toBe('text/javascript; charset=utf-8')
    expect(rendererContentType('C:\\app\\renderer\\assets\\index.css')).toBe('text/css; charset=utf-8')
    expect(rendererContentType('/r/manifest.json')).toBe('application/json')
    expect(rendererContentType('/r/icon.svg')).toBe('image/svg+xml')
    expect(rendererContentType('/r/icon.png')).toBe('image/png')
    expect(rendererContentType('/r/assets/font.woff2')).toBe('font/woff2')
  })

  it('calls anything else opaque bytes, so nosniff keeps the browser from running it', () => {
    expect(rendererContentType('/r/file.exe')).toBe('application/octet-stream')
    expect(rendererContentType('/r/noextension')).toBe('application/octet-stream')
    expect(rendererContentType('/r/.js')).toBe('application/octet-stream')
    expect(rendererContentType('/r/index.HTML')).toBe('application/octet-stream')
  })
})

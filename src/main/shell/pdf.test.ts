import { describe, expect, it } from 'vitest'
import { pdfPrinter, type PdfWindow } from './pdf'

function fakeWindow(fail?: 'load' | 'print') {
  const calls: { created?: Record<string, unknown>; url?: string; options?: Record<string, unknown>; destroyed: boolean } = { destroyed: false }
  const factory = (options: { show: false; webPreferences: Record<string, unknown> }): PdfWindow => {
    calls.created = options
    return {
      loadURL: async (url) => {
        calls.url = url
        if (fail === 'load') throw new Error('load failed')
      },
      webContents: {
        printToPDF: async (options) => {
          calls.options = options
          if (fail === 'print') throw new Error('print failed')
          return new Uint8Array([0x25, 0x50, 0x44, 0x46])
        },
      },
      destroy: () => void (calls.destroyed = true),
    }
  }
  return { calls, factory }
}

describe('the report PDF printer', () => {
  it('loads the report itself into a hidden window without script and prints A4 from its own page rule', async () => {
    const { calls, factory } = fakeWindow()
    const pdf = await pdfPrinter(factory)('<!doctype html><p>Zażółć 报告</p>')
    expect([...pdf]).toEqual([0x25, 0x50, 0x44, 0x46])
    expect(calls.created?.show).toBe(false)
    expect(calls.created?.webPreferences).toMatchObject({ javascript: false, preload: undefined, sandbox: true, contextIsolation: true })
    expect(Buffer.from(calls.url!.split(',')[1]!, 'base64').toString('utf8')).toBe('<!doctype html><p>Zażółć 报告</p>')
    expect(calls.options).toEqual({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true })
    expect(calls.destroyed).toBe(true)
  })

  it.each(['load', 'print'] as const)('closes the window when the %s fails', async (fail) => {
    const { calls, factory } = fakeWindow(fail)
    await expect(pdfPrinter(factory)('<p>x</p>')).rejects.toThrow(`${fail} failed`)
    expect(calls.destroyed).toBe(true)
  })
})

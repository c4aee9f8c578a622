/**
 * A report to PDF in a hidden window that runs no script at all. The page
 * size and margins come from the report's own `@page` rule (A4), so the PDF
 * and a browser's print of the HTML file break pages the same way.
 */
import { secureWebPreferences } from './policy'

/** The parts of an Electron BrowserWindow this needs: a fake stands in for it in tests. */
export interface PdfWindow {
  loadURL(url: string): Promise<unknown>
  webContents: { printToPDF(options: Record<string, unknown>): Promise<Uint8Array> }
  destroy(): void
}

export type PdfWindowFactory = (options: { show: false; webPreferences: Record<string, unknown> }) => PdfWindow

export const PDF_OPTIONS = { pageSize: 'A4', printBackground: true, preferCSSPageSize: true } as const

export const reportDataUrl = (html: string) => `data:text/html;charset=utf-8;base64,${Buffer.from(html).toString('base64')}`

export function pdfPrinter(createWindow: PdfWindowFactory): (html: string) => Promise<Uint8Array> {
  return async (html) => {
    const win = createWindow({ show: false, webPreferences: { ...secureWebPreferences(''), preload: undefined, javascript: false } })
    try {
      await win.loadURL(reportDataUrl(html))
      return await win.webContents.printToPDF({ ...PDF_OPTIONS })
    } finally {
      win.destroy()
    }
  }
}

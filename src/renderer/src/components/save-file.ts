import type { ExportedFile } from '@shared/contract'

/** Hands an exported file to the user: a download in the browser, a save dialog in Electron. */
export function saveFile(file: ExportedFile): void {
  const data = file.base64 ? Uint8Array.from(atob(file.content), (c) => c.charCodeAt(0)) : file.content
  const url = URL.createObjectURL(new Blob([data], { type: file.mime }))
  const a = document.createElement('a')
  a.href = url
  a.download = file.fileName
  a.rel = 'noopener'
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

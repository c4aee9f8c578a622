/**
 * Electron entry: thin on purpose. Everything that is not a window, a
 * keychain, a PDF printer or an IPC pipe lives in the core, which browser
 * mode and the CLI share.
 */
import { join } from 'node:path'
import { app, BrowserWindow, dialog, protocol, safeStorage, shell } from 'electron'
import { type Core, createCore } from './core/core'
import { registerIpc } from './ipc/electron-ipc'
import { appProtocolHandler, appSchemePrivileges } from './shell/app-protocol'
import { hardenApp } from './shell/harden'
import { pdfPrinter } from './shell/pdf'
import { APP_ORIGIN, APP_SCHEME, secureWebPreferences, vetExternalUrl } from './shell/policy'
import { SafeStorageBackend } from './shell/safe-storage'
import { FileSecretBackend } from './store/secrets'

const devServerUrl = process.env.ELECTRON_RENDERER_URL
const rendererDir = join(import.meta.dirname, '../renderer')

if (process.env.FIELDBENCH_USER_DATA) app.setPath('userData', process.env.FIELDBENCH_USER_DATA)
protocol.registerSchemesAsPrivileged([appSchemePrivileges])

if (!app.requestSingleInstanceLock()) {
  // a second instance would fight the first over serial ports and the records database
  app.quit()
} else {
  let core: Core | null = null

  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0]
    if (win) {
      if (win.isMinimized()) win.restore()
      win.focus()
    }
  })

  app.whenReady().then(async () => {
    const dataDir = app.getPath('userData')
    const keychain = await safeStorage.isAsyncEncryptionAvailable().catch(() => false)
    core = await createCore({
      transport: 'electron',
      dataDir,
      version: app.getVersion(),
      versions: { electron: process.versions.electron ?? '', chrome: process.versions.chrome ?? '', node: process.versions.node },
      systemLanguages: () => app.getPreferredSystemLanguages(),
      secretBackend: keychain ? new SafeStorageBackend(join(dataDir, 'secrets.enc.json')) : new FileSecretBackend(join(dataDir, 'secrets.json')),
      openExternal: (url) => shell.openExternal(vetExternalUrl(url)),
      printToPdf,
      pickFile,
    })
    if (!keychain) core.log.warn('secrets.noKeychain', { fallback: 'file0600' })
    hardenApp(core.log.child('security'), devServerUrl)

    protocol.handle(APP_SCHEME, appProtocolHandler(rendererDir))

    registerIpc(core, devServerUrl)
    createWindow()
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow()
    })
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
    // macOS keeps the app without a window: a job nobody can see or answer is suspended, to resume later
    else void core?.jobs.suspendAll()
  })

  let disposing = false
  app.on('before-quit', (event) => {
    if (!core || disposing) return
    event.preventDefault()
    disposing = true
    void core.dispose().finally(() => app.exit(0))
  })
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Fieldbench',
    backgroundColor: '#f5f6f8',
    webPreferences: secureWebPreferences(join(import.meta.dirname, '../preload/index.cjs')),
  })
  win.once('ready-to-show', () => win.show())
  void win.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`)
  return win
}

const printToPdf = pdfPrinter((options) => new BrowserWindow(options))

async function pickFile(filters: { name: string; extensions: string[] }[]): Promise<string | undefined> {
  const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0]
  const options = { properties: ['openFile' as const], filters }
  const chosen = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
  return chosen.canceled ? undefined : chosen.filePaths[0]
}


import { readFileSync } from 'node:fs'
import { AppError, type AppInfo, type ExportedFile, ExternalLinkHosts } from '@shared/contract'
import type { CoreModule, ModuleContext } from '../module'

export type SystemMethod = 'getAppInfo' | 'openExternal' | 'exportDiagnostics'

/** What the app says of itself: its versions and folders, the links it opens, the diagnostics bundle. */
export function systemModule({ platform, log, redactor, settings, simulators, jobs, clock }: ModuleContext): CoreModule<SystemMethod> {
  const appInfo = (): AppInfo => ({
    name: 'Fieldbench',
    version: platform.version,
    transport: platform.transport,
    platform: process.platform,
    arch: process.arch,
    versions: platform.versions,
    dataDir: platform.dataDir,
    canPrintPdf: Boolean(platform.printToPdf),
    systemLanguages: platform.systemLanguages(),
  })

  function exportDiagnostics(): ExportedFile {
    const logs = log.files().map((file) => ({ file: file.slice(platform.dataDir.length + 1), text: redactor.text(readFileSync(file, 'utf8')) }))
    const createdAt = new Date(clock.now()).toISOString()
    const bundle = {
      format: 'fieldbench.diagnostics',
      createdAt,
      app: appInfo(),
      settings: settings.get(),
      simulators: simulators.list('info'),
      jobs: jobs.list(),
      logs,
    }
    const stamp = createdAt.replace(/[:.]/g, '-')
    return { fileName: `fieldbench-diagnostics-${stamp}.json`, mime: 'application/json', content: redactor.text(JSON.stringify(bundle, null, 2)), base64: false }
  }

  return {
    id: 'system',
    handlers: {
      getAppInfo: () => appInfo(),
      openExternal: async ({ url }) => {
        const parsed = new URL(url)
        if (parsed.protocol !== 'https:' || !(ExternalLinkHosts as readonly string[]).includes(parsed.hostname) || parsed.username || parsed.password) {
          log.warn('openExternal.refused', { host: parsed.hostname, protocol: parsed.protocol })
          throw new AppError('externalLinkRefused', { host: parsed.hostname })
        }
        await platform.openExternal(parsed.toString())
      },
      exportDiagnostics: () => exportDiagnostics(),
    },
  }
}

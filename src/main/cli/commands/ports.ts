import type { PortInfo } from '@shared/contract'
import { portOwnerText } from '@shared/i18n/errors'
import { cliCore } from '../context'
import { EXIT, type Out, table } from '../output'

function rows(out: Out, ports: PortInfo[]): string {
  if (!ports.length) return out.t('cli:ports.none')
  return table([
    [out.t('cli:ports.path'), out.t('cli:ports.kind'), out.t('cli:ports.usb'), out.t('cli:ports.manufacturer'), out.t('cli:ports.serial'), out.t('cli:ports.status')],
    ...ports.map((p) => [
      p.path,
      out.t(`devices:kinds.${p.kind}`),
      p.vendorId ? `${p.vendorId}:${p.productId ?? '????'}` : '-',
      p.manufacturer ?? p.friendlyName ?? '-',
      p.serialNumber ?? '-',
      !p.present ? out.t('devices:absent') : p.session ? portOwnerText(out.t, p.session.owner) : out.t('devices:free'),
    ]),
  ])
}

export async function portsCommand(out: Out, options: { dataDir?: string; watch: boolean }): Promise<number> {
  const core = await cliCore(options.dataDir)
  try {
    const ports = await core.ports.list(true)
    out.print(ports, () => rows(out, ports))
    if (!options.watch) return EXIT.ok
    await new Promise<void>((resolve) => {
      core.bus.attach((channel, payload) => {
        if (channel === 'ports:changed') out.event({ event: 'ports', ports: payload }, () => `\n${rows(out, payload as PortInfo[])}`)
      })
      process.once('SIGINT', () => resolve())
      process.once('SIGTERM', () => resolve())
    })
    return EXIT.ok
  } finally {
    await core.dispose()
  }
}

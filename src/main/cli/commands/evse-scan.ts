/**
 * `fieldbench evse scan <range> [--port N]`: the chargers in a range the
 * installer names, each line as it is found; Ctrl-C stops the scan and
 * prints what was found so far.
 */
import type { EvseScanHit } from '@shared/contract'
import { parseScanRange } from '@shared/devices/evse/range'
import { evseStateKey, evseStateName } from '@shared/devices/evse/states'
import { systemClock } from '../../core/clock'
import { scanChargers } from '../../devices/evse/scan'
import { scanRangeError } from '../../devices/evse/site-module'
import { EXIT, type Out, table, UsageError } from '../output'

export async function evseScanCommand(out: Out, range: string | undefined, options: { port?: number }): Promise<number> {
  if (!range) throw new UsageError(out.t('evseSite:cli.needRange'))
  const parsed = parseScanRange(range)
  if (!parsed.ok) throw scanRangeError(parsed)
  const controller = new AbortController()
  const stop = () => controller.abort()
  process.once('SIGINT', stop)
  const seen = new Set<string>()
  try {
    out.event({ event: 'scanning', total: parsed.addresses.length, port: options.port ?? 80 }, () => out.t('evseSite:cli.scanning', { total: parsed.addresses.length }))
    const result = await scanChargers({
      addresses: parsed.addresses,
      port: options.port,
      clock: systemClock,
      signal: controller.signal,
      onProgress: (p) => {
        for (const hit of p.hits.filter((h) => !seen.has(h.host))) {
          seen.add(hit.host)
          out.event({ event: 'found', ...hit }, () => out.t('evseSite:cli.found', { host: hit.host, scanned: p.scanned, total: p.total }))
        }
      },
    })
    out.print(result, () =>
      [
        result.hits.length ? hitsTable(out, result.hits) : out.t('evseSite:cli.none'),
        out.t(result.phase === 'cancelled' ? 'evseSite:cli.cancelled' : 'evseSite:cli.done', { scanned: result.scanned, total: result.total, found: result.hits.length, requests: result.requests }),
      ].join('\n'),
    )
    return EXIT.ok
  } finally {
    process.off('SIGINT', stop)
  }
}

function hitsTable(out: Out, hits: EvseScanHit[]): string {
  const c = (k: string) => out.t(`evseSite:columns.${k}`)
  const rows = hits.map((h) => {
    const name = evseStateName(h.state)
    return [
      h.host,
      h.productType ?? '—',
      h.firmware ?? '—',
      h.mac ?? '—',
      h.wifi ? `${h.wifi.ssid}${h.wifi.percent === null ? '' : ` ${h.wifi.percent}%`}` : '—',
      name ? out.t(`evse:stateName.${evseStateKey(name)}`) : '—',
      out.t(`evseSite:health.${h.health}`),
    ]
  })
  return table([[c('address'), c('product'), c('firmware'), c('mac'), c('wifi'), c('state'), c('health')], ...rows])
}

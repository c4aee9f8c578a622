/**
 * The EV charger in the app: a charger reached by the address the installer
 * types, read whole on connect, its Status polled live while a page holds a
 * lease, its configuration written through the verified write and its
 * toggles sent once. Demo mode's charger is the catalogue's simulator, found
 * by its address like any other.
 */
import { AppError, type AppErrorPayload, EVSE_LIVE_INTERVAL_MS, EVSE_LIVE_LEASE_MS, type evseInvokeMethods, type evseServiceInvokeMethods, type evseSetupInvokeMethods, type EvseMeterView, type EvseSnapshot } from '@shared/contract'
import type { DeviceModule, ModuleContext } from '../../core/module'
import { LeasedPoller } from '../../core/leased-poller'
import { EvseClient } from './client'
import { writeConfig } from './config-write'
import { refuseOffLoopbackInDemo } from './demo-loopback'
import { startService } from './service-module'
import { evseSetupHandlers } from './setup-module'
import { toggle } from './toggles'

/** clients kept (each remembers its charger's uptime, to tell a restart); the oldest goes first */
const MAX_CLIENTS = 16

const payloadOf = (err: unknown): AppErrorPayload => (err instanceof AppError ? err.toPayload() : { code: 'internal' })

/** a charger that did not answer at all: the reads after it would only wait out the same timeout */
const unreachable = (err: AppErrorPayload | null): boolean => err !== null && (err.code === 'evseUnreachable' || err.code === 'evseTimeout')

export function evseModule(ctx: ModuleContext): DeviceModule<typeof evseInvokeMethods & typeof evseServiceInvokeMethods & typeof evseSetupInvokeMethods> {
  const { clock, bus } = ctx
  /** every handler that names a charger passes through here first, so demo mode sends nothing off loopback */
  const reach = (host: string): string => {
    refuseOffLoopbackInDemo(ctx, [host])
    return host
  }
  const log = ctx.log.child('evse')
  const clients = new Map<string, EvseClient>()

  const clientFor = (host: string): EvseClient => {
    const known = clients.get(host)
    if (known) {
      // most recently used last, so the first is the one to let go
      clients.delete(host)
      clients.set(host, known)
      return known
    }
    if (clients.size >= MAX_CLIENTS) clients.delete(clients.keys().next().value!)
    const made = new EvseClient({ host, clock })
    // a restart seen by any read of this charger reaches the page, and the next live update says so
    made.onCharger((event) => {
      if (event.restarted) restartedSince.add(host)
      bus.emit('evse:charger', event)
    })
    clients.set(host, made)
    return made
  }

  // one charger is live at a time: the page's; a lease for another address moves the polling there
  let liveHost: string | null = null
  /** chargers seen restarting (by whichever user's read) since their last live update */
  const restartedSince = new Set<string>()
  const poller = new LeasedPoller({
    clock,
    leaseMs: EVSE_LIVE_LEASE_MS,
    poll: async ({ signal }) => {
      const host = liveHost
      if (!host) return
      try {
        const status = await clientFor(host).status(signal)
        const restarted = restartedSince.delete(host) || status.restarted
        if (!signal.aborted) bus.emit('evse:live', { host, at: clock.now(), status, error: null, restarted })
      } catch (err) {
        if (!signal.aborted) bus.emit('evse:live', { host, at: clock.now(), status: null, error: payloadOf(err), restarted: false })
      }
    },
    onExpired: (lease) => log.info('evse.liveLeaseExpired', { id: lease.id }),
  })

  async function connect(host: string): Promise<EvseSnapshot> {
    const client = clientFor(host)
    const snapshot: EvseSnapshot = { host, at: clock.now(), info: null, infoError: null, status: null, statusError: null, config: null, configError: null, meters: [] }
    try {
      snapshot.status = await client.status()
    } catch (err) {
      snapshot.statusError = payloadOf(err)
    }
    if (unreachable(snapshot.statusError)) {
      const error = snapshot.statusError
      return { ...snapshot, infoError: error, configError: error, meters: [1, 2].map((meter) => ({ meter: meter as 1 | 2, reading: null, error })) }
    }
    try {
      snapshot.info = await client.info()
    } catch (err) {
      snapshot.infoError = payloadOf(err)
    }
    try {
      snapshot.config = await client.config()
    } catch (err) {
      snapshot.configError = payloadOf(err)
    }
    for (const meter of [1, 2] as const) {
      const view: EvseMeterView = { meter, reading: null, error: null }
      try {
        view.reading = await client.meter(meter)
      } catch (err) {
        view.error = payloadOf(err)
      }
      snapshot.meters.push(view)
    }
    snapshot.at = clock.now()
    return snapshot
  }

  return {
    id: 'evse',
    handlers: {
      evseConnect: ({ host }) => connect(reach(host)),
      evseLiveStart: ({ host, intervalMs, leaseId }) => {
        liveHost = reach(host)
        const lease = poller.acquire(intervalMs ?? EVSE_LIVE_INTERVAL_MS.default, leaseId)
        return { leaseId: lease.id, leaseUntil: lease.until }
      },
      evseLiveStop: ({ leaseId }) => poller.release(leaseId),
      evseWriteConfig: ({ host, config }) => writeConfig(clientFor(reach(host)), config),
      evseToggle: ({ host, action }) => toggle(clientFor(reach(host)), clock, action),
      evseServiceStart: (input) => startService(ctx, clientFor, { ...input, host: reach(input.host) }),
      ...evseSetupHandlers(ctx, clientFor),
    },
    async dispose() {
      poller.releaseAll()
    },
  }
}

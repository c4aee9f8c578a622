import { useShallow } from 'zustand/react/shallow'
import type { AppErrorPayload, EvseLiveUpdate, EvseSnapshot, EvseStatus } from '@shared/contract'
import { useEvse } from '../../stores/evse'

/** The charger's status as the page shows it, and where it came from. */
export interface LiveStatusView {
  status: EvseStatus | null
  error: AppErrorPayload | null
  /** when it was read */
  at: number
  /** the charger restarted since the reading before */
  restarted: boolean
}

/** The live update when it is this charger's and newer than the snapshot (a failed poll keeps the last status shown), else the snapshot's own read. */
export function liveStatusOf(live: EvseLiveUpdate | null, snapshot: EvseSnapshot): LiveStatusView {
  const fresh = live && live.host === snapshot.host && live.at >= snapshot.at ? live : null
  if (!fresh) return { status: snapshot.status, error: snapshot.statusError, at: snapshot.at, restarted: false }
  return { status: fresh.status ?? snapshot.status, error: fresh.error, at: fresh.at, restarted: fresh.restarted }
}

/**
 * The part of the live status a component shows, picked as a flat object of
 * plain values: a live update re-renders the component only when one of them
 * changed, so a second's new figures redraw the figures and the chart, not
 * the panels around them.
 */
export function useLiveStatus<T extends object>(snapshot: EvseSnapshot, pick: (view: LiveStatusView) => T): T {
  return useEvse(useShallow((s) => pick(liveStatusOf(s.live, snapshot))))
}

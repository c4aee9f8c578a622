import { AppError, type CabinetAwaiting, type CabinetConfirmation, cabinetKey } from '@shared/contract'
import type { Clock } from '../../core/clock'
import type { PortSession } from '../../transport/serial/session'
import type { SlotTrack } from './cabinet-test-plan'
import { Prompts } from '../../flows/prompts'

type Confirmation = { [K in CabinetConfirmation]: { kind: K; ok: boolean } }[CabinetConfirmation]

/** What the waits need from the job they work for. */
export interface WaitsHost {
  readonly signal: AbortSignal
  readonly path: string
  session(): PortSession | null
  /** the job's clock: the time allowed for doors and locks */
  readonly clock: Clock
  /** the run state changed (what is awaited, a slot): the UI is told */
  changed(): void
}

/**
 * What the factory test waits for: the operator's answers (the safety
 * warning, the airflow, "all doors are closed") and the board's lock
 * reports, which are the only way the seed gives a lock's state.
 */
export class CabinetWaits {
  awaiting: CabinetAwaiting | null = null
  private readonly prompts: Prompts<CabinetConfirmation, Confirmation>
  /** wakes the slot wait under way when a lock report comes */
  private slotWaiter: (() => void) | null = null
  private doorsDeadlineMs = 0
  private doorSlots: number[] = []

  constructor(
    private readonly host: WaitsHost,
    readonly slots: SlotTrack[],
  ) {
    this.prompts = new Prompts(() => host.changed())
  }

  /** The operator's answer to what the test waits for. */
  confirm(what: CabinetConfirmation, ok: boolean): void {
    if (this.prompts.awaiting !== what) throw new AppError('cabinetNotAwaiting', { what })
    this.prompts.answer({ kind: what, ok } as Confirmation)
  }

  async ask(what: 'safety' | 'airflow'): Promise<boolean> {
    this.awaiting = { what }
    try {
      return (await this.prompts.ask(what, [what], this.host.signal)).ok
    } finally {
      this.setAwaiting(null)
    }
  }

  /**
   * A lock report. A close is proof that the lock had opened: a board that
   * reports only closes (the seed promises only those) passes on them, and a
   * close that comes while the test still waits for openings counts at once.
   */
  lockReported(slot: number, open: boolean): void {
    const track = this.slots[slot - 1]
    if (!track) return
    if (open) {
      track.opened = true
      track.closed = false
    } else if (track.opened || track.pending) {
      track.opened = true
      track.closed = true
      track.failed = false
    }
    if (this.awaiting?.what === 'doors') this.awaiting = { what: 'doors', slots: this.doorSlots.filter((s) => !this.slots[s - 1]!.closed), deadline: this.doorsDeadlineMs }
    this.host.changed()
    this.slotWaiter?.()
  }

  /**
   * Waits until every slot in `slots` satisfies `done`. For doors, each one
   * has `limitMs` from the previous close (a per-door limit), the operator
   * can say all doors are closed, and a pulled cable stops the clock until
   * the port is back. For locks, `limitMs` is for all of them.
   */
  waitForSlots(slots: number[], done: (track: SlotTrack) => boolean, limitMs: number, doors: boolean): Promise<void> {
    const left = () => slots.filter((slot) => !done(this.slots[slot - 1]!))
    if (!left().length) return Promise.resolve()
    const { signal } = this.host
    const session = this.host.session()
    return new Promise((resolve, reject) => {
      let cancelTimer: (() => void) | null = null
      const arm = () => {
        cancelTimer?.()
        cancelTimer = null
        if (session?.state !== 'open') return
        cancelTimer = this.host.clock.timer(limitMs, () => finish(null))
        if (doors) {
          this.doorsDeadlineMs = this.host.clock.now() + limitMs
          this.doorSlots = left()
          this.setAwaiting({ what: 'doors', slots: this.doorSlots, deadline: this.doorsDeadlineMs })
        }
      }
      const finish = (error: Error | null) => {
        cancelTimer?.()
        offState?.()
        this.slotWaiter = null
        signal.removeEventListener('abort', onAbort)
        if (doors) {
          this.prompts.withdraw('doorsDone')
          this.setAwaiting(null)
        }
        if (error) reject(error)
        else resolve()
      }
      const onAbort = () => finish(signal.reason as Error)
      signal.addEventListener('abort', onAbort, { once: true })
      const offState = session?.onState((state) => {
        if (state === 'disconnected' && cancelTimer) {
          cancelTimer()
          cancelTimer = null
        }
        if (state === 'reconnected') arm()
        if (state === 'closed') finish(new AppError('portNotOpen', { path: this.host.path }))
      })
      this.slotWaiter = () => {
        if (!left().length) finish(null)
        else if (doors) arm()
      }
      arm()
      // the operator may say all doors are closed; a rejection is the question withdrawn or the job stopping, handled above
      if (doors)
        this.prompts.ask('doorsDone', ['doorsDone'], signal).then(
          () => finish(null),
          () => undefined,
        )
    })
  }

  /** The gateway's key-table view of the cabinet: lock 11–18, charger 21–28 (battery % has no frame). */
  keyTable(energized: boolean): Record<string, number> {
    const table: Record<string, number> = {}
    this.slots.forEach((track, i) => (table[String(cabinetKey('lock', i + 1))] = track.opened && !track.closed ? 1 : 0))
    this.slots.forEach((_, i) => (table[String(cabinetKey('charger', i + 1))] = energized ? 1 : 0))
    return table
  }

  private setAwaiting(awaiting: CabinetAwaiting | null): void {
    this.awaiting = awaiting
    this.host.changed()
  }
}

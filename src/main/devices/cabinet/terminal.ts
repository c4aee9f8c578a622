import { AppError, CABINET_SERIAL, type CabinetFrameEntry, type CabinetFrames, type CabinetTerminalAnswer } from '@shared/contract'
import type { CabinetTerminalSend } from '@shared/contract/cabinet/cabinet.schemas'
import { type Clock, systemClock } from '../../core/clock'
import type { PortManager } from '../../transport/serial/manager'
import { commandFrame } from './catalogue'
import { CabinetClient } from './client'
import { type CabinetFrame, parseFrameInput } from './codec'
import { defaultProfile } from './profile'

export const TERMINAL_OWNER = 'cabinetTerminal'
/** frames kept per port for a terminal that opens the view again; the port's raw log keeps everything */
const KEEP = 500
/** frames reach the UI in batches */
const BATCH_MS = 40

/** A frame a person typed, or the reason it is refused: checked before any port is touched. */
export function typedFrame(raw: string): CabinetFrame {
  const parsed = parseFrameInput(raw)
  if (parsed.ok) return parsed.frame
  throw parsed.reason === 'crc' ? new AppError('cabinetFrameCrc', { expected: parsed.expected ?? '' }) : new AppError('cabinetFrameInvalid')
}

interface Open {
  client: CabinetClient
  recent: CabinetFrameEntry[]
  pending: CabinetFrameEntry[]
  /** cancels the pending batch flush */
  cancelFlush: (() => void) | null
  off: () => void
}

/**
 * The cabinet's terminal: a port opened for a person who sends catalogue
 * commands or raw frames and reads every frame both ways, decoded. Measuring
 * answers are scaled with the default profile.
 */
export class CabinetTerminals {
  private readonly open = new Map<string, Open>()

  constructor(
    private readonly ports: PortManager,
    private readonly emit: (frames: CabinetFrames) => void,
    private readonly clock: Clock = systemClock,
  ) {}

  async openPort(path: string): Promise<CabinetFrames> {
    const existing = this.open.get(path)
    if (existing && existing.client.session.state !== 'closed') return { path, entries: existing.recent, stats: { ...existing.client.stats } }
    const session = await this.ports.open(path, CABINET_SERIAL, TERMINAL_OWNER)
    const client = new CabinetClient(session, { scaling: defaultProfile.scaling, timeoutMs: defaultProfile.timing.answerTimeoutMs, clock: this.clock })
    const entry: Open = { client, recent: [], pending: [], cancelFlush: null, off: () => undefined }
    const offFrames = client.onFrame((frame) => {
      entry.recent.push(frame)
      if (entry.recent.length > KEEP) entry.recent.splice(0, entry.recent.length - KEEP)
      entry.pending.push(frame)
      if (!entry.cancelFlush) entry.cancelFlush = this.clock.timer(BATCH_MS, () => this.flush(path))
    })
    const offState = session.onState((state) => {
      if (state === 'closed') this.forget(path)
    })
    entry.off = () => {
      offFrames()
      offState()
    }
    this.open.set(path, entry)
    return { path, entries: [], stats: { ...client.stats } }
  }

  async closePort(path: string): Promise<void> {
    this.forget(path)
    await this.ports.close(path, TERMINAL_OWNER)
  }

  async send(input: CabinetTerminalSend): Promise<CabinetTerminalAnswer> {
    const entry = this.open.get(input.path)
    if (!entry) throw new AppError('portNotOpen', { path: input.path })
    const frame = 'raw' in input ? typedFrame(input.raw) : commandFrame(input.command, { type: input.type ?? 'comm' })
    const answer = await entry.client.attempt(frame)
    this.flush(input.path)
    return answer
  }

  async closeAll(): Promise<void> {
    for (const path of [...this.open.keys()]) await this.closePort(path).catch(() => undefined)
  }

  private flush(path: string): void {
    const entry = this.open.get(path)
    if (!entry) return
    entry.cancelFlush?.()
    entry.cancelFlush = null
    if (!entry.pending.length) return
    const entries = entry.pending
    entry.pending = []
    this.emit({ path, entries, stats: { ...entry.client.stats } })
  }

  private forget(path: string): void {
    const entry = this.open.get(path)
    if (!entry) return
    this.flush(path)
    entry.off()
    entry.client.dispose()
    this.open.delete(path)
  }
}

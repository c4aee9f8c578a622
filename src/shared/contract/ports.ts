/** where a port comes from: the OS list, a path the user added, or an in-process simulator */
export const PortKinds = ['system', 'manual', 'simulator'] as const
export type PortKind = (typeof PortKinds)[number]

export const SessionStates = ['open', 'disconnected', 'closed'] as const
export type SessionState = (typeof SessionStates)[number]

export interface PortSessionInfo {
  owner: string
  state: SessionState
  baudRate: number
}

export interface PortInfo {
  path: string
  kind: PortKind
  present: boolean
  manufacturer?: string
  serialNumber?: string
  /** USB vendor and product id, four hex digits, when the OS reports them */
  vendorId?: string
  productId?: string
  friendlyName?: string
  simulator?: string
  session?: PortSessionInfo
}

export const BaudRates = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600] as const

export interface SerialSettings {
  baudRate: number
  dataBits: 5 | 6 | 7 | 8
  parity: 'none' | 'even' | 'odd'
  stopBits: 1 | 2
}

export const LineEndings = ['none', 'cr', 'lf', 'crlf'] as const
export type LineEnding = (typeof LineEndings)[number]

export const TrafficDirections = ['tx', 'rx', 'event'] as const
export type TrafficDirection = (typeof TrafficDirections)[number]

/** One chunk as it crossed the wire (or a line event such as open/close). */
export interface TrafficEntry {
  seq: number
  /** ms since the epoch */
  ts: number
  dir: TrafficDirection
  /** bytes as lowercase hex, no separators; for events: the event name */
  hex: string
}

export interface TrafficBatch {
  path: string
  entries: TrafficEntry[]
  /** entries dropped from the bounded log since the last batch */
  dropped: number
}

export interface PortStateEvent {
  path: string
  state: SessionState | 'reconnected'
  reason?: 'closed' | 'disconnected' | 'error'
}

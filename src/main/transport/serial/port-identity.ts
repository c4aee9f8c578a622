import { realpathSync, statSync } from 'node:fs'
import type { ListedPort } from './link'

/**
 * Who is behind a port path. A USB adapter has what the OS reports (serial
 * number, vendor and product id). A port without that (a pseudo-terminal,
 * socat's `link=` to one) has only its node: the path it resolves to and
 * that node's own identity (device, inode, change time).
 */
export interface PortIdentity {
  serialNumber?: string
  vendorId?: string
  productId?: string
  /** where the path resolves to (realpath), for a port without a USB identity */
  target?: string
  /** device, inode, device number and change time of that node */
  node?: string
}

/** What a path resolves to now, or null while it does not resolve. */
export type NodeInspector = (path: string) => { target: string; node: string } | null

export const inspectNode: NodeInspector = (path) => {
  try {
    const target = realpathSync(path)
    const stat = statSync(target, { bigint: true })
    return { target, node: `${stat.dev}:${stat.ino}:${stat.rdev}:${stat.ctimeNs}` }
  } catch {
    return null
  }
}

const USB_FIELDS = ['serialNumber', 'vendorId', 'productId'] as const

const hasUsbIdentity = (port: Partial<Record<(typeof USB_FIELDS)[number], string>> | undefined): boolean =>
  USB_FIELDS.some((field) => Boolean(port?.[field]))

/** The identity of the device behind `path` now; `listed` is its entry in the OS list, if any. */
export function identify(path: string, listed: ListedPort | undefined, inspect: NodeInspector = inspectNode): PortIdentity {
  if (listed && hasUsbIdentity(listed)) {
    return { serialNumber: listed.serialNumber, vendorId: listed.vendorId, productId: listed.productId }
  }
  const node = inspect(path)
  return node ? { target: node.target, node: node.node } : {}
}

/** A line for the record: what was behind the path, and what is there now. */
export function describeChange(before: PortIdentity, now: PortIdentity): string {
  const text = (identity: PortIdentity): string =>
    hasUsbIdentity(identity)
      ? `usb ${identity.vendorId ?? '?'}:${identity.productId ?? '?'}${identity.serialNumber ? ` serial ${identity.serialNumber}` : ''}`
      : `${identity.target ?? '?'}${identity.node ? ` (node ${identity.node})` : ''}`
  return `was ${text(before)}; now ${text(now)}`
}

/**
 * Whether the device now behind a path is the one that was there: true, false,
 * or null while it cannot be told yet (a USB port whose node is back before
 * the OS lists it again). A pseudo-terminal's number is reused as soon as it
 * is free, so a link left behind by a dead socat can resolve to the same
 * `/dev/pts/N` as before and yet reach a stranger: the node's change time,
 * set when the kernel creates it, tells the two apart.
 */
export function sameDevice(before: PortIdentity, now: PortIdentity): boolean | null {
  if (hasUsbIdentity(before)) {
    if (!hasUsbIdentity(now)) return null
    return USB_FIELDS.every((field) => !before[field] || before[field] === now[field])
  }
  if (hasUsbIdentity(now)) return false
  if (!before.target) return true
  if (!now.target) return null
  return now.target === before.target && now.node === before.node
}

import { closeSync, constants, openSync, realpathSync, type Stats, statSync } from 'node:fs'
import { basename } from 'node:path'
import { isatty } from 'node:tty'
import { AppError } from '@shared/contract'

/** `COM3`, `\\.\COM12`: Windows port names are not files, and are taken as they are. */
export const WINDOWS_PORT_NAME = /^(\\\\\.\\)?COM\d+$/i

/** Whether a character device is a terminal (a serial port, a pseudo-terminal) rather than e.g. /dev/null. */
export type TerminalProbe = (path: string, stat: Stats) => boolean | null

/**
 * On Linux the kernel says which subsystem a device number belongs to, so a
 * real UART is not opened (and its DTR line not toggled) just to ask. Other
 * devices (pseudo-terminals are not in sysfs) and other systems are opened
 * without waiting for carrier and asked directly. null: cannot be told
 * (busy, no permission), and the open that follows will say why.
 */
export const probeTerminal: TerminalProbe = (path, stat) => {
  if (process.platform === 'linux') {
    const major = Math.floor(stat.rdev / 256) & 0xfff
    const minor = (stat.rdev & 0xff) | ((Math.floor(stat.rdev / 0x100000) & 0xfff) << 8)
    try {
      return basename(realpathSync(`/sys/dev/char/${major}:${minor}/subsystem`)) === 'tty'
    } catch {
      // not registered there: ask the device itself
    }
  }
  let fd: number
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOCTTY | constants.O_NONBLOCK)
  } catch {
    return null
  }
  try {
    return isatty(fd)
  } finally {
    closeSync(fd)
  }
}

/**
 * Refuses a path that cannot be a serial port: a regular file, a folder, a
 * pipe or socket, a block device, or a character device that is not a
 * terminal (/dev/null). A path that does not exist (yet) passes: the open
 * says it is not there, and a manual path may be added before its adapter.
 */
export function assertSerialPath(path: string, platform: NodeJS.Platform = process.platform, probe: TerminalProbe = probeTerminal): void {
  if (platform === 'win32' && WINDOWS_PORT_NAME.test(path)) return
  let stat: Stats
  try {
    stat = statSync(path)
  } catch {
    return
  }
  if (stat.isCharacterDevice() && (platform === 'win32' || probe(path, stat) !== false)) return
  throw new AppError('portNotSerial', { path })
}

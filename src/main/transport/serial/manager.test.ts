import { existsSync, mkdtempSync, realpathSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '@shared/contract'
import type { ListedPort, PortOpener, SerialLink } from './link'
import { MemoryLinkPair } from './memory-link'
import { NodeSerialOpener } from './node-serial'
import { createPtyPair } from './pty-pair'
import { SERIAL_8N1, testManager } from './test-support'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

function collect(link: SerialLink): { bytes: () => string; next: (n: number) => Promise<string> } {
  let text = ''
  const waiters: { n: number; resolve: (s: string) => void }[] = []
  link.onData((chunk) => {
    text += Buffer.from(chunk).toString('latin1')
    for (const w of [...waiters]) {
      if (text.length >= w.n) {
        waiters.splice(waiters.indexOf(w), 1)
        w.resolve(text)
      }
    }
  })
  return { bytes: () => text, next: (n) => new Promise((resolve) => (text.length >= n ? resolve(text) : waiters.push({ n, resolve }))) }
}

describe('PortManager over a real pseudo-terminal pair', () => {
  it('owns a port exclusively, logs both directions, and says who holds it', async () => {
    const pair = await createPtyPair()
    cleanups.push(() => pair.close())
    const { manager } = testManager()
    cleanups.push(() => manager.stop())
    const session = await manager.open(pair.app, SERIAL_8N1, 'terminal')
    await expect(manager.open(pair.app, SERIAL_8N1, 'linkCheck#1')).rejects.toMatchObject({ code: 'portBusy', params: { owner: 'terminal' } })

    const device = await new NodeSerialOpener().open(pair.device, SERIAL_8N1)
    cleanups.push(() => device.close())
    const atDevice = collect(device)
    await session.write(new TextEncoder().encode('ping\r\n'))
    expect(await atDevice.next(6)).toBe('ping\r\n')

    const received = new Promise<string>((resolve) => {
      let text = ''
      session.onData((chunk) => {
        text += Buffer.from(chunk).toString()
        if (text.endsWith('\n')) resolve(text)
      })
    })
    await device.write(new TextEncoder().encode('pong\r\n'))
    expect(await received).toBe('pong\r\n')
    const log = manager.trafficLog(pair.app).since(-1, 100)
    expect(log.map((e) => e.dir)).toEqual(expect.arrayContaining(['event', 'tx', 'rx']))
    expect(log.filter((e) => e.dir === 'tx').map((e) => Buffer.from(e.hex, 'hex').toString()).join('')).toBe('ping\r\n')
  })

  it('notices the cable pulled, then reattaches the same session when the same device comes back', async () => {
    const pair = await createPtyPair()
    cleanups.push(() => pair.close())
    const { manager, nextState } = testManager({ pollMs: 50 })
    manager.start()
    cleanups.push(() => manager.stop())
    const session = await manager.open(pair.app, SERIAL_8N1, 'terminal')
    const states: string[] = []
    session.onState((s) => states.push(s))

    const disconnected = nextState(pair.app, 'disconnected')
    pair.pull()
    await disconnected
    expect(session.state).toBe('disconnected')
    await expect(session.write(new Uint8Array([1]))).rejects.toMatchObject({ code: 'portDisconnected' })

    const reconnected = nextState(pair.app, 'reconnected')
    pair.replug()
    await reconnected
    expect(session.state).toBe('open')
    expect(states).toEqual(['disconnected', 'reconnected'])

    const device = await new NodeSerialOpener().open(pair.device, SERIAL_8N1)
    cleanups.push(() => device.close())
    const atDevice = collect(device)
    await session.write(new TextEncoder().encode('back'))
    expect(await atDevice.next(4)).toBe('back')
    const events = manager.trafficLog(pair.app).since(-1, 100).filter((e) => e.dir === 'event').map((e) => e.hex)
    expect(events).toEqual(['open', 'disconnected', 'reconnected'])
  })

  it('does not reattach to a different pseudo-terminal behind the same path, and says so once; the same one back reattaches', async () => {
    const pair = await createPtyPair()
    const stranger = await createPtyPair()
    cleanups.push(() => pair.close(), () => stranger.close())
    const strangerTarget = realpathSync(stranger.app)
    const { manager, nextState } = testManager({ pollMs: 20 })
    manager.start()
    cleanups.push(() => manager.stop())
    const session = await manager.open(pair.app, SERIAL_8N1, 'terminal')
    const changes: string[] = []
    const told = new Promise<void>((resolve) =>
      session.onState((state, change) => {
        if (state !== 'differentDevice') return
        changes.push(change ?? '')
        resolve()
      }),
    )
    const disconnected = nextState(pair.app, 'disconnected')
    pair.pull()
    await disconnected

    symlinkSync(strangerTarget, pair.app)
    await told
    for (let i = 0; i < 3; i++) await manager.poll()
    expect(session.state).toBe('disconnected')
    expect(changes).toHaveLength(1)
    expect(changes[0]).toContain(`now ${strangerTarget}`)
    // the stranger's own end heard nothing from us
    const atStranger = await new NodeSerialOpener().open(stranger.device, SERIAL_8N1)
    cleanups.push(() => atStranger.close())
    const heard = collect(atStranger)
    await expect(session.write(new Uint8Array([1]))).rejects.toMatchObject({ code: 'portDisconnected' })

    const reconnected = nextState(pair.app, 'reconnected')
    unlinkSync(pair.app)
    pair.replug()
    await reconnected
    expect(session.state).toBe('open')
    expect(heard.bytes()).toBe('')
    const events = manager.trafficLog(pair.app).since(-1, 100).filter((e) => e.dir === 'event').map((e) => e.hex)
    expect(events).toEqual(['open', 'disconnected', 'differentDevice', 'reconnected'])
  })

  it('a new socat pair on the same link, after the far end died, is another device', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fieldbench-replaced-'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    const pair = await createPtyPair({ dir })
    const { manager, nextState } = testManager({ pollMs: 20 })
    manager.start()
    cleanups.push(() => manager.stop())
    const session = await manager.open(pair.app, SERIAL_8N1, 'terminal')
    const told = new Promise<void>((resolve) => session.onState((state) => state === 'differentDevice' && resolve()))
    const disconnected = nextState(pair.app, 'disconnected')
    await pair.close()
    await disconnected

    const replacement = await createPtyPair({ dir })
    cleanups.push(() => replacement.close())
    await told
    for (let i = 0; i < 3; i++) await manager.poll()
    expect(session.state).toBe('disconnected')
  })

  it('a link left behind by a crashed socat, resolving to a reused /dev/pts number, is another device', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fieldbench-leftover-'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    const pair = await createPtyPair({ dir })
    const target = realpathSync(pair.app)
    const { manager, nextState } = testManager({ pollMs: 20 })
    manager.start()
    cleanups.push(() => manager.stop())
    const session = await manager.open(pair.app, SERIAL_8N1, 'terminal')
    const told = new Promise<void>((resolve) => session.onState((state) => state === 'differentDevice' && resolve()))
    const disconnected = nextState(pair.app, 'disconnected')
    await pair.crash()
    await disconnected
    expect(existsSync(pair.app)).toBe(false)

    // the kernel hands out the lowest free number: new pairs soon take the dead one's
    for (let tries = 0; !existsSync(pair.app); tries++) {
      if (tries === 16) throw new Error(`no new pseudo-terminal took ${target}`)
      const newcomer = await createPtyPair()
      cleanups.push(() => newcomer.close())
    }
    expect(realpathSync(pair.app)).toBe(target)
    await told
    for (let i = 0; i < 3; i++) await manager.poll()
    expect(session.state).toBe('disconnected')
  })

  it('treats a port gone from the OS list as unplugged even when the driver says nothing', async () => {
    const listed: ListedPort[] = [{ path: 'COM7', vendorId: '0403', productId: '6001', serialNumber: 'FT1' }]
    const pair = new MemoryLinkPair('COM7')
    const opener: PortOpener = { open: async () => pair.host }
    const { manager, nextState } = testManager({ opener, lister: { list: async () => listed }, pollMs: 30 })
    manager.start()
    cleanups.push(() => manager.stop())
    const session = await manager.open('COM7', SERIAL_8N1, 'terminal')
    const gone = nextState('COM7', 'disconnected')
    listed.length = 0
    await gone
    expect(session.state).toBe('disconnected')
  })

  it('does not reattach when a different adapter appears under the same name', async () => {
    const listed: ListedPort[] = [{ path: 'COM7', vendorId: '0403', productId: '6001', serialNumber: 'FT1' }]
    let opens = 0
    const opener: PortOpener = {
      open: async () => {
        opens++
        return new MemoryLinkPair('COM7').host
      },
    }
    const { manager, nextState } = testManager({ opener, lister: { list: async () => listed }, pollMs: 30 })
    await manager.poll()
    manager.start()
    cleanups.push(() => manager.stop())
    await manager.open('COM7', SERIAL_8N1, 'terminal')
    const gone = nextState('COM7', 'disconnected')
    listed.length = 0
    await gone
    listed.push({ path: 'COM7', vendorId: '1a86', productId: '7523', serialNumber: 'OTHER' })
    await manager.poll()
    await manager.poll()
    expect(opens).toBe(1)
    listed[0] = { path: 'COM7', vendorId: '0403', productId: '6001', serialNumber: 'FT1' }
    const back = nextState('COM7', 'reconnected')
    await manager.poll()
    await back
    expect(opens).toBe(2)
  })

  it('pushes traffic to the UI in batches, never one message per chunk', async () => {
    const pair = new MemoryLinkPair('sim')
    const { manager, batches, untilTraffic } = testManager({ opener: { open: async () => pair.host } })
    cleanups.push(() => manager.stop())
    const session = await manager.open('sim:x', SERIAL_8N1, 'terminal')
    for (let i = 0; i < 200; i++) await session.write(new Uint8Array([i]))
    await untilTraffic(201)
    expect(batches.length).toBeLessThanOrEqual(3)
    expect(batches.flatMap((b) => b.entries).filter((e) => e.dir === 'tx')).toHaveLength(200)
  })

  it('refuses /dev/null, a folder or a regular file as a port, to open or to add by path, and changes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fieldbench-notaport-'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    const file = join(dir, 'notes.txt')
    writeFileSync(file, 'x')
    const { manager } = testManager()
    cleanups.push(() => manager.stop())
    const before = await manager.list(true)
    for (const path of ['/dev/null', dir, file]) {
      await expect(manager.open(path, SERIAL_8N1, 'terminal')).rejects.toMatchObject({ code: 'portNotSerial', params: { path } })
      await expect(manager.addManual(path)).rejects.toMatchObject({ code: 'portNotSerial', params: { path } })
      expect(manager.session(path)).toBeUndefined()
    }
    expect(await manager.list(true)).toEqual(before)
  })

  it('reports a port that cannot be opened with a code, and leaves nothing behind', async () => {
    const { manager } = testManager()
    cleanups.push(() => manager.stop())
    const error = await manager.open('/dev/does-not-exist-fieldbench', SERIAL_8N1, 'terminal').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('portOpenFailed')
    expect(manager.session('/dev/does-not-exist-fieldbench')).toBeUndefined()
  })
})

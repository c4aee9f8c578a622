import { afterEach, describe, expect, it } from 'vitest'
import { VirtualClock } from '../../core/clock'
import type { SerialLink } from './link'
import { MemoryLinkPair } from './memory-link'
import { RequestChannel, type StreamDecoder } from './request-channel'
import { SERIAL_8N1, testManager } from './test-support'

/** Lines of ASCII, for exercising the channel without any device protocol. */
class LineDecoder implements StreamDecoder<string> {
  private buffer = ''
  push(chunk: Uint8Array): string[] {
    this.buffer += Buffer.from(chunk).toString('latin1')
    const lines = this.buffer.split('\n')
    this.buffer = lines.pop() ?? ''
    return lines
  }
  reset(): void {
    this.buffer = ''
  }
}

const enc = (s: string) => new TextEncoder().encode(s)
const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function setup(clock?: VirtualClock) {
  const pair = new MemoryLinkPair('mem')
  const { manager } = testManager({ opener: { open: async () => pair.host } })
  cleanups.push(() => manager.stop())
  const session = await manager.open('mem', SERIAL_8N1, 'test')
  const channel = new RequestChannel(session, new LineDecoder(), clock)
  return { pair, device: pair.device as SerialLink, channel, session }
}

describe('RequestChannel', () => {
  it('matches answers to requests and hands everything else to subscribers', async () => {
    const { device, channel } = await setup()
    const unsolicited: string[] = []
    channel.onMessage((m) => unsolicited.push(m))
    device.onData((chunk) => {
      const cmd = Buffer.from(chunk).toString().trim()
      // a report arrives between the request and its answer
      void device.write(enc(`door 3 closed\n${cmd}=ok\n`))
    })
    const answer = await channel.request({ bytes: enc('relay1\n'), match: (m) => m.startsWith('relay1='), timeoutMs: 1000 })
    expect(answer.message).toBe('relay1=ok')
    expect(answer.roundTripMs).toBeGreaterThanOrEqual(0)
    expect(unsolicited).toEqual(['door 3 closed'])
  })

  it('puts one request on the wire at a time', async () => {
    const { device, channel } = await setup()
    const onWire: string[] = []
    device.onData((chunk) => {
      const cmd = Buffer.from(chunk).toString().trim()
      onWire.push(cmd)
      // answers only the first one it saw, later: the second must not be written before that
      if (cmd === 'a') queueMicrotask(() => void device.write(enc('a=1\n')))
      if (cmd === 'b') void device.write(enc('b=2\n'))
    })
    const first = channel.request({ bytes: enc('a\n'), match: (m) => m.startsWith('a='), timeoutMs: 1000 })
    const second = channel.request({ bytes: enc('b\n'), match: (m) => m.startsWith('b='), timeoutMs: 1000 })
    expect((await first).message).toBe('a=1')
    expect(onWire).toEqual(['a'])
    expect((await second).message).toBe('b=2')
    expect(onWire).toEqual(['a', 'b'])
  })

  it('times out and measures round trips on the clock it is given: a minute of waiting costs no real time', async () => {
    const clock = new VirtualClock(0)
    const { device, channel } = await setup(clock)
    const written: string[] = []
    let wrote: () => void = () => undefined
    device.onData((chunk) => {
      written.push(Buffer.from(chunk).toString().trim())
      wrote()
    })
    const arrived = () => new Promise<void>((resolve) => (wrote = resolve))
    let onWire = arrived()
    let settled = false
    const silent = channel.request({ bytes: enc('reboot\n'), match: (m) => m === 'reboot=ok', timeoutMs: 60_000 })
    void silent.catch(() => undefined).finally(() => (settled = true))
    await onWire
    clock.advance(59_999)
    await Promise.resolve()
    expect(settled).toBe(false)
    clock.advance(1)
    await expect(silent).rejects.toMatchObject({ code: 'timeout', params: { ms: 60_000 } })
    onWire = arrived()
    const answered = channel.request({ bytes: enc('relay1\n'), match: (m) => m === 'relay1=ok', timeoutMs: 60_000 })
    await onWire
    clock.advance(250)
    await device.write(enc('relay1=ok\n'))
    expect((await answered).roundTripMs).toBe(250)
    expect(written).toEqual(['reboot', 'relay1'])
  })

  it('times out without resending, and a late answer goes to subscribers instead', async () => {
    const { device, channel } = await setup()
    const seen: string[] = []
    device.onData((chunk) => seen.push(Buffer.from(chunk).toString().trim()))
    const late: string[] = []
    channel.onMessage((m) => late.push(m))
    await expect(channel.request({ bytes: enc('relays off\n'), match: (m) => m === 'off=ok', timeoutMs: 30 })).rejects.toMatchObject({ code: 'timeout' })
    expect(seen).toEqual(['relays off'])
    const delivered = new Promise<void>((resolve) => channel.onMessage(() => resolve()))
    await device.write(enc('off=ok\n'))
    await delivered
    expect(late).toEqual(['off=ok'])
    expect(seen).toEqual(['relays off'])
  })

  it('fails the request in flight when the cable is pulled', async () => {
    const { pair, channel } = await setup()
    const pending = channel.request({ bytes: enc('x\n'), match: () => true, timeoutMs: 5000 })
    pair.disconnect()
    await expect(pending).rejects.toMatchObject({ code: 'portDisconnected' })
  })
})

import { afterEach, describe, expect, it } from 'vitest'
import type { LinkCloseReason } from './link'
import { NodeSerialOpener } from './node-serial'
import { createPtyPair } from './pty-pair'
import { SERIAL_8N1 } from './test-support'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

describe('a real port whose line hangs up', () => {
  it('closes as disconnected when the other end of the pseudo-terminal goes, instead of reading end-of-file forever', async () => {
    const pair = await createPtyPair()
    cleanups.push(() => pair.close())
    const device = await new NodeSerialOpener().open(pair.device, SERIAL_8N1)
    cleanups.push(() => device.close())
    const closed = new Promise<LinkCloseReason>((resolve) => device.onClose(resolve))
    await pair.close()
    expect(await closed).toBe('disconnected')
    expect(device.isOpen).toBe(false)
  })

  it('still delivers bytes in both directions', async () => {
    const pair = await createPtyPair()
    cleanups.push(() => pair.close())
    const opener = new NodeSerialOpener()
    const app = await opener.open(pair.app, SERIAL_8N1)
    const device = await opener.open(pair.device, SERIAL_8N1)
    cleanups.push(() => app.close(), () => device.close())
    const received = new Promise<string>((resolve) => {
      let text = ''
      device.onData((chunk) => {
        text += Buffer.from(chunk).toString()
        if (text.length >= 5) resolve(text)
      })
    })
    await app.write(new TextEncoder().encode('hello'))
    expect(await received).toBe('hello')
  })
})

import { describe, expect, it } from 'vitest'
import { testBlock } from '../../core/modules/link-check-job'
import { MemoryLinkPair } from './memory-link'

describe('MemoryLinkPair', () => {
  it('streams bytes in order at the line rate, in slices, like a UART', async () => {
    const pair = new MemoryLinkPair('m', { baudRate: 115200 })
    pair.device.onData((chunk) => void pair.device.write(chunk))
    const block = testBlock(8192)
    const received: number[] = []
    const chunks: number[] = []
    const done = new Promise<void>((resolve) =>
      pair.host.onData((chunk) => {
        chunks.push(chunk.length)
        received.push(...chunk)
        if (received.length >= block.length) resolve()
      }),
    )
    for (let at = 0; at < block.length; at += 1000) await pair.host.write(block.subarray(at, at + 1000))
    await done
    expect(Buffer.from(received).equals(Buffer.from(block))).toBe(true)
    expect(Math.max(...chunks)).toBeLessThanOrEqual(47)
  })

  it('loses what is on the wire when the cable is pulled', async () => {
    const pair = new MemoryLinkPair('m', { baudRate: 9600 })
    const reasons: string[] = []
    pair.host.onClose((r) => reasons.push(r))
    let got = 0
    pair.device.onData((c) => (got += c.length))
    await pair.host.write(new Uint8Array(1000))
    pair.disconnect()
    expect(reasons).toEqual(['disconnected'])
    await expect(pair.host.write(new Uint8Array(1))).rejects.toMatchObject({ code: 'portNotOpen' })
    expect(got).toBe(0)
  })
})

import { describe, expect, it } from 'vitest'
import { SERIAL_8N1 } from '../../transport/serial/test-support'
import { testCorePerTest } from '../test-core'

describe('ports module', () => {
  const core = testCorePerTest()

  const path = 'sim:loopback'

  it('sends from the terminal only on a port the terminal opened', async () => {
    const c = await core()
    await c.handlers.startDemo(undefined)
    const send = { path, encoding: 'ascii', text: 'AT', lineEnding: 'none' } as const
    await expect(c.handlers.sendTerminal(send)).rejects.toMatchObject({ code: 'portNotOpen', params: { path } })
    await c.ports.open(path, SERIAL_8N1, 'linkCheck#1')
    await expect(c.handlers.sendTerminal(send)).rejects.toMatchObject({ code: 'portBusy', params: { path, owner: 'linkCheck#1' } })
    await c.ports.close(path, 'linkCheck#1')
  })

  it('sends hex or text with its line ending, and refuses bad hex or nothing at all', async () => {
    const c = await core()
    await c.handlers.startDemo(undefined)
    await c.handlers.openTerminal({ path, settings: SERIAL_8N1 })
    expect(await c.handlers.sendTerminal({ path, encoding: 'hex', text: '41 42', lineEnding: 'crlf' })).toEqual({ bytes: 4 })
    expect(await c.handlers.sendTerminal({ path, encoding: 'ascii', text: 'AT', lineEnding: 'cr' })).toEqual({ bytes: 3 })
    const sentBefore = (await c.handlers.getTraffic({ path, afterSeq: -1, limit: 2000 })).entries.filter((e) => e.dir === 'tx').length
    // said as what it is, not as a refused field: nothing of it goes out
    for (const text of ['4G', '414', '0x41']) {
      await expect(c.handlers.sendTerminal({ path, encoding: 'hex', text, lineEnding: 'none' })).rejects.toMatchObject({ code: 'terminalNotHex' })
    }
    expect((await c.handlers.getTraffic({ path, afterSeq: -1, limit: 2000 })).entries.filter((e) => e.dir === 'tx')).toHaveLength(sentBefore)
    await expect(c.handlers.sendTerminal({ path, encoding: 'ascii', text: '', lineEnding: 'none' })).rejects.toMatchObject({ code: 'invalidInput', params: { reason: 'empty' } })
    const exported = await c.handlers.exportTraffic({ path, format: 'csv' })
    expect(exported).toMatchObject({ fileName: 'fieldbench-traffic-sim_loopback.csv', mime: 'text/csv', base64: false })
    await c.handlers.closeTerminal({ path })
  })
})

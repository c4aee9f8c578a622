import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '@shared/contract'
import { decodeIni } from '@shared/devices/ups/encoding'
import { gbkBytes, multiLine, seedBytes } from './test-files'
import { readProtocolFile, saveProtocolEdits, unitOf } from './files'
import { defaultFraming, framingPathFor, parseFraming } from './framing'

const CORRECTED = resolve(import.meta.dirname, '../../../../resources/ups/ups-rs232-protocol.zh.ini')
let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fieldbench-ups-files-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const code = (fn: () => unknown) => {
  try {
    fn()
  } catch (err) {
    return err instanceof AppError ? [err.code, err.params] : err
  }
  return 'no error'
}

describe('UPS protocol files on disk', () => {
  it('reads the shipped file with the shipped framing beside it', async () => {
    const file = await readProtocolFile(CORRECTED)
    expect(file.framingPath).toBe(CORRECTED.replace(/\.ini$/, '.framing.json'))
    expect(file.framing).toEqual(defaultFraming)
    expect(file.findings).toEqual([])
    expect(unitOf(file.protocol.values[0]!, file.framing)).toEqual({ scale: 0.1, unit: 'V' })
  })

  it('takes units, scales and the data encoding from the profile beside the file', async () => {
    const ini = join(dir, 'binary.ini')
    copyFileSync(CORRECTED, ini)
    const framing = { ...defaultFraming, reply: { ...defaultFraming.reply, data: 'binary' }, values: { 'cmd-1': { scale: 1, unit: 'kV' } } }
    writeFileSync(framingPathFor(ini), JSON.stringify(framing))
    const file = await readProtocolFile(ini)
    expect(unitOf(file.protocol.values[0]!, file.framing)).toEqual({ scale: 1, unit: 'kV' })
    expect(unitOf(file.protocol.values[1]!, file.framing)).toEqual({ scale: 0.1, unit: 'V' })
    // Len=4 of a WORD counts hex digits: with binary data it no longer fits
    expect(new Set(file.findings.map((f) => f.code))).toEqual(new Set(['lenType']))
  })

  it('refuses a framing profile that is not JSON or has a wrong field, naming the field', () => {
    expect(code(() => parseFraming('{'))).toEqual(['upsFramingNotJson', {}])
    expect(code(() => parseFraming(JSON.stringify({ ...defaultFraming, line: { ...defaultFraming.line, parity: 'mark' } })))).toEqual(['upsFramingInvalid', { field: 'line.parity' }])
    expect(code(() => parseFraming(JSON.stringify({ ...defaultFraming, reply: { ...defaultFraming.reply, terminator: '', length: undefined } })))).toEqual(['upsFramingInvalid', { field: 'reply.terminator' }])
  })

  it('saves corrections in place in GBK and keeps the rest byte for byte; a refused edit leaves the file as it was', async () => {
    const ini = join(dir, 'gbk.ini')
    const text = multiLine(decodeIni(seedBytes()).text, '\r\n')
    const original = gbkBytes(text)
    writeFileSync(ini, original)
    await saveProtocolEdits(ini, [{ section: 'cmd-2', key: 'Index', value: '4' }])
    const saved = readFileSync(ini)
    expect(decodeIni(saved)).toEqual({ text: text.replace('[cmd-2]\r\nSendCmd=01\r\nIndex=13', '[cmd-2]\r\nSendCmd=01\r\nIndex=4'), encoding: 'gbk' })
    await expect(saveProtocolEdits(ini, [{ section: 'CMD', key: 'cmd-1', value: '😀' }])).rejects.toMatchObject({ code: 'upsNotEncodable' })
    await expect(saveProtocolEdits(ini, [{ section: 'cmd-1', key: 'Sbit', value: '1' }])).rejects.toMatchObject({ code: 'upsEditRefused' })
    expect(readFileSync(ini)).toEqual(saved)
    await expect(readProtocolFile(join(dir, 'missing.ini'))).rejects.toMatchObject({ code: 'upsFileUnreadable' })
  })
})

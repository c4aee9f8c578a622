import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { type InvokeResult, UPS_FILE_MAX_BYTES, type UpsFramingIssue, type UpsProtocolDocument, type UpsSaveResult } from '@shared/contract'
import { decodeIni } from '@shared/devices/ups/encoding'
import { loadProtocol } from '@shared/devices/ups/lint'
import { dispatch } from '../../core/dispatch'
import { type Core } from '../../core/core'
import { testCorePerTest } from '../../core/test-core'
import { MemoryLogger } from '../../log/logger'
import { defaultFraming, framingPathFor } from './framing'
import { CORRECTED_PATH, gbkBytes, multiLine, seedBytes } from './test-files'

const core = testCorePerTest({ languages: ['en'] })

async function call<T>(c: Core, method: string, payload?: unknown): Promise<InvokeResult<T>> {
  return (await dispatch(c.handlers, method as never, payload, new MemoryLogger())) as InvokeResult<T>
}
async function value<T>(c: Core, method: string, payload?: unknown): Promise<T> {
  const r = await call<T>(c, method, payload)
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`)
  return r.value
}
const errorOf = async (c: Core, method: string, payload?: unknown) => {
  const r = await call(c, method, payload)
  return r.ok ? 'no error' : r.error.code
}
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')
const seedText = decodeIni(seedBytes()).text

describe('UPS protocol files through the contract: opening', () => {
  it('opens the shipped corrected file with its framing, and the maker’s seed with the default framing', async () => {
    const c = await core()
    const corrected = await value<UpsProtocolDocument>(c, 'upsFilesOpenBundled', { which: 'corrected' })
    expect(corrected).toMatchObject({ origin: 'corrected', encoding: 'utf-8', framingBeside: true, framing: defaultFraming })
    expect(corrected.text).toBe(readFileSync(CORRECTED_PATH, 'utf8'))
    const seed = await value<UpsProtocolDocument>(c, 'upsFilesOpenBundled', { which: 'seed' })
    expect(seed).toMatchObject({ origin: 'seed', framingBeside: false, sizeBytes: seedBytes().length })
    expect(seed.text).toBe(seedText)
    expect(seed.savePath.startsWith(join(c.platform.dataDir, 'ups-files'))).toBe(true)
  })

  it('refuses a bad path, a file too large, a folder and a file that is not a protocol file, naming the file', async () => {
    const c = await core()
    const dir = join(c.platform.dataDir, 'in')
    mkdirSync(join(dir, 'folder.ini'), { recursive: true })
    writeFileSync(join(dir, 'big.ini'), Buffer.alloc(UPS_FILE_MAX_BYTES + 1, 0x20))
    writeFileSync(join(dir, 'other.ini'), '[General]\nname=not a UPS\n')
    writeFileSync(join(dir, 'notes.txt'), seedText)
    expect(await errorOf(c, 'upsFilesOpenPath', { path: 'relative/file.ini' })).toBe('upsFilePathNotAbsolute')
    expect(await errorOf(c, 'upsFilesOpenPath', { path: join(dir, 'notes.txt') })).toBe('upsFileNotIni')
    expect(await errorOf(c, 'upsFilesOpenPath', { path: join(dir, 'folder.ini') })).toBe('upsFileNotRegular')
    expect(await errorOf(c, 'upsFilesOpenPath', { path: join(dir, 'missing.ini') })).toBe('upsFileUnreadable')
    expect(await call(c, 'upsFilesOpenPath', { path: join(dir, 'big.ini') })).toMatchObject({ ok: false, error: { code: 'upsFileTooLarge', params: { size: UPS_FILE_MAX_BYTES + 1, max: UPS_FILE_MAX_BYTES } } })
    expect(await errorOf(c, 'upsFilesOpenPath', { path: join(dir, 'other.ini') })).toBe('upsNotProtocolFile')
    expect(await errorOf(c, 'upsFilesUpload', { name: 'bin.ini', base64: b64(new Uint8Array([0x5b, 0x43, 0x4d, 0x44, 0x5d, 0, 1])) })).toBe('upsNotProtocolFile')
    expect(await errorOf(c, 'upsFilesUpload', { name: 'notes.txt', base64: b64(seedBytes()) })).toBe('upsFileNotIni')
    expect(await errorOf(c, 'upsFilesUpload', { name: 'x.ini', base64: 'A'.repeat(4 * 1024 * 1024) })).toBe('invalidInput')
  })

  it('has no file dialog in browser mode, and says so', async () => {
    expect(await errorOf(await core(), 'upsFilesPick')).toBe('upsNoFileDialog')
  })
})

describe('UPS protocol files through the contract: saving', () => {
  it('saves the seed unchanged byte for byte, and a change alters only that value’s line', async () => {
    const c = await core()
    const seed = await value<UpsProtocolDocument>(c, 'upsFilesOpenBundled', { which: 'seed' })
    const same = await value<UpsSaveResult>(c, 'upsFilesSave', { docId: seed.docId, edits: [], framing: seed.framing })
    expect(new Uint8Array(readFileSync(same.savedPath))).toEqual(seedBytes())
    const crlf = multiLine(seedText, '\r\n')
    const upload = await value<UpsProtocolDocument>(c, 'upsFilesUpload', { name: 'C:\\maker\\ups gbk.ini', base64: b64(gbkBytes(crlf)) })
    expect(upload).toMatchObject({ fileName: 'ups_gbk.ini', encoding: 'gbk', text: crlf })
    const framing = { ...upload.framing, values: { 'cmd-2': { scale: 0.1, unit: 'kV' } } }
    const saved = await value<UpsSaveResult>(c, 'upsFilesSave', { docId: upload.docId, edits: [{ section: 'cmd-2', key: 'Index', value: '4' }], framing })
    const before = crlf.split('\r\n')
    const after = decodeIni(readFileSync(saved.savedPath))
    expect(after.encoding).toBe('gbk')
    const lines = after.text.split('\r\n')
    expect(lines.flatMap((l, i) => (l === before[i] ? [] : [[before[i], l]]))).toEqual([['Index=13', 'Index=4']])
    expect(JSON.parse(readFileSync(saved.framingPath, 'utf8')).values).toEqual({ 'cmd-2': { scale: 0.1, unit: 'kV' } })
    expect(saved.document).toMatchObject({ origin: 'disk', savePath: saved.savedPath, framingBeside: true, text: after.text })
    expect(loadProtocol(saved.document.text).protocol.values[1]!.index).toBe(4)
    // the saved copy opens from disk with its profile, and saves in place
    const reopened = await value<UpsProtocolDocument>(c, 'upsFilesOpenPath', { path: saved.savedPath })
    expect(reopened.framing.values).toEqual(framing.values)
  })

  it('refuses a wrong framing profile or an edit that breaks the file, and writes nothing', async () => {
    const c = await core()
    const seed = await value<UpsProtocolDocument>(c, 'upsFilesOpenBundled', { which: 'seed' })
    const bad = { ...seed.framing, line: { ...seed.framing.line, baud: 12 } }
    expect(await call(c, 'upsFilesSave', { docId: seed.docId, edits: [], framing: bad })).toMatchObject({ ok: false, error: { code: 'upsFramingInvalid', params: { field: 'line.baud' } } })
    expect(await errorOf(c, 'upsFilesSave', { docId: seed.docId, edits: [{ section: 'cmd-1', key: 'Sbit', value: '1' }], framing: seed.framing })).toBe('upsEditRefused')
    expect(await errorOf(c, 'upsFilesSave', { docId: seed.docId, edits: [{ section: 'cmd-1', key: 'Index', value: '4 [cmd-9]' }], framing: seed.framing })).toBe('upsEditRefused')
    expect(existsSync(seed.savePath)).toBe(false)
    expect(existsSync(framingPathFor(seed.savePath))).toBe(false)
    expect(await errorOf(c, 'upsFilesSave', { docId: 'gone', edits: [], framing: seed.framing })).toBe('upsDocumentGone')
  })
})

describe('UPS framing profile check', () => {
  it('gives each wrong field with a reason the editor can word', async () => {
    const c = await core()
    const f = defaultFraming
    const issues = (framing: unknown) => value<UpsFramingIssue[]>(c, 'upsFilesCheckFraming', { framing })
    expect(await issues(f)).toEqual([])
    expect(
      await issues({
        ...f,
        line: { baud: 100, dataBits: 9, parity: 'mark' },
        request: { ...f.request, prefix: '7' },
        reply: { ...f.reply, terminator: '', length: undefined, timeoutMs: 'fast' },
        extra: 1,
      }),
    ).toEqual([
      { field: 'line.baud', reason: 'tooSmall', params: { min: 300 } },
      { field: 'line.dataBits', reason: 'notOneOf', params: { allowed: '7, 8' } },
      { field: 'line.parity', reason: 'notOneOf', params: { allowed: 'none, even, odd' } },
      { field: 'line.stopBits', reason: 'required', params: {} },
      { field: 'request.prefix', reason: 'notHex', params: {} },
      { field: 'reply.timeoutMs', reason: 'notNumber', params: {} },
      { field: 'extra', reason: 'unknownField', params: {} },
    ])
    expect(await issues({ ...f, reply: { ...f.reply, terminator: '', length: undefined } })).toEqual([{ field: 'reply.terminator', reason: 'needEnd', params: {} }])
    expect(await issues({ ...f, line: { ...f.line, baud: 9600.5 } })).toEqual([{ field: 'line.baud', reason: 'notWhole', params: {} }])
  })
})

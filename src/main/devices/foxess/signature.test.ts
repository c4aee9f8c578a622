import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { sign, signatureText, signaturesEqual } from './signature'

/**
 * Expected values computed with the document's Python sample itself:
 *   signature = fr'{path}\r\n{token}\r\n{timestamp}'
 *   hashlib.md5(signature.encode(encoding='UTF-8')).hexdigest()
 */
const SAMPLE_VECTORS = [
  ['/op/v0/device/real/query', 'abcd1234-ef56-7890-abcd-ef1234567890', 1703548800000, 'b4b719efb7a6332eaada787ea9545051'],
  ['/op/v0/plant/list', 'k', 1700000000123, '10205623717f07a2fc06aab8c9915a9d'],
  ['/op/v1/device/real/query', '测试key', 1732185600000, '8aeabe4dfabeb563adfd1c1fd7cf57e2'],
] as const

describe('open API signature', () => {
  for (const [path, token, timestamp, expected] of SAMPLE_VECTORS) {
    it(`matches the Python sample for ${path}`, () => {
      expect(sign(path, token, timestamp)).toBe(expected)
      expect(sign(path, token, String(timestamp))).toBe(expected)
    })
  }

  it('joins with the four characters \\r\\n, not CR LF, as the raw f-string does', () => {
    const text = signatureText('/p', 't', 1)
    expect(text).toBe('/p\\r\\nt\\r\\n1')
    expect(text).not.toContain('\r')
    expect(text.length).toBe('/p'.length + 4 + 1 + 4 + 1)
  })

  it('differs from the prose reading (CR LF, full URL)', () => {
    const [path, token, timestamp, expected] = SAMPLE_VECTORS[0]
    const crlf = createHash('md5').update(`${path}\r\n${token}\r\n${timestamp}`).digest('hex')
    expect(crlf).toBe('293426dabc566d761f7daa894b3acfc9')
    expect(crlf).not.toBe(expected)
    expect(sign(`https://www.foxesscloud.com${path}`, token, timestamp)).not.toBe(expected)
  })

  it('is lowercase hex of 32 characters', () => {
    expect(sign('/op/v0/user/getAccessCount', 'x', 0)).toMatch(/^[0-9a-f]{32}$/)
  })

  it('compares signatures without short-circuiting on length mismatch only', () => {
    expect(signaturesEqual('abc', 'abc')).toBe(true)
    expect(signaturesEqual('abc', 'abd')).toBe(false)
    expect(signaturesEqual('abc', 'abcd')).toBe(false)
  })
})

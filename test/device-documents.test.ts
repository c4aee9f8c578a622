import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from './locales'

const DIR = join(ROOT, 'docs/devices')

describe('device documents', () => {
  it('live in the repository, each one described in docs/devices/README.md', () => {
    const readme = readFileSync(join(DIR, 'README.md'), 'utf8')
    const documents = readdirSync(DIR).filter((f) => f !== 'README.md')
    const described = [...readme.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1])
    expect(documents.sort()).toEqual(described.sort())
    expect(documents).toHaveLength(5)
  })

  it('are kept byte for byte: git never rewrites their line endings', () => {
    expect(readFileSync(join(ROOT, '.gitattributes'), 'utf8')).toMatch(/^docs\/devices\/\*\* -text$/m)
  })
})

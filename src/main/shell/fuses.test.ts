import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../../..')

/**
 * The `electronFuses` block of electron-builder.yml, read line by line: a
 * top-level key followed by indented `name: true|false` lines. Anything else
 * inside the block fails the test rather than being guessed at, so the check
 * cannot pass on a file it did not understand.
 */
function packagedFuses(yaml: string): Record<string, boolean> {
  const lines = yaml.split(/\r?\n/)
  const start = lines.findIndex((line) => /^electronFuses:\s*$/.test(line))
  if (start < 0) throw new Error('electron-builder.yml has no top-level electronFuses block')
  if (lines.findIndex((line, index) => index > start && /^electronFuses:/.test(line)) >= 0) throw new Error('electronFuses appears twice')
  const fuses: Record<string, boolean> = {}
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break
    if (/^\s*(#.*)?$/.test(line)) continue
    const match = /^ {2}([A-Za-z]+): (true|false)\s*(#.*)?$/.exec(line)
    if (!match) throw new Error(`cannot read this electronFuses line: ${line}`)
    const [, name, value] = match
    if (Object.hasOwn(fuses, name!)) throw new Error(`fuse ${name} is set twice`)
    fuses[name!] = value === 'true'
  }
  return fuses
}

/** The fuse names electron-builder itself accepts (its JSON schema refuses others, but only at packaging time). */
function knownFuseNames(): string[] {
  const scheme = JSON.parse(readFileSync(join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as {
    definitions: { FuseOptionsV1: { properties: Record<string, unknown> } }
  }
  return Object.keys(scheme.definitions.FuseOptionsV1.properties)
}

describe('Electron fuses in the packaged app', () => {
  const fuses = packagedFuses(readFileSync(join(root, 'electron-builder.yml'), 'utf8'))

  it('names only fuses electron-builder knows', () => {
    const known = knownFuseNames()
    for (const name of Object.keys(fuses)) expect(known, name).toContain(name)
  })

  it('turns off every way to run the binary as a plain Node or to attach a debugger', () => {
    expect(fuses.runAsNode).toBe(false)
    expect(fuses.enableNodeOptionsEnvironmentVariable).toBe(false)
    expect(fuses.enableNodeCliInspectArguments).toBe(false)
  })

  it('encrypts cookies, and loads only the app archive, validated', () => {
    expect(fuses.enableCookieEncryption).toBe(true)
    expect(fuses.enableEmbeddedAsarIntegrityValidation).toBe(true)
    expect(fuses.onlyLoadAppFromAsar).toBe(true)
  })

  it('gives file:// pages no extra privileges (the app is served from app://)', () => {
    expect(fuses.grantFileProtocolExtraPrivileges).toBe(false)
  })

  it('reads the block strictly', () => {
    expect(packagedFuses('a: 1\nelectronFuses:\n  runAsNode: false\n\n  # note\nmac:\n  x: true\n')).toEqual({ runAsNode: false })
    expect(() => packagedFuses('mac:\n  runAsNode: false\n')).toThrow(/no top-level/)
    expect(() => packagedFuses('electronFuses:\n  runAsNode: "false"\n')).toThrow(/cannot read/)
    expect(() => packagedFuses('electronFuses:\n  runAsNode: false\n  runAsNode: true\n')).toThrow(/twice/)
    expect(() => packagedFuses('electronFuses:\n    runAsNode: false\n')).toThrow(/cannot read/)
  })
})

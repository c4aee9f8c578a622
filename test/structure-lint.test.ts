import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'
import { directionViolation } from '../scripts/lint/module-direction.mjs'

describe('module direction', () => {
  it('lets a device build on the platform and on its own files', () => {
    expect(directionViolation('src/main/devices/cabinet/cabinet-test.ts', 'src/main/flows/recorded-job')).toBeNull()
    expect(directionViolation('src/main/devices/cabinet/cabinet-test.ts', 'src/main/devices/cabinet/client')).toBeNull()
    expect(directionViolation('src/main/devices/foxess/simulator/server.ts', 'src/main/devices/foxess/errno')).toBeNull()
    expect(directionViolation('src/main/devices/modules.ts', 'src/main/devices/foxess/module')).toBeNull()
  })

  it('lets only the core wiring take the device module list', () => {
    expect(directionViolation('src/main/core/core.ts', 'src/main/devices/modules')).toBeNull()
    expect(directionViolation('src/main/core/core.ts', 'src/main/devices/cabinet/module')).toBe('platformImportsDevice')
    expect(directionViolation('src/main/core/jobs.ts', 'src/main/devices/modules')).toBe('platformImportsDevice')
  })

  it('refuses the platform reaching into a device', () => {
    expect(directionViolation('src/main/flows/prompts.ts', 'src/main/devices/cabinet/cabinet-waits')).toBe('platformImportsDevice')
    expect(directionViolation('src/main/core/modules/records.ts', 'src/main/devices/foxess/store.ts')).toBe('platformImportsDevice')
  })

  it('refuses one device reaching into another', () => {
    expect(directionViolation('src/main/devices/evse/client.ts', 'src/main/devices/foxess/cloud-http')).toBe('deviceImportsOther')
    expect(directionViolation('src/main/devices/foxess/simulator/state.ts', 'src/main/devices/cabinet/codec')).toBe('deviceImportsOther')
    expect(directionViolation('src/main/devices/cabinet/module.ts', 'src/main/devices/modules')).toBe('deviceImportsOther')
  })

  it('is what lint reports for the repository configuration', async () => {
    const eslint = new ESLint({ cwd: process.cwd() })
    const lint = async (filePath: string, code: string) =>
      (await eslint.lintText(code, { filePath })).flatMap((r) => r.messages.map((m) => m.ruleId))
    const rule = 'fieldbench/module-direction'
    expect(await lint('src/main/flows/example.ts', "export { CabinetWaits } from '../devices/cabinet/cabinet-waits'\n")).toContain(rule)
    expect(await lint('src/main/devices/evse/example.ts', "import { ERRNO } from '../foxess/errno'\nexport const e = ERRNO\n")).toContain(rule)
    expect(await lint('src/main/devices/evse/example.ts', "export const m = import('../../core/module')\n")).not.toContain(rule)
  }, 60_000)

  it('keeps every source file within 400 lines', async () => {
    const eslint = new ESLint({ cwd: process.cwd() })
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `export const v${i} = ${i}`).join('\n') + '\n'
    const rules = async (code: string) => (await eslint.lintText(code, { filePath: 'src/main/core/example.ts' })).flatMap((r) => r.messages.map((m) => m.ruleId))
    expect(await rules(lines(400))).not.toContain('max-lines')
    expect(await rules(lines(401))).toContain('max-lines')
  }, 60_000)
})

import type { ESLint, Rule } from 'eslint'

export function directionViolation(from: string, target: string): 'platformImportsDevice' | 'deviceImportsOther' | null
export const moduleDirection: Rule.RuleModule
declare const plugin: ESLint.Plugin
export default plugin

export const ROOT: string
export const RUNTIME_DIR: string
export const PROVISIONED_PACKAGE: string
export const NEEDED: string
export function parseVersion(text: string | null | undefined): [number, number, number] | null
export function supportsApp(version: string | null | undefined): boolean
export function decide(state: { current: string; provisioned: string | null }): 'current' | 'provisioned' | 'provision'
export function nodeBinary(dir?: string, platform?: NodeJS.Platform): string
export function provisionedVersion(dir?: string): string | null
export function installHint(current: string, reason?: string): string
export function registryTarget(configText: string): { host: string; port: number }
export function probe(target: { host: string; port: number }, ms?: number): Promise<string | null>
export function provision(options?: {
  dir?: string
  npm?: string
  probeMs?: number
  env?: NodeJS.ProcessEnv
  onFetch?: () => void
}): Promise<{ ok: true } | { ok: false; reason: string; output: string }>
export function ensureNode(options?: { dir?: string }): Promise<string>
export function childEnv(node: string, env?: NodeJS.ProcessEnv): NodeJS.ProcessEnv
export function run(command: string, args: string[], node: string): Promise<number>
export function reexecIfTooOld(): Promise<void>

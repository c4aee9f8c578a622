export const INPUTS: string[]
export const OUTPUTS: string[]
export function staleReason(root: string): string | null
export function ensureBuilt(root: string): boolean

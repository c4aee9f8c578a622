import { safeStorage } from 'electron'
import type { SecretName } from '@shared/contract'
import { readJsonFile, writeJsonFileAtomic } from '../store/json-file'
import type { SecretBackend } from '../store/secrets'

/** Secrets encrypted by the OS keychain (Electron safeStorage, async API); only ciphertext touches the disk. */
export class SafeStorageBackend implements SecretBackend {
  readonly kind = 'safeStorage' as const

  constructor(private readonly file: string) {}

  async get(name: SecretName): Promise<string | undefined> {
    const cipher = this.readAll()[name]
    if (!cipher) return undefined
    const { result } = await safeStorage.decryptStringAsync(Buffer.from(cipher, 'base64'))
    return result || undefined
  }

  async set(name: SecretName, value: string): Promise<void> {
    const cipher = await safeStorage.encryptStringAsync(value)
    const all = this.readAll()
    all[name] = cipher.toString('base64')
    writeJsonFileAtomic(this.file, all, 0o600)
  }

  async delete(name: SecretName): Promise<void> {
    const all = this.readAll()
    delete all[name]
    writeJsonFileAtomic(this.file, all, 0o600)
  }

  private readAll(): Record<string, string> {
    const data = readJsonFile(this.file)
    return data && typeof data === 'object' ? { ...(data as Record<string, string>) } : {}
  }
}

import { statSync } from 'node:fs'
import { AppError, type SecretName, SecretNames, type SecretStatus } from '@shared/contract'
import type { Redactor } from '../log/redact'
import { readJsonFile, writeJsonFileAtomic } from './json-file'

/** Where secret values are kept. The renderer only ever learns whether one is set. */
export interface SecretBackend {
  readonly kind: 'safeStorage' | 'file'
  get(name: SecretName): Promise<string | undefined>
  set(name: SecretName, value: string): Promise<void>
  delete(name: SecretName): Promise<void>
}

export function envVarFor(name: SecretName): string {
  return `FIELDBENCH_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`
}

/**
 * A JSON file readable by its owner only (0600), for browser mode and the
 * CLI where there is no OS keychain. A file that others can read is refused.
 */
export class FileSecretBackend implements SecretBackend {
  readonly kind = 'file' as const

  constructor(private readonly file: string) {}

  async get(name: SecretName): Promise<string | undefined> {
    const all = this.readAll()
    const value = all[name]
    return typeof value === 'string' && value ? value : undefined
  }

  async set(name: SecretName, value: string): Promise<void> {
    const all = this.readAll()
    all[name] = value
    writeJsonFileAtomic(this.file, all, 0o600)
  }

  async delete(name: SecretName): Promise<void> {
    const all = this.readAll()
    delete all[name]
    writeJsonFileAtomic(this.file, all, 0o600)
  }

  private readAll(): Record<string, unknown> {
    try {
      const mode = statSync(this.file).mode
      if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
        throw new AppError('secretFilePermissions', { file: this.file, mode: (mode & 0o777).toString(8) })
      }
    } catch (err) {
      if (err instanceof AppError) throw err
      return {}
    }
    const data = readJsonFile(this.file)
    return data && typeof data === 'object' ? { ...(data as Record<string, unknown>) } : {}
  }
}

/**
 * Secrets for main only: values come from the environment first (read-only),
 * then from the backend. Every value seen is registered with the redactor, so
 * it is masked in logs, records and exports even if it slips into a message.
 */
export class SecretStore {
  constructor(
    private readonly backend: SecretBackend,
    private readonly redactor: Redactor,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** Registers every stored value with the redactor; call once at startup. */
  async prime(): Promise<void> {
    for (const name of SecretNames) {
      try {
        this.redactor.addSecret(await this.get(name))
      } catch {
        // an unreadable backend is reported when the secret is used
      }
    }
  }

  async get(name: SecretName): Promise<string | undefined> {
    const fromEnv = this.env[envVarFor(name)]
    const value = fromEnv && fromEnv.trim() ? fromEnv.trim() : await this.backend.get(name)
    this.redactor.addSecret(value)
    return value
  }

  async require(name: SecretName): Promise<string> {
    const value = await this.get(name)
    if (!value) throw new AppError('secretUnavailable', { name })
    return value
  }

  async set(name: SecretName, value: string): Promise<SecretStatus> {
    if (this.fromEnv(name)) throw new AppError('secretUnavailable', { name, reason: 'env' })
    this.redactor.addSecret(value)
    await this.backend.set(name, value)
    return this.status(name)
  }

  async delete(name: SecretName): Promise<SecretStatus> {
    if (this.fromEnv(name)) throw new AppError('secretUnavailable', { name, reason: 'env' })
    await this.backend.delete(name)
    return this.status(name)
  }

  async list(): Promise<SecretStatus[]> {
    return Promise.all(SecretNames.map((name) => this.status(name)))
  }

  async status(name: SecretName): Promise<SecretStatus> {
    const env = this.fromEnv(name)
    let isSet = env
    if (!env) {
      try {
        isSet = Boolean(await this.backend.get(name))
      } catch {
        isSet = false
      }
    }
    return { name, isSet, backend: env ? 'env' : this.backend.kind, readOnly: env }
  }

  private fromEnv(name: SecretName): boolean {
    return Boolean(this.env[envVarFor(name)]?.trim())
  }
}

import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Redactor } from './redact'

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }

export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void
  info(event: string, fields?: Record<string, unknown>): void
  warn(event: string, fields?: Record<string, unknown>): void
  error(event: string, fields?: Record<string, unknown>): void
  child(scope: string): Logger
}

export interface FileLoggerOptions {
  dir: string
  redactor: Redactor
  level?: LogLevel
  /** rotate when the current file passes this size */
  maxBytes?: number
  /** rotated files kept besides the current one */
  keep?: number
  /** also echo to stderr (CLI --verbose, development) */
  echo?: boolean
}

export const LOG_FILE = 'fieldbench.log'

/**
 * Structured JSON-lines log, one object per line, rotated by size. Every line
 * passes through the redactor: secrets never reach the disk.
 */
export class FileLogger implements Logger {
  private readonly file: string
  private readonly min: number
  private readonly maxBytes: number
  private readonly keep: number
  private size = 0

  constructor(
    private readonly options: FileLoggerOptions,
    private readonly scope = 'app',
  ) {
    mkdirSync(options.dir, { recursive: true })
    this.file = join(options.dir, LOG_FILE)
    this.min = LEVELS[options.level ?? 'info']
    this.maxBytes = options.maxBytes ?? 1_000_000
    this.keep = options.keep ?? 4
    this.size = existsSync(this.file) ? statSync(this.file).size : 0
  }

  debug(event: string, fields?: Record<string, unknown>): void {
    this.write('debug', event, fields)
  }
  info(event: string, fields?: Record<string, unknown>): void {
    this.write('info', event, fields)
  }
  warn(event: string, fields?: Record<string, unknown>): void {
    this.write('warn', event, fields)
  }
  error(event: string, fields?: Record<string, unknown>): void {
    this.write('error', event, fields)
  }

  child(scope: string): Logger {
    return new ScopedLogger(this, scope)
  }

  write(level: LogLevel, event: string, fields: Record<string, unknown> = {}, scope = this.scope): void {
    if (LEVELS[level] < this.min) return
    const entry = { ts: new Date().toISOString(), level, scope, event, ...this.options.redactor.value(fields) }
    const line = this.options.redactor.text(JSON.stringify(entry)) + '\n'
    try {
      if (this.size + line.length > this.maxBytes) this.rotate()
      appendFileSync(this.file, line)
      this.size += Buffer.byteLength(line)
    } catch {
      // A full disk or a locked file must never take the app down with it.
    }
    if (this.options.echo) process.stderr.write(line)
  }

  private rotate(): void {
    rmSync(`${this.file}.${this.keep}`, { force: true })
    for (let i = this.keep - 1; i >= 1; i--) {
      if (existsSync(`${this.file}.${i}`)) renameSync(`${this.file}.${i}`, `${this.file}.${i + 1}`)
    }
    if (existsSync(this.file)) renameSync(this.file, `${this.file}.1`)
    this.size = 0
  }

  /** Current and rotated files, oldest first. */
  files(): string[] {
    const out: string[] = []
    for (let i = this.keep; i >= 1; i--) if (existsSync(`${this.file}.${i}`)) out.push(`${this.file}.${i}`)
    if (existsSync(this.file)) out.push(this.file)
    return out
  }
}

class ScopedLogger implements Logger {
  constructor(
    private readonly root: FileLogger,
    private readonly scope: string,
  ) {}
  debug(event: string, fields?: Record<string, unknown>): void {
    this.root.write('debug', event, fields, this.scope)
  }
  info(event: string, fields?: Record<string, unknown>): void {
    this.root.write('info', event, fields, this.scope)
  }
  warn(event: string, fields?: Record<string, unknown>): void {
    this.root.write('warn', event, fields, this.scope)
  }
  error(event: string, fields?: Record<string, unknown>): void {
    this.root.write('error', event, fields, this.scope)
  }
  child(scope: string): Logger {
    return new ScopedLogger(this.root, `${this.scope}.${scope}`)
  }
}

/** For unit tests and short-lived tools: drops everything unless given a sink. */
export class MemoryLogger implements Logger {
  readonly lines: { level: LogLevel; event: string; fields: Record<string, unknown> }[] = []
  debug(event: string, fields: Record<string, unknown> = {}): void {
    this.lines.push({ level: 'debug', event, fields })
  }
  info(event: string, fields: Record<string, unknown> = {}): void {
    this.lines.push({ level: 'info', event, fields })
  }
  warn(event: string, fields: Record<string, unknown> = {}): void {
    this.lines.push({ level: 'warn', event, fields })
  }
  error(event: string, fields: Record<string, unknown> = {}): void {
    this.lines.push({ level: 'error', event, fields })
  }
  child(): Logger {
    return this
  }
}

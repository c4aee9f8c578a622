/**
 * The Fox ESS module's own small file under the data dir: the connection
 * settings (base URLs, refresh and CT polling), and today's count of every
 * call the app made, so a restart does not forget what was spent.
 */
import { join } from 'node:path'
import { z } from 'zod'
import { type FoxAccessCount, type FoxConfig, defaultFoxConfig } from '@shared/contract'
import { FoxConfigPatchSchema, type FoxConfigPatch } from '@shared/contract/foxess/foxess.schemas'
import { readJsonFile, writeJsonFileAtomic } from '../../store/json-file'

const CallsSchema = z.object({
  day: z.string(),
  total: z.number().int().min(0),
  ct: z.number().int().min(0),
  byPath: z.record(z.string(), z.number().int().min(0)),
})
type Calls = z.infer<typeof CallsSchema>

/** `callsAtReading`: today's count when the cloud's was read (0 in files written before it was kept: the remainder reads low, never high) */
const AccessSchema = z.object({ total: z.number(), remaining: z.number().nullable(), at: z.number(), callsAtReading: z.number().int().min(0).default(0) })
type AccessReading = z.output<typeof AccessSchema>

/** Local calendar day of an instant, YYYY-MM-DD. */
export function localDay(ms: number): string {
  const d = new Date(ms)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

export class FoxessStore {
  private readonly file: string
  private cfg: FoxConfig
  private calls: Calls
  private access: AccessReading | null

  constructor(
    dataDir: string,
    private readonly now: () => number,
  ) {
    this.file = join(dataDir, 'foxess.json')
    const stored = (readJsonFile(this.file) ?? {}) as Record<string, unknown>
    // each field is kept if valid, else its default: a bad value never blocks the app
    const cfg: Record<string, unknown> = { ...defaultFoxConfig }
    const storedCfg = (stored.config && typeof stored.config === 'object' ? stored.config : {}) as Record<string, unknown>
    for (const [key, value] of Object.entries(storedCfg)) {
      const field = FoxConfigPatchSchema.safeParse({ [key]: value })
      if (field.success) Object.assign(cfg, field.data)
    }
    this.cfg = cfg as unknown as FoxConfig
    const calls = CallsSchema.safeParse(stored.calls)
    this.calls = calls.success ? calls.data : { day: localDay(now()), total: 0, ct: 0, byPath: {} }
    const access = AccessSchema.safeParse(stored.accessCount)
    this.access = access.success ? access.data : null
  }

  config(): FoxConfig {
    return { ...this.cfg }
  }

  update(patch: FoxConfigPatch): FoxConfig {
    this.cfg = { ...this.cfg, ...FoxConfigPatchSchema.parse(patch) }
    this.save()
    return this.config()
  }

  /** Counts one call before it leaves. */
  recordCall(path: string, api: 'open' | 'ct'): void {
    this.rollDay()
    this.calls.total++
    if (api === 'ct') this.calls.ct++
    this.calls.byPath[path] = (this.calls.byPath[path] ?? 0) + 1
    this.save()
  }

  setAccessCount(count: FoxAccessCount): void {
    this.access = { ...count, at: this.now(), callsAtReading: this.callsToday().total }
    this.save()
  }

  callsToday(): Calls {
    this.rollDay()
    return { ...this.calls, byPath: { ...this.calls.byPath } }
  }

  accessCount(): AccessReading | null {
    return this.access ? { ...this.access } : null
  }

  private rollDay(): void {
    const today = localDay(this.now())
    if (this.calls.day !== today) this.calls = { day: today, total: 0, ct: 0, byPath: {} }
  }

  private save(): void {
    writeJsonFileAtomic(this.file, { config: this.cfg, calls: this.calls, accessCount: this.access })
  }
}

import { join } from 'node:path'
import { z } from 'zod'
import { defaultSettings, type Settings, type SettingsPatch } from '@shared/contract'
import { SettingsSchema } from '@shared/contract/schemas'
import { readJsonFile, writeJsonFileAtomic } from './json-file'

const StoredSchema = z.object({
  settings: SettingsSchema.partial().catch({}),
  manualPorts: z.array(z.string()).catch([]),
})

/** User settings and the manually added port paths, in one small JSON file. */
export class SettingsStore {
  private readonly file: string
  private value: Settings
  private manual: string[]

  constructor(dataDir: string) {
    this.file = join(dataDir, 'settings.json')
    const parsed = StoredSchema.safeParse(readJsonFile(this.file) ?? {})
    const stored = parsed.success ? parsed.data : { settings: {}, manualPorts: [] }
    // a field that fails validation falls back to its default, the rest is kept
    const merged: Record<string, unknown> = { ...defaultSettings }
    for (const [key, val] of Object.entries(stored.settings)) {
      const field = SettingsSchema.shape[key as keyof Settings]
      if (field && field.safeParse(val).success) merged[key] = val
    }
    this.value = SettingsSchema.parse(merged)
    this.manual = stored.manualPorts
  }

  get(): Settings {
    return { ...this.value }
  }

  update(patch: SettingsPatch): Settings {
    this.value = SettingsSchema.parse({ ...this.value, ...patch })
    this.save()
    return this.get()
  }

  manualPorts(): string[] {
    return [...this.manual]
  }

  setManualPorts(paths: string[]): void {
    this.manual = [...new Set(paths)]
    this.save()
  }

  private save(): void {
    writeJsonFileAtomic(this.file, { settings: this.value, manualPorts: this.manual })
  }
}

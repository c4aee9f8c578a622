/**
 * Site templates: a charger configuration saved under a name, to apply to
 * every charger of a site. Kept in the charger module's own small file under
 * the data dir; a template that no longer reads (a field out of range after a
 * hand edit) is left out, the rest kept.
 */
import { join } from 'node:path'
import { z } from 'zod'
import { AppError, EVSE_TEMPLATES_MAX, type EvseSiteTemplate } from '@shared/contract'
import { EvseTemplateNameSchema } from '@shared/contract/evse/evse-site.schemas'
import { EvseConfigPatchSchema } from '@shared/contract/evse/evse.schemas'
import type { EvseConfig } from '@shared/devices/evse/config'
import { readJsonFile, writeJsonFileAtomic } from '../../store/json-file'

const TemplateSchema = z.object({ name: EvseTemplateNameSchema, config: EvseConfigPatchSchema, savedAt: z.number() })

export class EvseTemplateStore {
  private readonly file: string
  private templates: EvseSiteTemplate[]

  constructor(
    dataDir: string,
    private readonly now: () => number,
  ) {
    this.file = join(dataDir, 'evse-templates.json')
    const stored = readJsonFile(this.file)
    const list = Array.isArray((stored as { templates?: unknown } | undefined)?.templates) ? (stored as { templates: unknown[] }).templates : []
    this.templates = list.flatMap((entry) => {
      const parsed = TemplateSchema.safeParse(entry)
      return parsed.success ? [parsed.data as EvseSiteTemplate] : []
    })
  }

  list(): EvseSiteTemplate[] {
    return this.templates.map((t) => ({ ...t, config: { ...t.config } })).sort((a, b) => a.name.localeCompare(b.name))
  }

  get(name: string): EvseSiteTemplate {
    const found = this.templates.find((t) => t.name === name.trim())
    if (!found) throw new AppError('evseTemplateUnknown', { name })
    return { ...found, config: { ...found.config } }
  }

  /** Saves under the name, replacing a template of that name. */
  save(name: string, config: Partial<EvseConfig>): EvseSiteTemplate[] {
    const trimmed = name.trim()
    const others = this.templates.filter((t) => t.name !== trimmed)
    if (others.length >= EVSE_TEMPLATES_MAX) throw new AppError('evseTemplateFull', { max: EVSE_TEMPLATES_MAX })
    this.templates = [...others, { name: trimmed, config: { ...config }, savedAt: this.now() }]
    this.write()
    return this.list()
  }

  delete(name: string): EvseSiteTemplate[] {
    this.templates = this.templates.filter((t) => t.name !== name.trim())
    this.write()
    return this.list()
  }

  private write(): void {
    writeJsonFileAtomic(this.file, { templates: this.templates })
  }
}

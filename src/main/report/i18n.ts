import i18next, { type i18n } from 'i18next'
import type { Language } from '@shared/contract'
import type { Translate } from '@shared/i18n/localize'

const modules = import.meta.glob<Record<string, unknown>>('../../../locales/*/*.json', { eager: true, import: 'default' })

type Resources = Record<string, Record<string, Record<string, unknown>>>

function resources(): Resources {
  const out: Resources = {}
  for (const [file, data] of Object.entries(modules)) {
    const match = /locales\/([^/]+)\/([^/]+)\.json$/.exec(file)
    if (!match) continue
    const [, lang, ns] = match as unknown as [string, string, string]
    ;(out[lang] ??= {})[ns] = data
  }
  return out
}

const instances = new Map<Language, Promise<i18n>>()

/** A translator over the same locale files the renderer uses, for reports and exports made in main. */
export async function translatorFor(language: Language): Promise<Translate> {
  let pending = instances.get(language)
  if (!pending) {
    const instance = i18next.createInstance()
    const res = resources()
    pending = instance
      .init({
        lng: language,
        fallbackLng: 'en',
        resources: res,
        ns: Object.keys(res.en ?? {}),
        defaultNS: 'common',
        interpolation: { escapeValue: false },
        // a message whose parameter is unknown shows an ellipsis, never raw {{braces}}
        missingInterpolationHandler: () => '…',
        returnNull: false,
      })
      .then(() => instance)
    instances.set(language, pending)
  }
  const instance = await pending
  const t = ((key: string, options?: Record<string, unknown>) => instance.t(key, options ?? {}) as string) as Translate
  t.exists = (key: string) => instance.exists(key)
  return t
}

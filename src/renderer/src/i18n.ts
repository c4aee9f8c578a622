import i18next from 'i18next'
import { useEffect, useState } from 'react'
import { initReactI18next, useTranslation } from 'react-i18next'
import { type Language, Languages } from '@shared/contract'

/** Every locale file becomes its own lazily loaded chunk: a language costs nothing until it is chosen. */
const loaders = import.meta.glob<Record<string, unknown>>('../../../locales/*/*.json', { import: 'default' })

function filesOf(language: Language): { ns: string; load: () => Promise<Record<string, unknown>> }[] {
  const out: { ns: string; load: () => Promise<Record<string, unknown>> }[] = []
  for (const [path, load] of Object.entries(loaders)) {
    const match = /locales\/([^/]+)\/([^/]+)\.json$/.exec(path)
    if (match && match[1] === language) out.push({ ns: match[2]!, load })
  }
  return out
}

/** every bundle fetched so far, by `lang/ns`; applied to i18next once it is initialized */
const fetched = new Map<string, [Language, string, Record<string, unknown>]>()
const loading = new Map<string, Promise<void>>()
let ready = false
/** big generated device tables: loaded by the pages that show them, not at start */
const ON_DEMAND = ['foxessVariables', 'foxessFaults', 'foxessStates']

/** Loads the namespaces of a language (all of them, or the ones named). */
export async function loadLanguage(language: Language, only?: string[]): Promise<void> {
  await Promise.all(
    filesOf(language)
      .filter((file) => (only ? only.includes(file.ns) : !ON_DEMAND.includes(file.ns)))
      .map((file) => {
        const id = `${language}/${file.ns}`
        let pending = loading.get(id)
        if (!pending) {
          pending = file.load().then((data) => {
            fetched.set(id, [language, file.ns, data])
            if (ready) i18next.addResourceBundle(language, file.ns, data, true, true)
          })
          loading.set(id, pending)
        }
        return pending
      }),
  )
}

/** Starts fetching a language's strings before the bridge has said which language is wanted. */
export function preloadLanguage(language: Language): void {
  void loadLanguage(language)
}

export async function initI18n(language: Language): Promise<void> {
  await i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...Languages],
    defaultNS: 'common',
    ns: [],
    resources: {},
    partialBundledLanguages: true,
    interpolation: { escapeValue: false },
        // a message whose parameter is unknown shows an ellipsis, never raw {{braces}}
        missingInterpolationHandler: () => '…',
    returnNull: false,
  })
  ready = true
  for (const [lang, ns, data] of fetched.values()) i18next.addResourceBundle(lang, ns, data, true, true)
  await Promise.all([loadLanguage(language), language === 'en' ? Promise.resolve() : loadLanguage('en')])
  document.documentElement.lang = htmlLang(language)
}

export async function switchLanguage(language: Language): Promise<void> {
  await loadLanguage(language)
  await i18next.changeLanguage(language)
  document.documentElement.lang = htmlLang(language)
}

export function htmlLang(language: Language): string {
  return language === 'zh' ? 'zh-CN' : language
}

export { i18next }

/**
 * Loads namespaces kept out of the start (the device tables) for the language
 * in use and English; the component re-renders once they are there.
 */
export function useLoadedNamespaces(namespaces: readonly string[]): boolean {
  const { i18n: instance } = useTranslation()
  const language = instance.language as Language
  const want = `${language}|${namespaces.join(',')}`
  const have = () => namespaces.every((ns) => fetched.has(`${language}/${ns}`) && fetched.has(`en/${ns}`))
  const [ready, setReady] = useState(() => (have() ? want : ''))
  useEffect(() => {
    let live = true
    void Promise.all([loadLanguage(language, [...namespaces]), loadLanguage('en', [...namespaces])]).then(() => {
      if (live) setReady(want)
    })
    return () => {
      live = false
    }
    // `want` names the language and the namespaces
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [want])
  return ready === want
}

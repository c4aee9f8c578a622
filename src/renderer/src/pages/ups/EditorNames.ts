/**
 * Names of a file's values and groups in the UI language. The translations
 * are keyed by N, so they are used only where the file's own (Chinese) name
 * is the one they translate: another maker's file keeps its own names.
 */
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { groupNameKey, valueNameKey } from '@shared/devices/ups/names'
import { loadLanguage } from '../../i18n'

export function useUpsNames() {
  const { t, i18n } = useTranslation()
  const [zhLoaded, setZhLoaded] = useState(() => i18n.hasResourceBundle('zh', 'upsNames'))
  useEffect(() => {
    if (zhLoaded) return
    let live = true
    void loadLanguage('zh', ['upsNames']).then(() => live && setZhLoaded(true))
    return () => {
      live = false
    }
  }, [zhLoaded])
  const name = (key: string, own: string) => {
    const [, path] = key.split(':') as [string, string]
    const same = zhLoaded && i18n.getResource('zh', 'upsNames', path) === own
    return same ? { text: t(key), translated: i18n.language !== 'zh' } : { text: own, translated: false }
  }
  return {
    value: (n: number, own: string) => name(valueNameKey(n), own),
    group: (id: number, own: string) => name(groupNameKey(id), own),
  }
}

import { useTranslation } from 'react-i18next'
import type { Translate } from '@shared/i18n/localize'

/** The renderer's `t` in the shape the shared localizers take. */
export function useTranslate(): Translate {
  const { t, i18n } = useTranslation()
  return Object.assign((key: string, options?: Record<string, unknown>) => t(key, options ?? {}), {
    exists: (key: string) => i18n.exists(key),
  })
}

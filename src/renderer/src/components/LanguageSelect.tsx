import { useTranslation } from 'react-i18next'
import { type Language, Languages } from '@shared/contract'
import { api } from '../api'
import { switchLanguage } from '../i18n'
import { useApp } from '../stores/app'

/** Shows the UI in `language` at once, then keeps it as the person's choice. */
export async function chooseLanguage(language: Language): Promise<void> {
  await switchLanguage(language)
  useApp.getState().setLanguage(language)
  useApp.getState().setSettings(await api().updateSettings({ language }))
}

/**
 * The UI language picker of the shell, the first start and the settings.
 * Given `followSystem`, it also offers "as the system", chosen by `value: 'system'`.
 */
export function LanguageSelect({ value, testId, followSystem }: { value: Language | 'system'; testId: string; followSystem?: () => Promise<void> }) {
  const { t } = useTranslation()
  return (
    <select
      value={value}
      data-testid={testId}
      onChange={(e) => void (e.target.value === 'system' && followSystem ? followSystem() : chooseLanguage(e.target.value as Language))}
    >
      {followSystem && <option value="system">{t('settings:languageSystem')}</option>}
      {Languages.map((lang) => (
        <option key={lang} value={lang}>
          {t(`settings:languages.${lang}`)}
        </option>
      ))}
    </select>
  )
}

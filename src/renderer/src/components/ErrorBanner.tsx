import { useTranslation } from 'react-i18next'

export function ErrorBanner({ message, onClose }: { message: string | null; onClose?: () => void }) {
  const { t } = useTranslation()
  if (!message) return null
  return (
    <div className="banner error" role="alert">
      <span>{message}</span>
      {onClose && (
        <button type="button" className="link" onClick={onClose}>
          {t('common:dismiss')}
        </button>
      )}
    </div>
  )
}

import { useTranslation } from 'react-i18next'
import { useNav } from '../../stores/nav'

/** A job refused or stopped for the app's cloud settings (key, token, address): what is missing, and the way to the connection settings. */
export function CloudSetupBanner({ message, onClose }: { message: string | null; onClose?: () => void }) {
  const { t } = useTranslation()
  const go = useNav((s) => s.go)
  if (!message) return null
  return (
    <div className="banner error refusal" role="alert" data-testid="cloud-setup-problem">
      <span>{message}</span>
      <span className="actions">
        <button type="button" onClick={() => go({ page: 'settings' })} data-testid="open-connection-settings">
          {t('foxess:connection.open')}
        </button>
        {onClose && (
          <button type="button" className="link" onClick={onClose}>
            {t('common:dismiss')}
          </button>
        )}
      </span>
    </div>
  )
}

import { useTranslation } from 'react-i18next'
import { AppError } from '@shared/contract'

/** Localizes anything thrown by an api call: AppErrors by code, anything else as an internal error. */
export function useErrorText(): (err: unknown) => string {
  const { t } = useTranslation()
  return (err: unknown) => {
    if (err instanceof AppError) return t(`errors:${err.code}`, { ...err.params })
    return t('errors:internal')
  }
}

import { AppError } from '@shared/contract'
import { appErrorText } from '@shared/i18n/errors'
import { useTranslate } from './translate'

/** Localizes anything thrown by an api call: AppErrors by code, anything else as an internal error. */
export function useErrorText(): (err: unknown) => string {
  const tt = useTranslate()
  return (err: unknown) => {
    if (err instanceof AppError) return appErrorText(tt, err)
    return tt('errors:internal')
  }
}

import { AppError, type CabinetProfile } from '@shared/contract'
import { CabinetProfileSchema } from '@shared/contract/cabinet/cabinet.schemas'
import defaultProfileJson from '../../../../resources/cabinet/default-profile.json'

/** The shipped profile (resources/cabinet/default-profile.json, bundled): checked like any loaded one. */
export const defaultProfile: CabinetProfile = CabinetProfileSchema.parse(defaultProfileJson)

/**
 * A profile file the operator loaded. Anything wrong is a localized error
 * naming the field; nothing else changes.
 */
export function parseProfile(text: string): CabinetProfile {
  let json: unknown
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch {
    throw new AppError('cabinetProfileNotJson')
  }
  const parsed = CabinetProfileSchema.safeParse(json)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]!
  const field = issue.path.join('.') || '-'
  if (issue.path[0] === 'format' || issue.path[0] === 'version') throw new AppError('cabinetProfileWrongFormat')
  if (issue.code === 'custom') throw new AppError('cabinetProfileBand', { field })
  throw new AppError('cabinetProfileInvalid', { field })
}

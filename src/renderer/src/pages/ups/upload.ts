import type { TFunction } from 'i18next'
import { UPS_FILE_MAX_BYTES, type UpsProtocolDocument } from '@shared/contract'
import { api } from '../../api'

/** Sends a protocol file the person chose in the browser to main, which holds it as an open document. */
export async function uploadProtocolFile(file: File, t: TFunction): Promise<UpsProtocolDocument> {
  if (file.size > UPS_FILE_MAX_BYTES) throw new Error(t('errors:upsFileTooLarge', { file: file.name, size: file.size, max: UPS_FILE_MAX_BYTES }))
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return api().upsFilesUpload({ name: file.name, base64: btoa(binary) })
}

import { useTranslation } from 'react-i18next'
import type { RecordDetail } from '@shared/contract'
import { api } from '../../api'
import { saveFile } from '../../components/save-file'

/** A logging session's CSV files, each to save (a download in the browser, a save dialog in the desktop app). */
export function UpsLogFiles({ record, onError }: { record: RecordDetail; onError(err: unknown): void }) {
  const { t } = useTranslation()
  const paths = Array.isArray(record.meta.csvPaths) ? record.meta.csvPaths.filter((p): p is string => typeof p === 'string') : []
  if (!paths.length) return null
  const save = async (index: number) => {
    try {
      saveFile(await api().upsLogCsv({ id: record.id, index }))
    } catch (err) {
      onError(err)
    }
  }
  return (
    <div className="toolbar" data-testid="ups-log-files">
      <strong>{t('upsLog:csv.title')}</strong>
      {paths.map((path, i) => (
        <button key={path} type="button" className="secondary" onClick={() => void save(i)} data-testid="ups-log-csv" title={path}>
          {t('upsLog:csv.save', { file: path.split(/[\\/]/).at(-1) })}
        </button>
      ))}
    </div>
  )
}

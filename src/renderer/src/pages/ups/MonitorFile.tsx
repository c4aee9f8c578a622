import { useTranslation } from 'react-i18next'
import type { UpsMonitorFile, UpsProtocolDocument } from '@shared/contract'
import { api } from '../../api'
import { useApp } from '../../stores/app'
import { type EditorFile, useUps } from '../../stores/ups'
import { uploadProtocolFile } from './upload'

export type FileChoice = 'shipped' | 'editor' | 'chosen'

/** What the monitor is asked to read for a choice: the shipped file, the editor's file as it stands there, or a file opened from this page. */
export function monitorFileOf(choice: FileChoice, editorFile: EditorFile | null, chosen: UpsProtocolDocument | null): UpsMonitorFile {
  if (choice === 'editor' && editorFile) return { kind: 'document', docId: editorFile.doc.docId, edits: editorFile.edits, ...(editorFile.framing ? { framing: editorFile.framing } : {}) }
  if (choice === 'chosen' && chosen) return { kind: 'document', docId: chosen.docId }
  return { kind: 'shipped' }
}

/** The protocol file the monitor reads: the shipped corrected one, the one open in the editor, or one opened here (the desktop's dialog, an upload in the browser). */
export function MonitorFile(props: {
  choice: FileChoice
  chosen: UpsProtocolDocument | null
  disabled: boolean
  onChoice(choice: FileChoice): void
  onChosen(doc: UpsProtocolDocument): void
  onError(err: unknown): void
}) {
  const { t } = useTranslation()
  const desktop = useApp((s) => s.info?.transport === 'electron')
  const editorFile = useUps((s) => s.editorFile)
  const { choice, chosen, disabled } = props
  const opened = async (work: () => Promise<UpsProtocolDocument | null>) => {
    try {
      const doc = await work()
      if (doc) props.onChosen(doc)
    } catch (err) {
      props.onError(err)
    }
  }
  return (
    <>
      <label className="field inline">
        <span>{t('upsMonitor:file.label')}</span>
        <select value={choice} disabled={disabled} onChange={(e) => props.onChoice(e.target.value as FileChoice)} data-testid="ups-file">
          <option value="shipped">{t('upsMonitor:file.shipped')}</option>
          {editorFile && <option value="editor">{t('upsMonitor:file.editor', { name: editorFile.doc.fileName })}</option>}
          {chosen && <option value="chosen">{chosen.fileName}</option>}
        </select>
      </label>
      {desktop ? (
        <button type="button" className="secondary" disabled={disabled} onClick={() => void opened(() => api().upsFilesPick())} data-testid="ups-file-pick">
          {t('upsMonitor:file.pick')}
        </button>
      ) : (
        <label className={`button secondary${disabled ? ' disabled' : ''}`}>
          {t('upsMonitor:file.upload')}
          <input type="file" hidden accept=".ini" disabled={disabled} onChange={(e) => e.target.files?.[0] && void opened(() => uploadProtocolFile(e.target.files![0]!, t))} data-testid="ups-file-upload" />
        </label>
      )}
    </>
  )
}

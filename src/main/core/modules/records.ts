import { AppError, type ExportedFile } from '@shared/contract'
import type { RecordExport } from '@shared/contract/schemas'
import { renderRecordHtml } from '../../report/html'
import { translatorFor } from '../../report/i18n'
import type { CoreModule, ModuleContext } from '../module'

export type RecordsMethod = 'searchRecords' | 'getRecord' | 'exportRecord' | 'listInterruptedRecords' | 'abortRecord'

/** The records of finished and interrupted jobs: search, read, export (JSON, HTML, PDF) and abort. */
export function recordsModule({ platform, records, redactor, jobs, bus, clock }: ModuleContext): CoreModule<RecordsMethod> {
  async function exportRecord(input: RecordExport): Promise<ExportedFile> {
    const record = records.get(input.id)
    const exchanges = records.allExchanges(input.id)
    const base = `fieldbench-${record.jobType}-${record.id}`
    if (input.format === 'json') {
      const content = JSON.stringify(
        { format: 'fieldbench.record', version: 1, app: { name: 'Fieldbench', version: platform.version }, exportedAt: new Date().toISOString(), record: { ...record, exchanges } },
        null,
        2,
      )
      return { fileName: `${base}.json`, mime: 'application/json', content: redactor.text(content), base64: false }
    }
    const html = redactor.text(
      renderRecordHtml(record, exchanges, {
        t: await translatorFor(input.language),
        language: input.language,
        appVersion: platform.version,
        generatedAt: clock.now(),
        // a PDF cannot be clicked open: its appendix is printed unfolded
        appendixOpen: input.format === 'pdf',
      }),
    )
    if (input.format === 'html') return { fileName: `${base}.html`, mime: 'text/html', content: html, base64: false }
    if (!platform.printToPdf) throw new AppError('pdfUnavailable')
    const pdf = await platform.printToPdf(html)
    return { fileName: `${base}.pdf`, mime: 'application/pdf', content: Buffer.from(pdf).toString('base64'), base64: true }
  }

  return {
    id: 'records',
    handlers: {
      searchRecords: (query) => records.search(query),
      getRecord: ({ id }) => records.get(id),
      exportRecord: (input) => exportRecord(input),
      listInterruptedRecords: () => records.inProgress().filter((r) => !jobs.isActive(r.id)),
      abortRecord: ({ id }) => {
        if (jobs.isActive(id)) throw new AppError('jobAlreadyRunning', { id })
        const summary = records.abort(id, 'interrupted')
        bus.emit('records:changed', { id })
        jobs.notify()
        return summary
      },
    },
  }
}

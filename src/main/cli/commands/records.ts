import { writeFileSync } from 'node:fs'
import type { RecordSummary } from '@shared/contract'
import { RecordSearchSchema } from '@shared/contract/schemas'
import { cliCore } from '../context'
import { EXIT, type Out, table, UsageError } from '../output'

export async function recordsListCommand(out: Out, options: Record<string, string | undefined>): Promise<number> {
  const query = RecordSearchSchema.safeParse({
    text: options.text ?? '',
    deviceSerial: options.serial ?? '',
    site: options.site ?? '',
    from: options.from,
    to: options.to,
    verdict: options.verdict,
    status: options.status,
    jobType: options.job,
    limit: options.limit ? Number(options.limit) : 100,
  })
  if (!query.success) throw new UsageError(out.t('cli:badOption', { option: query.error.issues[0]?.path.join('.') ?? '?' }))
  const core = await cliCore(options.dataDir)
  try {
    const result = core.records.search(query.data)
    out.print(result, () => humanList(out, result.records, result.total))
    return EXIT.ok
  } finally {
    await core.dispose()
  }
}

function humanList(out: Out, records: RecordSummary[], total: number): string {
  if (!records.length) return out.t('records:found', { count: 0 })
  const time = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19)
  return (
    table([
      [
        out.t('records:fields.id'),
        out.t('records:fields.job'),
        out.t('records:fields.started'),
        out.t('records:fields.site'),
        out.t('records:fields.deviceSerial'),
        out.t('records:fields.operator'),
        out.t('records:fields.status'),
        out.t('records:fields.verdict'),
      ],
      ...records.map((r) => [
        String(r.id),
        out.t(`jobs:names.${r.jobType}`),
        time(r.startedAt),
        r.site || '-',
        r.deviceSerial || '-',
        r.operator || '-',
        out.t(`records:status.${r.status}`),
        out.t(`records:verdict.${r.verdict}`),
      ]),
    ]) + `\n${out.t('records:found', { count: total })}`
  )
}

export async function recordsExportCommand(out: Out, options: { id?: string; format: string; outFile?: string; dataDir?: string }): Promise<number> {
  const id = Number(options.id)
  if (!Number.isInteger(id) || id <= 0) throw new UsageError(out.t('cli:records.needId'))
  if (options.format !== 'json' && options.format !== 'html') throw new UsageError(out.t('cli:records.badFormat'))
  const core = await cliCore(options.dataDir)
  try {
    const file = await core.handlers.exportRecord({ id, format: options.format, language: out.language })
    if (options.outFile) {
      writeFileSync(options.outFile, file.content)
      out.print({ file: options.outFile, fileName: file.fileName }, () => out.t('cli:records.written', { file: options.outFile }))
    } else {
      process.stdout.write(file.content)
    }
    return EXIT.ok
  } finally {
    await core.dispose()
  }
}

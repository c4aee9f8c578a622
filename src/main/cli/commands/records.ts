import { writeFileSync } from 'node:fs'
import type { CtSystemKind, JobType, RecordStatus, RecordSummary, Verdict } from '@shared/contract'
import type { Core } from '../../core/core'
import { cliCore, type Follower, invoke } from '../context'
import { runningElsewhere } from '../job-lock'
import { DataError, EXIT, type Out, table, UsageError } from '../output'
import { type CabinetAnswers, cabinetFollower, requireAnswers } from './cabinet-follow'
import { evseSetupFollower } from './evse-test'
import { ctFollower } from './foxess'
import { linkCheckFollower } from './link-check'
import { upsTestFollower } from './ups-test'

export interface RecordsListOptions {
  dataDir?: string
  text?: string
  serial?: string
  site?: string
  from?: string
  to?: string
  verdict?: Verdict
  status?: RecordStatus
  job?: JobType
  limit?: number
}

export async function recordsListCommand(out: Out, options: RecordsListOptions): Promise<number> {
  const core = await cliCore(options.dataDir)
  try {
    const result = await invoke(core, 'searchRecords', {
      text: options.text ?? '',
      deviceSerial: options.serial ?? '',
      site: options.site ?? '',
      from: options.from,
      to: options.to,
      verdict: options.verdict,
      status: options.status,
      jobType: options.job,
      limit: options.limit ?? 100,
    })
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

/** A record's number as typed after the command words. */
export function recordId(out: Out, arg: string | undefined, command: string): number {
  const id = arg !== undefined && /^\d{1,15}$/.test(arg) ? Number(arg) : 0
  if (id <= 0) throw new UsageError(out.t('cli:records.needId', { command }))
  return id
}

export async function recordsExportCommand(out: Out, options: { id: number; format?: 'json' | 'html'; outFile?: string; dataDir?: string }): Promise<number> {
  const core = await cliCore(options.dataDir)
  try {
    const file = await invoke(core, 'exportRecord', { id: options.id, format: options.format ?? 'json', language: out.language })
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

/** An interrupted record, not running here or in another CLI process: what resume and abort may act on. */
function interrupted(out: Out, core: Core, id: number): RecordSummary {
  const summary = core.records.summary(id)
  if (summary.status !== 'inProgress') {
    throw new UsageError(out.t('cli:records.notInterrupted', { id, status: out.t(`records:status.${summary.status}`) }))
  }
  const pid = runningElsewhere(core.platform.dataDir, id)
  if (pid !== null) throw new DataError(out.t('cli:records.runningElsewhere', { id, pid }))
  return summary
}

export interface RecordsResumeOptions extends CabinetAnswers {
  id: number
  /** the CT check's system kind, when the record does not say */
  system?: CtSystemKind
  demo?: boolean
  dataDir?: string
}

/**
 * `fieldbench records resume <id>`: runs an interrupted record's job to its
 * end here, printing and asking as the command that starts that job does;
 * the exit code is that command's.
 */
export async function recordsResumeCommand(out: Out, options: RecordsResumeOptions): Promise<number> {
  const core = await cliCore(options.dataDir, false, { demo: options.demo })
  try {
    const summary = interrupted(out, core, options.id)
    let follower: Follower
    switch (summary.jobType) {
      case 'linkCheck':
        follower = linkCheckFollower(out, core)
        break
      case 'cabinetTest':
        requireAnswers(out, options)
        follower = cabinetFollower(out, core, options)
        break
      case 'evseSetup':
        follower = evseSetupFollower(out, core)
        break
      case 'upsTest':
        follower = upsTestFollower(out, core)
        break
      case 'ctDetection': {
        const checkpoint = core.records.checkpoint(summary.id) as { input?: { system?: unknown }; system?: unknown } | null
        if (!options.system && !checkpoint?.input?.system && !checkpoint?.system) throw new UsageError(out.t('foxess:cli.needSystem'))
        follower = ctFollower(out, core, options.system)
        break
      }
      default:
        throw new UsageError(out.t('cli:records.resumeInApp', { id: summary.id, job: out.t(`jobs:names.${summary.jobType}`) }))
    }
    out.event({ event: 'resuming', recordId: summary.id, jobType: summary.jobType }, () =>
      out.t('cli:records.resuming', { id: summary.id, job: out.t(`jobs:names.${summary.jobType}`) }),
    )
    follower.track(summary.id)
    await invoke(core, 'resumeJob', { recordId: summary.id })
    return await follower.follow()
  } finally {
    await core.dispose()
  }
}

/** `fieldbench records abort <id>`: closes an interrupted record as aborted, as the app's "close as aborted" does. */
export async function recordsAbortCommand(out: Out, options: { id: number; dataDir?: string }): Promise<number> {
  const core = await cliCore(options.dataDir)
  try {
    interrupted(out, core, options.id)
    const summary = await invoke(core, 'abortRecord', { id: options.id })
    out.print(summary, () => out.t('cli:records.aborted', { id: summary.id, job: out.t(`jobs:names.${summary.jobType}`) }))
    return EXIT.ok
  } finally {
    await core.dispose()
  }
}

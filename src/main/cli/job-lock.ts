import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '@shared/contract'

/**
 * Which CLI process runs which record's job, so that `records resume` and
 * `records abort` in another terminal can refuse a job that is still running:
 * `<data dir>/cli-jobs/<record>.pid`. A file left by a process that died is
 * stale and taken over. Jobs run by the desktop app do not write these.
 */
const file = (dataDir: string, recordId: number) => join(dataDir, 'cli-jobs', `${recordId}.pid`)

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The live process other than this one that runs the record's job, if any. */
export function runningElsewhere(dataDir: string, recordId: number): number | null {
  let pid: number
  try {
    pid = Number(readFileSync(file(dataDir, recordId), 'utf8').trim())
  } catch {
    return null
  }
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid) ? pid : null
}

/** Marks the record's job as run by this process until the returned release is called. */
export function holdJob(dataDir: string, recordId: number): () => void {
  const pid = runningElsewhere(dataDir, recordId)
  if (pid !== null) throw new AppError('jobAlreadyRunning', { id: recordId, pid })
  const path = file(dataDir, recordId)
  mkdirSync(join(dataDir, 'cli-jobs'), { recursive: true })
  writeFileSync(path, String(process.pid))
  return () => {
    if (runningElsewhere(dataDir, recordId) === null) rmSync(path, { force: true })
  }
}

import { writeFileSync } from 'node:fs'
import type { CabinetShift } from '@shared/contract'
import { shiftRange, todayShift } from '@shared/devices/cabinet/shift'
import { shiftSummaryParts } from '@shared/i18n/cabinet'
import { cliCore, invoke } from '../context'
import { EXIT, type Out, UsageError } from '../output'

export interface CabinetShiftOptions {
  day?: string
  start?: string
  end?: string
  out?: string
  dataDir?: string
}

/**
 * `fieldbench cabinet shift`: the cabinets tested in a shift (today's whole
 * day unless told) as one CSV, to a file or to standard output, with the
 * count, pass rate and most failed channel.
 */
export async function cabinetShiftCommand(out: Out, options: CabinetShiftOptions): Promise<number> {
  const today = todayShift(Date.now())
  const shift: CabinetShift = { day: options.day ?? today.day, start: options.start ?? today.start, end: options.end ?? today.end }
  const range = shiftRange(shift)
  if ('problem' in range) throw new UsageError(`--${range.problem}: ${out.t(`cabinet:shift.${range.problem}Invalid`)}`)
  const core = await cliCore(options.dataDir)
  try {
    const summary = await invoke(core, 'cabinetShiftSummary', shift)
    const file = await invoke(core, 'cabinetExportShift', { shift, language: out.language })
    if (options.out) writeFileSync(options.out, file.content)
    else if (!out.json) {
      process.stdout.write(file.content)
      return EXIT.ok
    }
    out.print({ shift, summary, ...(options.out ? { file: options.out } : { csv: file.content }) }, () =>
      [shiftSummaryParts(out.t, summary).join(' · '), out.t('cabinet:cli.shiftWritten', { file: options.out })].join('\n'),
    )
    return EXIT.ok
  } finally {
    await core.dispose()
  }
}

import { writeFileSync } from 'node:fs'
import type { CabinetShift } from '@shared/contract'
import { shiftRange, todayShift } from '@shared/devices/cabinet/shift'
import { shiftSummaryParts } from '@shared/i18n/cabinet'
import type { CoreOptions } from '../../core/core'
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
export async function cabinetShiftCommand(out: Out, options: CabinetShiftOptions, coreOptions: CoreOptions = {}): Promise<number> {
  const chosen = (now: number): CabinetShift => {
    const today = todayShift(now)
    return { day: options.day ?? today.day, start: options.start ?? today.start, end: options.end ?? today.end }
  }
  // what was typed is checked before the data folder is opened; "today" is then the core's own
  const range = shiftRange(chosen(Date.now()))
  if ('problem' in range) throw new UsageError(`--${range.problem}: ${out.t(`cabinet:shift.${range.problem}Invalid`)}`)
  const core = await cliCore(options.dataDir, false, { core: coreOptions })
  try {
    const shift = chosen(core.clock.now())
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

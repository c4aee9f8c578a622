import { AppError, type CabinetShift, type CabinetShiftSummary, type ExportedFile, type Language, type RecordDetail } from '@shared/contract'
import { shiftCsv } from '@shared/devices/cabinet/shift-csv'
import { shiftRange, summarizeShift } from '@shared/devices/cabinet/shift'
import { translatorFor } from '../../report/i18n'
import type { RecordStore } from '../../store/records'

/** The cabinet tests started in the shift, with their steps (their frames stay in the store: a shift row needs none). */
export function shiftRecords(records: RecordStore, shift: CabinetShift): RecordDetail[] {
  const range = shiftRange(shift)
  if ('problem' in range) throw new AppError('cabinetShiftInvalid')
  return records.startedBetween('cabinetTest', range.from, range.to).map((id) => records.get(id, 0))
}

export function shiftSummary(records: RecordStore, shift: CabinetShift): CabinetShiftSummary {
  return summarizeShift(shiftRecords(records, shift))
}

/** `fieldbench-cabinets-2026-11-30-0600-1400.csv`: the shift in the name, so a day's files sort and do not overwrite each other. */
export function shiftFileName(shift: CabinetShift): string {
  return `fieldbench-cabinets-${shift.day}-${shift.start.replace(':', '')}-${shift.end.replace(':', '')}.csv`
}

export async function exportShift(records: RecordStore, shift: CabinetShift, language: Language): Promise<ExportedFile> {
  const content = shiftCsv(await translatorFor(language), shiftRecords(records, shift))
  return { fileName: shiftFileName(shift), mime: 'text/csv', content, base64: false }
}

import type { CabinetFrameEntry, CabinetProfile, CabinetShiftSummary, FrameMeaning } from '../contract/cabinet/cabinet'
import type { LocalizableText, Translate } from './localize'

/** A profile's name and note: a shipped profile's in the reader's language, a loaded one's as written. */
export function profileTexts(profile: Pick<CabinetProfile, 'id' | 'name' | 'note'>): { name: LocalizableText | string; note: LocalizableText | string } {
  if (!profile.id) return { name: profile.name, note: profile.note }
  return { name: { key: `cabinet:profiles.${profile.id}Name`, text: profile.name }, note: { key: `cabinet:profiles.${profile.id}Note`, text: profile.note } }
}

/** Words a `LocalizableText` (or plain text) for the reader. */
export function localText(t: Translate, value: LocalizableText | string): string {
  if (typeof value === 'string') return value
  return t.exists(value.key) ? t(value.key) : value.text
}

/**
 * A decoded frame in words: `cabinet:meaning.<kind>`, with On/Off or
 * Open/Closed appended to the kind where the frame carries that state (one
 * message each, not a word spliced into a sentence).
 */
export function frameMeaningText(t: Translate, meaning: FrameMeaning | null): string {
  if (!meaning) return ''
  const { on, open, ...params } = meaning.params
  let kind = meaning.kind
  if (typeof on === 'boolean') kind += on ? 'On' : 'Off'
  if (typeof open === 'boolean') kind += open ? 'Open' : 'Closed'
  if (kind === 'junk') return t('cabinet:meaning.junk', { count: Number(params.bytes ?? 0) })
  return t(`cabinet:meaning.${kind}`, params)
}

/** Who a frame was: a request, its answer, a report, or an answer nobody waited for. */
export function frameRoleText(t: Translate, entry: CabinetFrameEntry): string {
  if (entry.status === 'badCrc') return t('cabinet:roles.badCrc')
  if (entry.status === 'junk') return t('cabinet:roles.junk')
  return entry.role ? t(`cabinet:roles.${entry.role}`) : ''
}

/** A shift's cabinets in one line: how many, the pass rate, the channel that failed most, the unfinished. */
export function shiftSummaryParts(t: Translate, summary: CabinetShiftSummary): string[] {
  if (!summary.tested && !summary.unfinished) return [t('cabinet:shift.noneYet')]
  const parts = [t('cabinet:shift.tested', { count: summary.tested })]
  if (summary.tested) parts.push(t('cabinet:shift.passRate', { percent: Math.round((summary.passed / summary.tested) * 100) }))
  if (summary.topChannel) parts.push(t('cabinet:shift.topChannel', { channel: summary.topChannel.channel, count: summary.topChannel.cabinets }))
  else if (summary.tested) parts.push(t('cabinet:shift.noChannelFailed'))
  if (summary.unfinished) parts.push(t('cabinet:shift.unfinished', { count: summary.unfinished }))
  return parts
}

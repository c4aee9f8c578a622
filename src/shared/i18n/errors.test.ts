import { describe, expect, it } from 'vitest'
import { AppError } from '../contract/errors'
import { appErrorText, fieldText, portOwnerText } from './errors'
import type { Translate } from './localize'

function table(entries: Record<string, string>): Translate {
  const t = ((key: string, options: Record<string, unknown> = {}) =>
    (entries[key] ?? key).replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options[name] ?? ''))) as Translate
  t.exists = (key) => key in entries
  return t
}

const t = table({
  'jobs:names.cabinetTest': 'Cabinet factory test',
  'jobs:names.linkCheck': 'Serial link check',
  'devices:owners.job': '{{job}} (record {{id}})',
  'devices:owners.terminal': 'the terminal',
  'devices:owners.cabinetTerminal': 'the cabinet terminal',
  'devices:owners.os': 'another program',
  'devices:owners.unknown': 'another part of Fieldbench',
  'errors:portBusy': 'Port {{path}} is in use ({{owner}}).',
  'errors:invalidInput': 'The input is not valid ({{field}}).',
  'common:invalidInputAny': 'The input is not valid.',
  'common:inputFields.path': 'port',
  'common:inputFields.profile': 'test profile',
})

describe('identifiers worded for the person', () => {
  it('a port holder by its name: a job with its record, a tool, the system, never the identifier', () => {
    expect(portOwnerText(t, 'cabinetTest#12')).toBe('Cabinet factory test (record 12)')
    expect(portOwnerText(t, 'cabinetTest')).toBe('Cabinet factory test')
    expect(portOwnerText(t, 'linkCheck#3')).toBe('Serial link check (record 3)')
    expect(portOwnerText(t, 'cabinetTerminal')).toBe('the cabinet terminal')
    expect(portOwnerText(t, 'terminal')).toBe('the terminal')
    expect(portOwnerText(t, 'os')).toBe('another program')
    expect(portOwnerText(t, 'upsMonitorPoller')).toBe('another part of Fieldbench')
  })

  it('an error names the holder and the refused input in words, or leaves out what it cannot word', () => {
    expect(appErrorText(t, new AppError('portBusy', { path: '/dev/ttyUSB0', owner: 'cabinetTerminal' }))).toBe('Port /dev/ttyUSB0 is in use (the cabinet terminal).')
    expect(appErrorText(t, new AppError('invalidInput', { field: 'path', reason: 'too_big' }))).toBe('The input is not valid (port).')
    expect(appErrorText(t, new AppError('invalidInput', { field: 'profile.channels.3.min' }))).toBe('The input is not valid (test profile).')
    expect(appErrorText(t, new AppError('invalidInput', { field: 'recordId' }))).toBe('The input is not valid.')
    expect(fieldText(t, '-')).toBeNull()
  })
})

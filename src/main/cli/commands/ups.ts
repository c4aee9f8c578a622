/** `fieldbench ups lint --ini F [--json]`: judge a UPS protocol file as the editor would. */
import { lintKey } from '@shared/devices/ups/names'
import { readProtocolFile } from '../../devices/ups/files'
import { EXIT, type Out, UsageError } from '../output'

export async function upsLintCommand(out: Out, options: { ini?: string }): Promise<number> {
  if (options.ini === undefined) throw new UsageError(out.t('ups:cli.needIni'))
  const file = await readProtocolFile(options.ini)
  const { protocol, findings } = file
  const counts = {
    file: file.path,
    values: protocol.values.length,
    measurable: protocol.values.filter((v) => v.measurable).length,
    encoding: file.encoding,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
  }
  const listed = findings.map((f) => ({ ...f, message: out.t(lintKey(f.code), f.params) }))
  out.print({ ...counts, flattened: protocol.ini.flattened, findings: listed }, () =>
    [
      ...listed.map((f) => `${file.path}:${f.line !== undefined ? `${f.line}:${f.column}` : out.t('ups:cli.offset', { offset: f.at })}: ${out.t(`ups:cli.${f.severity}`)}: ${f.message}`),
      out.t(findings.length ? 'ups:cli.summary' : 'ups:cli.clean', counts),
    ].join('\n'),
  )
  return findings.length ? EXIT.fail : EXIT.ok
}

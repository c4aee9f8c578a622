import { useTranslation } from 'react-i18next'
import { lintKey } from '@shared/devices/ups/names'
import type { Linted } from './EditorModel'
import { FindingPlace } from './EditorTable'

/** Every finding of the file, its place and its message; one that concerns a value selects its row. */
export function EditorFindings({ linted, onSelect }: { linted: Linted; onSelect(n: number): void }) {
  const { t } = useTranslation()
  if (!linted.findings.length) return null
  return (
    <ul className="ups-findings" data-testid="ups-findings">
      {linted.findings.map((f, i) => {
        const m = /^cmd-(\d+)$/.exec(String(f.params.section ?? f.params.first ?? ''))
        return (
          <li key={i} className={f.severity} data-finding={f.code}>
            <span className={`badge ${f.severity === 'error' ? 'fail' : 'warn'}`}>{t(`upsFiles:severity.${f.severity}`)}</span> <FindingPlace finding={f} />{' '}
            {m ? (
              <button type="button" className="link" onClick={() => onSelect(Number(m[1]))}>
                {t(lintKey(f.code), f.params)}
              </button>
            ) : (
              t(lintKey(f.code), f.params)
            )}
          </li>
        )
      })}
    </ul>
  )
}

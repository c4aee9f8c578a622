import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { ROOT, rel, sourceFiles } from './locales'

/** Attributes a person reads or hears. */
const VISIBLE_ATTRIBUTES = new Set(['title', 'placeholder', 'aria-label', 'alt', 'label', 'aria-description'])

/** Text with no letters (punctuation, digits, separators like " · ", "#", "→") is not a message. */
const hasWords = (text: string) => /\p{L}{2,}/u.test(text)

function literalStrings(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX)
  const found: string[] = []
  const where = (node: ts.Node) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart())
    return `${rel(file)}:${line + 1}`
  }
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasWords(node.text)) found.push(`${where(node)} text "${node.text.trim()}"`)
    if (ts.isJsxAttribute(node) && VISIBLE_ATTRIBUTES.has(node.name.getText(source)) && node.initializer) {
      const init = node.initializer
      const literal = ts.isStringLiteral(init)
        ? init.text
        : ts.isJsxExpression(init) && init.expression && (ts.isStringLiteral(init.expression) || ts.isNoSubstitutionTemplateLiteral(init.expression))
          ? init.expression.text
          : null
      if (literal && hasWords(literal)) found.push(`${where(node)} ${node.name.getText(source)}="${literal}"`)
    }
    // string literals rendered as JSX children: {'Some text'}
    if (ts.isJsxExpression(node) && node.expression && ts.isStringLiteral(node.expression) && ts.isJsxElement(node.parent) && hasWords(node.expression.text)) {
      found.push(`${where(node)} child "${node.expression.text}"`)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

describe('user-visible strings', () => {
  it('the renderer has none outside the locales (JSX text, visible attributes, literal children)', () => {
    const found = sourceFiles(join(ROOT, 'src/renderer'), ['.tsx']).flatMap(literalStrings)
    expect(found, found.join('\n')).toEqual([])
  })

  it('this check finds them when they are there', () => {
    const probe = join(ROOT, 'test/fixtures/literal-probe.tsx')
    expect(literalStrings(probe)).toHaveLength(3)
  })
})

/**
 * No user-visible string in the renderer outside the locales: JSX text with a
 * letter in it, and title / placeholder / aria-label / alt attributes given a
 * string literal with a letter in it, are errors. Symbols and numbers are fine.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '..')
const RENDERER = join(ROOT, 'src/renderer/src')
const VISIBLE_ATTRIBUTES = new Set(['title', 'placeholder', 'aria-label', 'alt', 'aria-description', 'aria-valuetext'])
const HAS_LETTER = /\p{L}/u

function tsxFiles(dir: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry)
    if (statSync(path).isDirectory()) out.push(...tsxFiles(path))
    else if (entry.endsWith('.tsx')) out.push(path)
  }
  return out
}

function findLiterals(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX)
  const found: string[] = []
  const where = (node: ts.Node) => `${relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && HAS_LETTER.test(node.text)) found.push(`${where(node)} text ${JSON.stringify(node.text.trim())}`)
    if (ts.isJsxAttribute(node) && VISIBLE_ATTRIBUTES.has(node.name.getText(source)) && node.initializer) {
      const init = node.initializer
      const literal = ts.isStringLiteral(init)
        ? init.text
        : ts.isJsxExpression(init) && init.expression && (ts.isStringLiteral(init.expression) || ts.isNoSubstitutionTemplateLiteral(init.expression))
          ? init.expression.text
          : null
      if (literal !== null && HAS_LETTER.test(literal)) found.push(`${where(node)} ${node.name.getText(source)}=${JSON.stringify(literal)}`)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

describe('renderer strings', () => {
  it('come from the locales, never from literals in JSX', () => {
    const found = tsxFiles(RENDERER).flatMap(findLiterals)
    expect(found).toEqual([])
  })

  it('the check itself catches a literal', () => {
    const probe = join(ROOT, 'test', 'fixtures', 'literal-probe.tsx')
    expect(findLiterals(probe).length).toBe(3)
  })
})

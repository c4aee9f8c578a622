import path from 'node:path'

/**
 * Which way imports may point inside src/main: a device folder is a leaf that builds on the
 * platform (core, flows, transport), so the platform never reaches into a device, and one
 * device never reaches into another. The only crossing is the core's wiring of the module list.
 */
const WIRING = [['src/main/core/core.ts', 'src/main/devices/modules.ts']]

const MAIN = 'src/main/'
const DEVICES = 'src/main/devices/'
const PLATFORM = ['src/main/core/', 'src/main/flows/']

/** the device folder a repository-relative path lies in, or null */
function deviceOf(file) {
  if (!file.startsWith(DEVICES)) return null
  const rest = file.slice(DEVICES.length)
  const slash = rest.indexOf('/')
  return slash < 0 ? null : rest.slice(0, slash)
}

/**
 * Why `from` may not import `target` (both relative to the repository root, with `/`), or null.
 * `target` may omit its extension, as import specifiers do.
 */
export function directionViolation(from, target) {
  if (!from.startsWith(MAIN) || !target.startsWith(DEVICES)) return null
  const targetFile = /\.[cm]?[jt]sx?$/.test(target) ? target : `${target}.ts`
  if (WIRING.some(([f, t]) => f === from && t === targetFile)) return null
  if (PLATFORM.some((dir) => from.startsWith(dir))) return 'platformImportsDevice'
  const own = deviceOf(from)
  if (own !== null && deviceOf(targetFile) !== own) return 'deviceImportsOther'
  return null
}

/** `@shared/…` and relative specifiers resolved to a repository-relative path; packages are null */
function resolveSpecifier(root, fromAbs, spec) {
  if (spec.startsWith('@shared/')) return `src/shared/${spec.slice('@shared/'.length)}`
  if (!spec.startsWith('.')) return null
  return path.relative(root, path.resolve(path.dirname(fromAbs), spec)).split(path.sep).join('/')
}

/** @type {import('eslint').Rule.RuleModule} */
export const moduleDirection = {
  meta: {
    type: 'problem',
    docs: { description: 'core and flows never import a device; a device never imports another device' },
    schema: [],
    messages: {
      platformImportsDevice: 'core/ and flows/ never import from devices/ ("{{target}}"): the device builds on them, not the other way round. Pass what is needed in, or move the shared part out of the device.',
      deviceImportsOther: 'A device folder never imports another device\'s files ("{{target}}"): move what both need into core/, flows/, transport/ or src/shared/.',
    },
  },
  create(context) {
    const root = context.cwd
    const fromAbs = context.filename
    const from = path.relative(root, fromAbs).split(path.sep).join('/')
    const check = (source) => {
      if (!source || typeof source.value !== 'string') return
      const target = resolveSpecifier(root, fromAbs, source.value)
      if (target === null) return
      const messageId = directionViolation(from, target)
      if (messageId) context.report({ node: source, messageId, data: { target: source.value } })
    }
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source.type === 'Literal' ? node.source : null),
    }
  },
}

export default { rules: { 'module-direction': moduleDirection } }

/**
 * Lint rule `atelier/import-boundaries`: a folder may not import from the folders its options
 * forbid. Import strings are resolved against the importing file (and the `@shared` /
 * `@renderer` aliases), so `../../shell/x`, `../shell` and an alias all count the same; a bare
 * package name is never a boundary crossing.
 *
 * Options: `{ forbidden: string[], message: string }`, each forbidden entry a repo-relative
 * folder or module path without extension (`src/main/shell`, `src/main/index`).
 */
import { dirname, relative, resolve, sep } from 'node:path'

const ALIASES = {
  '@shared': 'src/shared',
  '@renderer': 'src/renderer/src',
}
const SOURCE_EXTENSION = /\.(?:[cm]?[jt]sx?)$/

/** The repo-relative module path an import string points at, or null for a package import. */
function resolveImport(specifier, importingFile, root) {
  let absolute = null
  if (specifier.startsWith('.')) absolute = resolve(dirname(importingFile), specifier)
  else {
    for (const [alias, target] of Object.entries(ALIASES)) {
      if (specifier === alias || specifier.startsWith(`${alias}/`)) {
        absolute = resolve(root, target, specifier.slice(alias.length + 1))
      }
    }
  }
  if (absolute === null) return null
  return relative(root, absolute).split(sep).join('/').replace(SOURCE_EXTENSION, '')
}

function crosses(modulePath, forbidden) {
  return forbidden.some(
    (area) =>
      modulePath === area || modulePath.startsWith(`${area}/`) || modulePath === `${area}/index`,
  )
}

const importBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid imports that cross an architectural boundary' },
    schema: [
      {
        type: 'object',
        properties: {
          forbidden: { type: 'array', items: { type: 'string' }, minItems: 1 },
          message: { type: 'string' },
        },
        required: ['forbidden', 'message'],
        additionalProperties: false,
      },
    ],
  },
  create(context) {
    const { forbidden, message } = context.options[0]
    const root = context.cwd
    const check = (node, source) => {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return
      const target = resolveImport(source.value, context.filename, root)
      if (target !== null && crosses(target, forbidden)) {
        context.report({ node: source, message: `${message} (imports ${target})` })
      }
    }
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') {
          check(node, node.arguments[0])
        }
      },
    }
  },
}

/**
 * Rule `atelier/shared-via-alias`: code outside src/shared imports it as `@shared/…`, never by a
 * relative path, so one module has one name everywhere (and a move never rewrites the contract's
 * importers). Fixable.
 */
const sharedViaAlias = {
  meta: {
    type: 'suggestion',
    fixable: 'code',
    docs: { description: 'Import src/shared through the @shared alias' },
    schema: [],
  },
  create(context) {
    const root = context.cwd
    const check = (source) => {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return
      if (!source.value.startsWith('.')) return
      const target = resolveImport(source.value, context.filename, root)
      if (target === null || !target.startsWith('src/shared/')) return
      const alias = `@shared/${target.slice('src/shared/'.length)}`.replace(/\/index$/, '')
      context.report({
        node: source,
        message: `import shared code as '${alias}'`,
        fix: (fixer) => fixer.replaceText(source, `'${alias}'`),
      })
    }
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    }
  },
}

export default {
  rules: { 'import-boundaries': importBoundaries, 'shared-via-alias': sharedViaAlias },
}

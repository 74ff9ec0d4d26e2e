/**
 * Who imports each export of the product code (src/): a map from "file#name" to the files that
 * import that name, built with the TypeScript checker so aliases, re-exports, namespace imports
 * (`ns.name`) and lazy imports (`import('./x').then((m) => m.name)`) all resolve to the module
 * that declares the export.
 */
import { readdirSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import ts from 'typescript'

export const ROOT = join(__dirname, '../..')

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name)
    if (d.isDirectory()) return d.name === 'node_modules' ? [] : files(path)
    return /\.(?:ts|tsx|mts)$/.test(d.name) && !d.name.endsWith('.d.ts') ? [path] : []
  })
}

/** The build configuration decides what ships, so what it imports counts as product use. */
const BUILD_CONFIGS = ['electron.vite.config.ts']
const isProduct = (file: string) => file.startsWith('src/') || BUILD_CONFIGS.includes(file)

const rel = (f: string) => relative(ROOT, f).split(sep).join('/')

export interface ExportUse {
  /** Repo-relative file that declares the export. */
  file: string
  name: string
  /** Repo-relative files importing it, the declaring file excluded. */
  importers: Set<string>
  typeOnly: boolean
  /** Referenced inside its own module (product code runs it; tests may check it directly). */
  usedInModule: boolean
}

export function exportImporters(): Map<string, ExportUse> {
  const all = [
    ...['src', 'test', 'scripts'].flatMap((d) => files(join(ROOT, d))),
    ...BUILD_CONFIGS.map((f) => join(ROOT, f)),
  ]
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    jsx: ts.JsxEmit.ReactJSX,
    noEmit: true,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
    baseUrl: ROOT,
    paths: { '@shared/*': ['src/shared/*'], '@renderer/*': ['src/renderer/src/*'] },
  }
  // Only the repository's own modules are resolved: packages' typings are not needed to see who
  // imports what, and loading them would multiply the time.
  const host = ts.createCompilerHost(options)
  host.resolveModuleNameLiterals = (literals, containingFile) =>
    literals.map((literal) => {
      const name = literal.text
      if (!name.startsWith('.') && !name.startsWith('@shared/') && !name.startsWith('@renderer/'))
        return { resolvedModule: undefined }
      return ts.resolveModuleName(name, containingFile, options, host)
    })
  const program = ts.createProgram(all, options, host)
  const checker = program.getTypeChecker()
  const uses = new Map<string, ExportUse>()
  const key = (file: string, name: string) => `${file}#${name}`

  // Every export declared in src/.
  for (const sf of program.getSourceFiles()) {
    const file = rel(sf.fileName)
    if (!file.startsWith('src/') || sf.isDeclarationFile) continue
    const moduleSymbol = checker.getSymbolAtLocation(sf)
    if (!moduleSymbol) continue
    for (const sym of checker.getExportsOfModule(moduleSymbol)) {
      const target = sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym
      const decl = target.declarations?.[0]
      if (!decl || rel(decl.getSourceFile().fileName) !== file) continue // re-export
      const typeOnly = !(target.flags & ts.SymbolFlags.Value)
      uses.set(key(file, sym.name), {
        file,
        name: sym.name,
        importers: new Set(),
        typeOnly,
        usedInModule: false,
      })
    }
  }

  const note = (symbol: ts.Symbol | undefined, importer: string) => {
    if (!symbol) return
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol
    for (const decl of target.declarations ?? []) {
      const file = rel(decl.getSourceFile().fileName)
      if (file === importer) continue
      const use = uses.get(key(file, target.name)) ?? uses.get(key(file, symbol.name))
      use?.importers.add(importer)
    }
  }

  for (const sf of program.getSourceFiles()) {
    const importer = rel(sf.fileName)
    if (importer.startsWith('node_modules') || sf.isDeclarationFile) continue
    const visit = (node: ts.Node) => {
      if (ts.isImportSpecifier(node) || ts.isExportSpecifier(node) || ts.isImportClause(node)) {
        note(checker.getSymbolAtLocation(node.name ?? node), importer)
      } else if (ts.isPropertyAccessExpression(node)) {
        // `ns.name` on a namespace import, or `m.name` on a lazily imported module.
        const sym = checker.getSymbolAtLocation(node.name)
        if (sym?.declarations?.some((d) => d.getSourceFile() !== sf)) {
          const owner = checker.getSymbolAtLocation(node.expression)
          const resolved =
            owner && owner.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(owner) : owner
          const typeSymbol = checker.getTypeAtLocation(node.expression).getSymbol()
          const isModule = [resolved, typeSymbol].some(
            (x) => x !== undefined && (x.flags & ts.SymbolFlags.ValueModule) !== 0,
          )
          if (isModule) note(sym, importer)
        }
      } else if (ts.isIdentifier(node) && importer.startsWith('src/')) {
        // A use of one of this module's own exports outside its own declaration (a recursive
        // call or a class naming itself is not a use by the product).
        const parent = node.parent as ts.NamedDeclaration
        if (parent.name !== node) {
          const sym = checker.getSymbolAtLocation(node)
          const decl = sym?.declarations?.[0]
          const inside = decl !== undefined && node.pos >= decl.pos && node.end <= decl.end
          if (sym && decl && decl.getSourceFile() === sf && !inside) {
            const use = uses.get(key(importer, sym.name))
            if (use) use.usedInModule = true
          }
        }
      }
      ts.forEachChild(node, visit)
    }
    visit(sf)
  }
  return uses
}

/** Exports no product file imports but a test, benchmark or script does. */
export function exportsOnlyOutsideProduct(uses: Map<string, ExportUse>): ExportUse[] {
  return [...uses.values()].filter(
    (u) => u.importers.size > 0 && [...u.importers].every((f) => !isProduct(f)),
  )
}

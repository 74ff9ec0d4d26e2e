/**
 * The wiring stays typed and the product stays free of test scaffolding:
 * - no product export exists for tests alone: each is imported by product code or used by its own
 *   module (tests may then check the real value or rule directly), per the importer map of
 *   test/support/export-importers.ts;
 * - every core service is required (no optional members in CoreServices);
 * - no `import.meta.glob` in product code (dependencies are imports the type checker sees);
 * - the README's "Follow one hook event" names at most six files, and they exist.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { exportImporters, exportsOnlyOutsideProduct, ROOT } from '../../support/export-importers'

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name)
    if (d.isDirectory()) return files(path)
    return /\.(?:ts|tsx|mts)$/.test(d.name) ? [path] : []
  })
}

describe('seams', () => {
  // Type-checks the whole repository (several seconds of CPU): a generous bound, only for a hang.
  it('has no product export that only tests, benches or scripts use', { timeout: 300_000 }, () => {
    const uses = exportImporters()
    const testOnly = exportsOnlyOutsideProduct(uses)
      .filter((u) => !u.usedInModule)
      .map((u) => `${u.file}#${u.name} ← ${[...u.importers].join(', ')}`)
    expect(testOnly).toEqual([])
    // The map is not empty by accident: the ingest is imported by the composition root.
    expect([...(uses.get('src/main/core/events/ingest.ts#Ingest')?.importers ?? [])]).toContain(
      'src/main/core/app.ts',
    )
  })

  it('requires every core service', () => {
    const file = join(ROOT, 'src/main/core/services.ts')
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true)
    const services = sf.statements.find(
      (s): s is ts.InterfaceDeclaration =>
        ts.isInterfaceDeclaration(s) && s.name.text === 'CoreServices',
    )
    expect(services, 'CoreServices in services.ts').toBeDefined()
    const optional = services!.members
      .filter((m) => m.questionToken !== undefined)
      .map((m) => m.name?.getText(sf))
    expect(services!.members.length).toBeGreaterThan(5)
    expect(optional).toEqual([])
  })

  it('loads no product module through import.meta.glob', () => {
    const globbing = files(join(ROOT, 'src'))
      .filter((f) => readFileSync(f, 'utf8').includes('import.meta.glob'))
      .map((f) => f.slice(ROOT.length + 1))
    expect(globbing).toEqual([])
  })

  it('follows one hook event through at most six files, and they exist', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
    const start = readme.indexOf('Follow one hook event')
    expect(start).toBeGreaterThanOrEqual(0)
    const section = readme.slice(start, readme.indexOf('\n\n', readme.indexOf('\n1. ', start)))
    const named = [...section.matchAll(/`(src\/[^`]+\.tsx?)`/g)].map((m) => m[1])
    expect(named.length).toBeGreaterThan(0)
    expect(named.length).toBeLessThanOrEqual(6)
    for (const file of named) expect(existsSync(join(ROOT, file)), file).toBe(true)
  })
})

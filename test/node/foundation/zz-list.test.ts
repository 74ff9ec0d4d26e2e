import { it } from 'vitest'
import { exportImporters, exportsOnlyOutsideProduct } from '/work/wt/seams/test/support/export-importers'
it('list', { timeout: 300_000 }, () => {
  const u = exportImporters()
  const l = exportsOnlyOutsideProduct(u)
  console.log(l.map((x) => `${x.usedInModule ? 'INMOD' : 'TESTONLY'} ${x.typeOnly ? 'type' : 'value'} ${x.file}#${x.name} <- ${[...x.importers].join(',')}`).join('\n'))
})

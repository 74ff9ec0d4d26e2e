/** Compiles src/main/hook-shim.ts to a standalone .js (as the app build does) for tests. */
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build } from 'esbuild'

export async function buildHookShim(): Promise<string> {
  const outfile = join(await mkdtemp(join(tmpdir(), 'atelier-shim-')), 'hook-shim.js')
  await build({
    entryPoints: [resolve('src/main/hook-shim.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'silent',
  })
  return outfile
}

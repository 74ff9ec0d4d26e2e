/**
 * The event-writer thread from TypeScript sources, for cores and stores that tests start from a
 * source checkout (the app starts the bundled out/main/event-writer.js instead). A small CommonJS
 * bootstrap registers tsx inside the thread and loads store/writer/worker.ts; it is written once per
 * content under the temp folder, atomically, so parallel test processes can share it.
 */
import { createHash } from 'node:crypto'
import { existsSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const ROOT = resolve(__dirname, '../..')

export function sourceWriterScript(): string {
  const source = [
    `const { register } = require(${JSON.stringify(require.resolve('tsx/cjs/api'))})`,
    `register({ tsconfig: ${JSON.stringify(join(ROOT, 'tsconfig.node.json'))} })`,
    `require(${JSON.stringify(join(ROOT, 'src/main/core/store/writer/worker.ts'))})`,
    '',
  ].join('\n')
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16)
  const file = join(tmpdir(), `atelier-source-writer-${hash}.cjs`)
  if (!existsSync(file)) {
    const partial = `${file}.${process.pid}.tmp`
    writeFileSync(partial, source)
    renameSync(partial, file)
  }
  return file
}

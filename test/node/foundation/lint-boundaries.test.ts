/** The architecture's boundaries are enforced by lint, not by convention. */
import { describe, expect, it } from 'vitest'
import { ESLint } from 'eslint'
import { join } from 'node:path'

const root = join(import.meta.dirname, '../../..')
const eslint = new ESLint({ cwd: root })

async function ruleIds(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) })
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`)
}

describe('lint boundaries', () => {
  it("fails `import 'electron'` anywhere under src/main/core", async () => {
    for (const file of [
      'src/main/core/app.ts',
      'src/main/core/store/new-module.ts',
      'src/main/core/deep/er/x.ts',
    ]) {
      const messages = await ruleIds("import 'electron'\n", file)
      expect(messages.join('\n')).toMatch(/no-restricted-imports.*never import electron/)
    }
    const fromSub = await ruleIds(
      "import { app } from 'electron/main'\nexport const a = app\n",
      'src/main/core/x.ts',
    )
    expect(fromSub.join('\n')).toMatch(/no-restricted-imports/)
  })

  it('allows electron in the shell', async () => {
    const messages = await ruleIds(
      "import { app } from 'electron'\nexport const a = app\n",
      'src/main/shell/x.ts',
    )
    expect(messages.filter((m) => m.startsWith('no-restricted-imports'))).toEqual([])
  })

  it('allows child_process and node-pty only in the spawn chokepoint', async () => {
    const code = "import { spawn } from 'node:child_process'\nexport const s = spawn\n"
    expect((await ruleIds(code, 'src/main/core/git/x.ts')).join('\n')).toMatch(/spawn\.ts/)
    expect(
      (
        await ruleIds(
          "import * as pty from 'node-pty'\nexport const p = pty\n",
          'src/main/core/sessions/x.ts',
        )
      ).join('\n'),
    ).toMatch(/spawn\.ts/)
    expect(
      (await ruleIds(code, 'src/main/core/process/spawn.ts')).filter((m) =>
        m.startsWith('no-restricted-imports'),
      ),
    ).toEqual([])
  })

  it('keeps src/shared free of Node and Electron', async () => {
    expect(
      (
        await ruleIds(
          "import { readFileSync } from 'node:fs'\nexport const r = readFileSync\n",
          'src/shared/x.ts',
        )
      ).join('\n'),
    ).toMatch(/pure TypeScript/)
  })
})

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

  it('fails any import from the shell or an entry point anywhere under src/main/core', async () => {
    const cases: [string, string][] = [
      ["import { x } from '../shell/desktop/argv'\nexport const y = x\n", 'src/main/core/app.ts'],
      ["import { x } from '../../shell/tray'\nexport const y = x\n", 'src/main/core/notify/x.ts'],
      ["export * from '../../shell/updater'\n", 'src/main/core/git/x.ts'],
      ["export const m = () => import('../index')\n", 'src/main/core/x.ts'],
      ["const h = require('../headless.ts')\nexport { h }\n", 'src/main/core/x.ts'],
    ]
    for (const [code, file] of cases) {
      expect((await ruleIds(code, file)).join('\n'), `${file}: ${code}`).toMatch(
        /atelier\/import-boundaries: src\/main\/core imports nothing from the shell/,
      )
    }
  })

  it('lets the core import itself and shared code, and the shell import the core', async () => {
    const allowed: [string, string][] = [
      ["import { x } from '../store/db'\nexport const y = x\n", 'src/main/core/git/x.ts'],
      ["import { x } from '@shared/events'\nexport const y = x\n", 'src/main/core/x.ts'],
      ["import { x } from '../core/app'\nexport const y = x\n", 'src/main/shell/x.ts'],
      // a folder that merely contains the word is not the shell
      ["import { x } from './shell-quote'\nexport const y = x\n", 'src/main/core/sessions/x.ts'],
    ]
    for (const [code, file] of allowed) {
      const messages = await ruleIds(code, file)
      expect(
        messages.filter((m) => m.startsWith('atelier/')),
        `${file}: ${code}`,
      ).toEqual([])
    }
  })

  it('wants shared code imported as @shared/…, never by a relative path', async () => {
    for (const [code, file] of [
      ["import { x } from '../../shared/events'\nexport const y = x\n", 'src/main/core/x.ts'],
      ["import type { X } from '../shared/contract'\nexport type Y = X\n", 'src/preload/x.ts'],
    ]) {
      const messages = await ruleIds(code, file)
      expect(messages, `${file}: ${code}`).toHaveLength(1)
      expect(messages[0]).toMatch(/^atelier\/shared-via-alias: import shared code as '@shared\//)
    }
    const inside = "import { x } from './events'\nexport const y = x\n"
    expect(await ruleIds(inside, 'src/shared/x.ts')).toEqual([])
  })

  it('fails any import from src/main in the renderer, however it is spelled', async () => {
    for (const [code, file] of [
      ["import { x } from '../../main/core/app'\nexport const y = x\n", 'src/renderer/src/x.ts'],
      [
        "import type { X } from '../../../main/shell/ipc'\nexport type Y = X\n",
        'src/renderer/src/store/x.ts',
      ],
      [
        "import { x } from '@shared/../main/core/app'\nexport const y = x\n",
        'src/renderer/src/x.tsx',
      ],
    ] as [string, string][]) {
      expect((await ruleIds(code, file)).join('\n'), `${file}: ${code}`).toMatch(
        /atelier\/import-boundaries: the renderer imports nothing from src\/main/,
      )
    }
    const shared = await ruleIds(
      "import { x } from '@shared/events'\nexport const y = x\n",
      'src/renderer/src/x.ts',
    )
    expect(shared.filter((m) => m.startsWith('atelier/'))).toEqual([])
  })

  it('keeps the shell’s own logic free of Electron, except the electron-updater adapter', async () => {
    const code = "import { app } from 'electron'\nexport const a = app\n"
    expect((await ruleIds(code, 'src/main/shell/desktop/x.ts')).join('\n')).toMatch(
      /plain Node in tests/,
    )
    expect(
      (
        await ruleIds(
          "import { autoUpdater } from 'electron-updater'\nexport const a = autoUpdater\n",
          'src/main/shell/updater/feed.ts',
        )
      ).join('\n'),
    ).toMatch(/electron-source\.ts/)
    const adapter = await ruleIds(
      "import { autoUpdater } from 'electron-updater'\nexport const a = autoUpdater\n",
      'src/main/shell/updater/electron-source.ts',
    )
    expect(adapter.filter((m) => m.startsWith('no-restricted-imports'))).toEqual([])
  })
})

/** src/main/core runs under plain Node (tests, headless mode): nothing in it may load Electron. */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../../..')
const coreDir = join(root, 'src/main/core')
const ELECTRON_IMPORT =
  /(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)['"](electron|electron\/[^'"]*|electron-updater)['"]/

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(join(dir, e.name))
      : /\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(e.name)
        ? [join(dir, e.name)]
        : [],
  )
}

describe('src/main/core is Electron-free', () => {
  it('the pattern catches every import form', () => {
    for (const line of [
      "import { app } from 'electron'",
      'import "electron"',
      "const e = require('electron')",
      "await import('electron/main')",
      "import type { BrowserWindow } from 'electron'",
      "import { autoUpdater } from 'electron-updater'",
    ]) {
      expect(ELECTRON_IMPORT.test(line), line).toBe(true)
    }
    expect(ELECTRON_IMPORT.test("import { x } from 'electron-free-thing'")).toBe(false)
  })

  it('no file under src/main/core imports electron or electron-updater', () => {
    const files = sourceFiles(coreDir)
    expect(files.length).toBeGreaterThan(0)
    const offenders = files
      .filter((f) => ELECTRON_IMPORT.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f))
    expect(offenders).toEqual([])
  })
})

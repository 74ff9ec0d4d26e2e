/** The security settings of every BrowserWindow the shell creates, read from the factory itself. */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it, vi } from 'vitest'

const created: unknown[] = []
vi.mock('electron', () => {
  class BrowserWindow {
    webContents = { id: 1 }
    constructor(options: unknown) {
      created.push(options)
    }
    once() {}
    on() {}
  }
  return {
    BrowserWindow,
    nativeTheme: { shouldUseDarkColors: true, on: vi.fn(), off: vi.fn() },
  }
})

const { createMainWindow, mainWindowOptions, SECURE_WEB_PREFERENCES, WINDOW_BACKGROUND } =
  await import('../../../src/main/shell/window')
const root = join(import.meta.dirname, '../../..')
const restored = { bounds: { width: 1200, height: 800 }, maximized: false, fullScreen: false }

describe('BrowserWindow factory', () => {
  it('isolates the renderer', () => {
    const prefs = mainWindowOptions({
      preloadPath: '/app/out/preload/index.js',
      restored,
      dark: false,
      title: 'Atelier',
    }).webPreferences
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/app/out/preload/index.js',
    })
  })

  it('starts hidden on a theme-matched background (no white flash)', () => {
    const dark = mainWindowOptions({ preloadPath: 'p', restored, dark: true, title: 'Atelier' })
    expect(dark.show).toBe(false)
    expect(dark.backgroundColor).toBe(WINDOW_BACKGROUND.dark)
    expect(
      mainWindowOptions({ preloadPath: 'p', restored, dark: false, title: 'Atelier' })
        .backgroundColor,
    ).toBe(WINDOW_BACKGROUND.light)
  })

  it('creates windows with exactly those options', () => {
    createMainWindow({ preloadPath: '/p.js', restored, title: 'Atelier', startHidden: false })
    const options = created.at(-1) as {
      webPreferences: Record<string, unknown>
      show: boolean
      backgroundColor: string
    }
    expect(options.webPreferences).toEqual({ ...SECURE_WEB_PREFERENCES, preload: '/p.js' })
    expect(options.show).toBe(false)
    expect(options.backgroundColor).toBe(WINDOW_BACKGROUND.dark) // nativeTheme says dark
  })

  it('is the only place in the shell that constructs a BrowserWindow or loosens webPreferences', () => {
    const files = (function walk(dir: string): string[] {
      return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory()
          ? walk(join(dir, e.name))
          : e.name.endsWith('.ts')
            ? [join(dir, e.name)]
            : [],
      )
    })(join(root, 'src/main'))
    const constructing = files.filter((f) =>
      /new\s+BrowserWindow\s*\(/.test(readFileSync(f, 'utf8')),
    )
    expect(constructing.map((f) => relative(root, f))).toEqual(['src/main/shell/window.ts'])
    const loosening = files.filter((f) =>
      /(nodeIntegration|sandbox|contextIsolation|webSecurity|webviewTag)\s*:\s*(true|false)/.test(
        readFileSync(f, 'utf8'),
      ),
    )
    expect(loosening.map((f) => relative(root, f))).toEqual(['src/main/shell/window.ts'])
  })
})

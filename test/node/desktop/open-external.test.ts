/**
 * The shell's one opener: a link to something on disk is revealed in the file manager, never
 * opened — on macOS an `.app` bundle is a folder, and "opening" a folder a link points at could
 * launch an app from a cloned repository. Web links go to the browser.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'

const shell = {
  openExternal: vi.fn(async () => undefined),
  openPath: vi.fn(async () => ''),
  showItemInFolder: vi.fn(),
}
vi.mock('electron', () => ({ shell }))
const { openExternalTarget } = await import('../../../src/main/shell/external')

const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() }
const dir = mkdtempSync(join(tmpdir(), 'atelier-open-'))
const bundle = join(dir, 'Evil.app')
mkdirSync(join(bundle, 'Contents', 'MacOS'), { recursive: true })
const script = join(dir, 'run-me.sh')
writeFileSync(script, '#!/bin/sh\n', { mode: 0o755 })

beforeEach(() => {
  for (const fn of Object.values(shell)) fn.mockClear()
})

describe('openExternalTarget', () => {
  it.each([
    ['an .app bundle (a folder on macOS)', bundle],
    ['a plain folder', dir],
    ['an executable file', script],
  ])('reveals %s in the file manager and launches nothing', (_label, target) => {
    openExternalTarget(target, log as never)
    expect(shell.showItemInFolder).toHaveBeenCalledWith(target)
    expect(shell.openPath).not.toHaveBeenCalled()
    expect(shell.openExternal).not.toHaveBeenCalled()
  })

  it('sends web links to the browser', () => {
    openExternalTarget('https://example.com/docs', log as never)
    expect(shell.openExternal).toHaveBeenCalledWith('https://example.com/docs')
    expect(shell.openPath).not.toHaveBeenCalled()
  })

  it('refuses a missing path and other schemes without touching the OS', () => {
    for (const target of [join(dir, 'missing'), `file://${dir}`, 'vscode://file/x'])
      expect(() => openExternalTarget(target, log as never)).toThrow(/cannot open/)
    expect(shell.showItemInFolder).not.toHaveBeenCalled()
    expect(shell.openPath).not.toHaveBeenCalled()
    expect(shell.openExternal).not.toHaveBeenCalled()
  })
})

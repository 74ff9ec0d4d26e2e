import { mkdtempSync, readFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  applyLinuxAutostart,
  autostartDesktopEntry,
  AUTOSTART_FILE_NAME,
} from '../../../src/main/shell/desktop/autostart'
import { createCrashLoopGuard } from '../../../src/main/shell/desktop/crash-loop'
import {
  contentSecurityPolicy,
  metaContentSecurityPolicy,
} from '../../../src/main/shell/desktop/csp'
import {
  assessQuitImpact,
  quitConfirmationMessage,
} from '../../../src/main/shell/desktop/quit-guard'
import { resolveRendererLocation } from '../../../src/main/shell/desktop/renderer-origin'
import { trayIconFile, trayTooltip } from '../../../src/main/shell/desktop/tray-snapshot'

const session = (
  id: string,
  backend: 'pty' | 'tmux' | null,
  alive: boolean,
  status = 'idle',
  order = 0,
) => ({
  id,
  name: `name-${id}`,
  backend,
  alive,
  status,
  order,
  cwd: '/x',
})

describe('quit guard', () => {
  it('asks only about running pty sessions and mentions surviving tmux ones', () => {
    const impact = assessQuitImpact({
      sessions: [
        session('a', 'pty', true),
        session('b', 'pty', false),
        session('c', 'tmux', true),
        session('d', null, true),
      ],
    })
    expect(impact).toEqual({ endingSessions: [{ id: 'a', name: 'name-a' }], survivingCount: 1 })
    const q = quitConfirmationMessage(impact)!
    expect(q.message).toBe('Quit and end 1 running session?')
    expect(q.detail).toContain('• name-a')
    expect(q.detail).toContain('1 tmux session will keep running')
  })

  it('does not ask when nothing would be lost, or when the list is unreadable', () => {
    expect(
      quitConfirmationMessage(assessQuitImpact({ sessions: [session('c', 'tmux', true)] })),
    ).toBeNull()
    expect(quitConfirmationMessage(assessQuitImpact({ nope: true }))).toBeNull()
  })
})

describe('tray icons', () => {
  it('uses template images on macOS only, and every named icon exists', () => {
    const trayDir = join(import.meta.dirname, '../../../resources/tray')
    for (const state of ['idle', 'working', 'attention'] as const) {
      for (const platform of ['darwin', 'linux'] as const) {
        expect(existsSync(join(trayDir, trayIconFile(state, platform)))).toBe(true)
      }
    }
    expect(trayIconFile('idle', 'darwin')).toBe('tray-idleTemplate.png')
    expect(trayIconFile('attention', 'linux')).toBe('tray-attention.png')
  })

  it('adds the paused state to the core’s tooltip', () => {
    const state = {
      state: 'attention' as const,
      needYou: [],
      working: 0,
      tooltip: 'Atelier — 2 sessions need you',
      queue: [],
    }
    expect(trayTooltip(state, true)).toBe('Atelier — 2 sessions need you · notifications paused')
    expect(trayTooltip(state, false)).toBe(state.tooltip)
  })
})

describe('content security policy', () => {
  it('packaged: self only, no eval, no inline script, blob workers', () => {
    const csp = contentSecurityPolicy(resolveRendererLocation(undefined, '/x/index.html'))
    expect(csp).not.toContain('unsafe-eval')
    expect(csp).toMatch(/script-src 'self'(;|$)/)
    expect(csp).toContain("worker-src 'self' blob:")
    expect(csp).toContain("object-src 'none'")
    expect(csp).not.toMatch(/ws:|http:/)
  })

  it('dev: adds the loopback dev server and its HMR socket, still no eval', () => {
    const csp = contentSecurityPolicy(resolveRendererLocation('http://localhost:5173', '/x'))
    expect(csp).toContain("connect-src 'self' http://localhost:5173 ws://localhost:5173")
    expect(csp).not.toContain('unsafe-eval')
  })

  it('meta tag: the packaged policy minus what a <meta> cannot carry', () => {
    const packaged = contentSecurityPolicy(resolveRendererLocation(undefined, '/x/index.html'))
    const meta = metaContentSecurityPolicy()
    expect(meta).not.toContain('frame-ancestors')
    expect(meta).toMatch(/script-src 'self'(;|$)/)
    expect(`${meta}; frame-ancestors 'none'`).toBe(packaged)
  })
})

describe('renderer crash loop guard', () => {
  it('reloads a few times, then stops, and forgets old crashes', () => {
    const guard = createCrashLoopGuard(3, 60_000)
    expect([0, 1000, 2000].map((t) => guard.shouldReload(t))).toEqual([true, true, true])
    expect(guard.shouldReload(3000)).toBe(false)
    expect(guard.shouldReload(3000 + 120_000)).toBe(true)
  })
})

describe('Linux autostart', () => {
  it('writes and removes an XDG autostart entry with a quoted Exec line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atelier-autostart-'))
    const file = applyLinuxAutostart(true, '/home/me/Apps/Atelier 1.0.AppImage', ['--hidden'], dir)
    expect(file).toBe(join(dir, AUTOSTART_FILE_NAME))
    expect(readFileSync(file, 'utf8')).toContain(
      'Exec="/home/me/Apps/Atelier 1.0.AppImage" --hidden\n',
    )
    applyLinuxAutostart(false, '/x', [], dir)
    expect(existsSync(file)).toBe(false)
    expect(autostartDesktopEntry('/a$b', ['100%'])).toContain('Exec="/a\\$b" "100%%"')
  })
})

/**
 * Global "observe every session" hooks: merged into ~/.claude/settings.json without clobbering,
 * backed up, idempotent, fully reversible, no secret in the settings file — and the installed
 * hook really delivers events to a running app.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import {
  globalHookStatus,
  installGlobalHooks,
  shellQuote,
  stableRuntimePath,
  uninstallGlobalHooks,
  GLOBAL_HOOK_EVENTS,
} from '../../../../src/main/core/agents/claude/global-hooks'
import { buildHookShim } from '../../../support/hook-shim-build'
import { startTestCore, waitFor, type TestCore } from '../../../support/core'
import { HANG_TIMEOUT_MS } from '../../../support/patience'

const userHooks = {
  theme: 'dark',
  hooks: {
    PreToolUse: [
      { matcher: 'Bash', hooks: [{ type: 'command', command: '/usr/local/bin/my-guard' }] },
    ],
    Stop: [{ hooks: [{ type: 'command', command: 'say done' }] }],
  },
}

let dir: string
let shim: string
let t: TestCore
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atelier-global-hooks-'))
  shim = await buildHookShim()
  t = await startTestCore({ shimPath: shim })
})
afterAll(async () => {
  await t.close()
})

function paths(name: string) {
  return {
    settingsFile: join(dir, name, 'settings.json'),
    hooksDir: join(dir, name, 'atelier-hooks'),
  }
}

function install(p: ReturnType<typeof paths>, nodePath = process.execPath) {
  return installGlobalHooks(p, {
    shimSource: shim,
    nodePath,
    hookSocket: t.core.info.hookSocket,
    tokenFile: join(t.dataDir, 'hook-token'),
  })
}

describe('global hooks', () => {
  it('merges into existing settings, backs up first, and is idempotent', () => {
    const p = paths('merge')
    spawnSync('mkdir', ['-p', join(dir, 'merge')])
    writeFileSync(p.settingsFile, JSON.stringify(userHooks, null, 2))
    const first = install(p)
    expect(first.installed).toBe(true)
    expect(first.backups).toHaveLength(1)
    expect(JSON.parse(readFileSync(first.backups[0], 'utf8'))).toEqual(userHooks)
    install(p)
    const settings = JSON.parse(readFileSync(p.settingsFile, 'utf8'))
    expect(settings.theme).toBe('dark')
    expect(settings.hooks.PreToolUse).toHaveLength(2)
    expect(settings.hooks.PreToolUse[0]).toEqual(userHooks.hooks.PreToolUse[0])
    expect(settings.hooks.Stop).toHaveLength(2)
    for (const e of GLOBAL_HOOK_EVENTS) {
      const ours = settings.hooks[e].filter((x: { hooks: { command: string }[] }) =>
        x.hooks[0].command.includes('atelier-hook'),
      )
      expect(ours, e).toHaveLength(1)
    }
    expect(settings.hooks.PermissionRequest).toBeUndefined()
  })

  it('writes no secret into settings.json; the wrapper is private', () => {
    const p = paths('secret')
    install(p)
    const text = readFileSync(p.settingsFile, 'utf8')
    expect(text).not.toContain(t.core.info.token)
    const wrapper = join(p.hooksDir, 'atelier-hook')
    expect(readFileSync(wrapper, 'utf8')).not.toContain(t.core.info.token)
    const observerToken = readFileSync(join(t.dataDir, 'hook-token'), 'utf8').trim()
    expect(text).not.toContain(observerToken)
    expect(readFileSync(wrapper, 'utf8')).not.toContain(observerToken)
    expect(statSync(wrapper).mode & 0o077).toBe(0)
    expect(statSync(join(t.dataDir, 'token')).mode & 0o777).toBe(0o600)
  })

  it('uninstall removes exactly what install added', () => {
    const p = paths('reverse')
    spawnSync('mkdir', ['-p', join(dir, 'reverse')])
    writeFileSync(p.settingsFile, JSON.stringify(userHooks, null, 2))
    install(p)
    const after = uninstallGlobalHooks(p)
    expect(after.installed).toBe(false)
    expect(after.events).toEqual([])
    expect(JSON.parse(readFileSync(p.settingsFile, 'utf8'))).toEqual(userHooks)
  })

  it('a build without the shim is a clear "unavailable", and nothing is written', () => {
    const p = paths('noshim')
    expect(() =>
      installGlobalHooks(p, {
        shimSource: join(dir, 'missing', 'hook-shim.js'),
        nodePath: process.execPath,
        hookSocket: t.core.info.hookSocket,
        tokenFile: join(t.dataDir, 'hook-token'),
      }),
    ).toThrow(
      expect.objectContaining({ code: 'unavailable', message: expect.stringMatching(/shim/) }),
    )
    expect(existsSync(p.settingsFile)).toBe(false)
  })

  it('refuses to touch a settings file that is not valid JSON', () => {
    const p = paths('broken')
    spawnSync('mkdir', ['-p', join(dir, 'broken')])
    writeFileSync(p.settingsFile, '{ not json')
    expect(() => install(p)).toThrow(/not valid JSON.*nothing was changed/)
    expect(readFileSync(p.settingsFile, 'utf8')).toBe('{ not json')
  })

  it('the installed hook delivers an event to the app, from a data folder with a space', async () => {
    // The macOS default data folder is ~/Library/Application Support/Atelier.
    const p = {
      settingsFile: join(dir, 'live', 'settings.json'),
      hooksDir: join(dir, 'live', 'Application Support', "Atelier's hooks"),
    }
    install(p)
    const settings = JSON.parse(readFileSync(p.settingsFile, 'utf8'))
    const command: string = settings.hooks.UserPromptSubmit[0].hooks[0].command
    const payload = {
      hook_event_name: 'UserPromptSubmit',
      session_id: 'observed-1',
      cwd: '/tmp/observed-project',
      prompt: 'hello from outside',
    }
    // Claude Code runs a command hook's string through the shell.
    const r = spawnSync('/bin/sh', ['-c', command], {
      input: JSON.stringify(payload),
      env: { PATH: process.env.PATH ?? '' },
      timeout: HANG_TIMEOUT_MS,
    })
    expect(r.stderr.toString()).toBe('')
    expect(r.status).toBe(0)
    const sessions = await waitFor(async () => {
      const list = await t.api<{ sessions: { name: string; kind: string; lastPrompt?: string }[] }>(
        'sessions.list',
      )
      return list.sessions.find((s) => s.lastPrompt === 'hello from outside')
    })
    expect(sessions).toMatchObject({ kind: 'observed', name: 'observed-project' })
  })

  it("keeps the settings file's mode and owner", () => {
    const p = paths('mode')
    mkdirSync(join(dir, 'mode'), { recursive: true })
    writeFileSync(p.settingsFile, JSON.stringify(userHooks), { mode: 0o600 })
    // Tests run as root here; on a normal account the file is the user's own anyway.
    const owner = process.getuid?.() === 0 ? { uid: 1234, gid: 2345 } : null
    if (owner) chownSync(p.settingsFile, owner.uid, owner.gid)
    install(p)
    const installed = statSync(p.settingsFile)
    expect(installed.mode & 0o777).toBe(0o600)
    if (owner) expect([installed.uid, installed.gid]).toEqual([owner.uid, owner.gid])
    uninstallGlobalHooks(p)
    expect(statSync(p.settingsFile).mode & 0o777).toBe(0o600)
    // The backups hold the same content, so they get the same protection.
    for (const b of globalHookStatus(p).backups) expect(statSync(b).mode & 0o777).toBe(0o600)
  })

  it('writes through a symlinked settings.json (dotfiles) instead of replacing the link', () => {
    const p = paths('symlink')
    const dotfiles = join(dir, 'symlink', 'dotfiles')
    mkdirSync(dotfiles, { recursive: true })
    const real = join(dotfiles, 'claude-settings.json')
    writeFileSync(real, JSON.stringify(userHooks))
    symlinkSync(real, p.settingsFile)
    expect(install(p).installed).toBe(true)
    expect(lstatSync(p.settingsFile).isSymbolicLink()).toBe(true)
    expect(readlinkSync(p.settingsFile)).toBe(real)
    expect(globalHookStatus(p).installed).toBe(true)
    expect(JSON.parse(readFileSync(real, 'utf8')).hooks.Stop).toHaveLength(2)
    uninstallGlobalHooks(p)
    expect(lstatSync(p.settingsFile).isSymbolicLink()).toBe(true)
    expect(JSON.parse(readFileSync(real, 'utf8'))).toEqual(userHooks)
  })

  it('points at a stable runtime: the AppImage file, not its per-launch mount', () => {
    const appImage = '/home/me/Apps/Atelier-0.1.0.AppImage'
    const mounted = '/tmp/.mount_AteliXyZ12/atelier'
    expect(
      stableRuntimePath(mounted, { APPIMAGE: appImage, APPDIR: '/tmp/.mount_AteliXyZ12' }),
    ).toBe(appImage)
    expect(stableRuntimePath('/usr/lib/atelier/atelier', {})).toBe('/usr/lib/atelier/atelier')
    // A stray APPIMAGE variable (inherited by some other process) is not trusted.
    expect(stableRuntimePath('/usr/bin/node', { APPIMAGE: appImage })).toBe('/usr/bin/node')
  })

  it('every app start rewrites the wrapper for the running runtime', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'atelier-refresh-'))
    const p = {
      settingsFile: join(dataDir, 'claude-settings.json'),
      hooksDir: join(dataDir, 'hooks'),
    }
    install(p, '/tmp/.mount_AteliOld/atelier')
    const started = await startTestCore({ dataDir, shimPath: shim })
    try {
      const wrapper = readFileSync(join(p.hooksDir, 'atelier-hook'), 'utf8')
      expect(wrapper).not.toContain('.mount_AteliOld')
      expect(wrapper).toContain(shellQuote(process.execPath))
    } finally {
      await started.close()
    }
  })

  it('a hook whose runtime is gone (app moved or removed) exits 0 silently', () => {
    const p = paths('gone')
    install(p, join(dir, 'gone', 'no-such-runtime'))
    const settings = JSON.parse(readFileSync(p.settingsFile, 'utf8'))
    const r = spawnSync('/bin/sh', ['-c', settings.hooks.Stop[0].hooks[0].command], {
      input: '{"hook_event_name":"Stop","session_id":"x"}',
      env: { PATH: process.env.PATH ?? '' },
      timeout: HANG_TIMEOUT_MS,
    })
    expect({ status: r.status, out: `${r.stdout}${r.stderr}` }).toEqual({ status: 0, out: '' })
  })

  it('status via the contract reports the configured file', async () => {
    const status = await t.api<{ settingsPath: string; installed: boolean }>('hooks.status')
    expect(status.settingsPath).toBe(join(t.dataDir, 'claude-settings.json'))
    expect(status.installed).toBe(false)
    const installed = await t.api<{ installed: boolean }>('hooks.install')
    expect(installed.installed).toBe(true)
    expect(
      globalHookStatus({ settingsFile: status.settingsPath, hooksDir: join(t.dataDir, 'hooks') })
        .installed,
    ).toBe(true)
    expect((await t.api<{ installed: boolean }>('hooks.uninstall')).installed).toBe(false)
  })
})

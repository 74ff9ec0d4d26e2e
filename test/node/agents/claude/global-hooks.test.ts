/**
 * Global "observe every session" hooks: merged into ~/.claude/settings.json without clobbering,
 * backed up, idempotent, fully reversible, no secret in the settings file — and the installed
 * hook really delivers events to a running app.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import {
  globalHookStatus,
  installGlobalHooks,
  uninstallGlobalHooks,
  GLOBAL_HOOK_EVENTS,
} from '../../../../src/main/core/agents/claude/global-hooks'
import { buildHookShim } from '../../../support/hook-shim-build'
import { startTestCore, waitFor, type TestCore } from '../../../support/core'

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

function install(p: ReturnType<typeof paths>) {
  return installGlobalHooks(p, {
    shimSource: shim,
    nodePath: process.execPath,
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

  it('refuses to touch a settings file that is not valid JSON', () => {
    const p = paths('broken')
    spawnSync('mkdir', ['-p', join(dir, 'broken')])
    writeFileSync(p.settingsFile, '{ not json')
    expect(() => install(p)).toThrow(/not valid JSON.*nothing was changed/)
    expect(readFileSync(p.settingsFile, 'utf8')).toBe('{ not json')
  })

  it('the installed hook delivers an event to the app as an observed session', async () => {
    const p = paths('live')
    install(p)
    const settings = JSON.parse(readFileSync(p.settingsFile, 'utf8'))
    const command: string = settings.hooks.UserPromptSubmit[0].hooks[0].command
    expect(existsSync(command)).toBe(true)
    const payload = {
      hook_event_name: 'UserPromptSubmit',
      session_id: 'observed-1',
      cwd: '/tmp/observed-project',
      prompt: 'hello from outside',
    }
    const r = spawnSync(command, [], {
      input: JSON.stringify(payload),
      env: { PATH: process.env.PATH ?? '' },
      timeout: 5000,
    })
    expect(r.status).toBe(0)
    const sessions = await waitFor(async () => {
      const list = await t.api<{ sessions: { name: string; kind: string; lastPrompt?: string }[] }>(
        'sessions.list',
      )
      return list.sessions.find((s) => s.lastPrompt === 'hello from outside')
    })
    expect(sessions).toMatchObject({ kind: 'observed', name: 'observed-project' })
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

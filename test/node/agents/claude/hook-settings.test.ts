import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  buildHookSettings,
  EXEC_FORM_HOOKS_SINCE,
  httpHookEvents,
  MIN_CLAUDE_VERSION,
  sessionHookEnv,
  shimCommand,
  writeHookSettings,
} from '../../../../src/main/core/agents/claude/hook-settings'
import { statusLineCommand } from '../../../../src/main/core/agents/claude/status-line-command'
import {
  SPOOLED_EVENTS,
  spoolHook,
} from '../../../../src/main/core/agents/claude/spool-hook-command'
import { commandLine } from '../../../../src/main/core/sessions/backends/posix-shell-quote'
import { runProcess } from '../../../../src/main/core/process/spawn'

const shim = shimCommand('/usr/bin/node', '/app/out/main/hook-shim.js', false)

type Handler = {
  type: string
  url?: string
  timeout: number
  headers?: Record<string, string>
  allowedEnvVars?: string[]
  command?: string
  args?: string[]
}
type Group = { matcher?: string; hooks: Handler[] }

describe('hook settings', () => {
  const settings = buildHookSettings({ port: 47213, claudeVersion: '2.1.332', shim }) as {
    hooks: Record<string, Group[]>
    statusLine: { type: string; command: string }
  }

  it('posts every event but SessionStart over TLS to the loopback hook endpoint; report-only hooks ask for the early answer', () => {
    for (const [event, groups] of Object.entries(settings.hooks)) {
      if (event === 'SessionStart') continue
      for (const group of groups) {
        for (const h of group.hooks) {
          expect(h.type).toBe('http')
          expect(h.url).toBe('https://127.0.0.1:47213/hooks/claude')
          const waitsForUser = event === 'PermissionRequest' || group.matcher === 'AskUserQuestion'
          expect(h.headers).toEqual({
            Authorization: 'Bearer $ATELIER_SESSION_TOKEN',
            'X-Atelier-Session': '$ATELIER_SESSION_ID',
            // A hook the app may answer with a decision waits for it; the others only report.
            ...(waitsForUser ? {} : { Prefer: 'respond-async' }),
          })
          expect(h.allowedEnvVars).toEqual(['ATELIER_SESSION_TOKEN', 'ATELIER_SESSION_ID'])
          expect(h.timeout).toBe(waitsForUser ? 600 + 30 : 5)
        }
      }
    }
  })

  it('holds permission requests and questions a little longer than the permission timeout', () => {
    const s = buildHookSettings({
      port: 1,
      claudeVersion: '2.1.332',
      shim,
      permissionTimeoutS: 900,
    }) as typeof settings
    // The app's own timer (900 s) must settle first, so Claude waits 30 s more.
    expect(s.hooks.PermissionRequest[0].hooks[0].timeout).toBe(930)
    expect(s.hooks.PreToolUse.map((g) => [g.matcher, g.hooks[0].timeout])).toEqual([
      ['AskUserQuestion', 930],
      ['^(?!AskUserQuestion$).*', 5],
    ])
    // The general matcher must not also catch AskUserQuestion (it would arrive twice).
    const general = new RegExp(s.hooks.PreToolUse[1].matcher!)
    expect(general.test('AskUserQuestion')).toBe(false)
    expect(['Bash', 'Read', 'mcp__x__y', 'AskUserQuestions'].every((t) => general.test(t))).toBe(
      true,
    )
  })

  it('runs SessionStart through the shim in exec form', () => {
    expect(settings.hooks.SessionStart).toEqual([
      {
        hooks: [
          {
            type: 'command',
            command: '/usr/bin/node',
            args: ['/app/out/main/hook-shim.js'],
            timeout: 5,
          },
        ],
      },
    ])
  })

  it('runs the statusLine through bash alone, writing to the session status file', () => {
    const s = buildHookSettings({
      port: 1,
      claudeVersion: '2.1.332',
      shim,
      statusLine: { bash: '/bin/bash', statusFile: "/data/sessions/it's/status.json" },
    }) as typeof settings
    expect(s.statusLine).toEqual({
      type: 'command',
      command: statusLineCommand('/bin/bash', "/data/sessions/it's/status.json"),
      padding: 0,
    })
    expect(s.statusLine.command).toMatch(
      /^exec '\/bin\/bash' '--norc' '-p' '-c' '.*' 'atelier-statusline' /s,
    )
    expect(s.statusLine.command).not.toContain('node')
    // Without bash there is no statusLine at all.
    expect(settings).not.toHaveProperty('statusLine')
  })

  it('gives a CLI without exec-form hooks (before 2.1.139) a quoted shell line instead of args', async () => {
    // Such a CLI ignores `args` and would run the bare command: `/usr/bin/env` alone prints the
    // whole environment into Claude's context.
    const dir = await mkdtemp(join(tmpdir(), "atelier shim dir's "))
    const marker = join(dir, 'ran.txt')
    const script = join(dir, 'hook shim.js')
    await writeFile(script, `require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran')`)
    const old = buildHookSettings({
      port: 47213,
      claudeVersion: '2.1.100',
      shim: shimCommand(process.execPath, script, false),
    }) as { hooks: Record<string, Group[]> }
    const [handler] = old.hooks.SessionStart[0].hooks
    expect(handler).not.toHaveProperty('args')
    expect(handler.command).toBe(commandLine(process.execPath, [script]))
    // Claude Code runs a command string through the shell: the quoted line runs the shim itself.
    const run = await runProcess('/bin/sh', ['-c', handler.command!])
    expect(run.code).toBe(0)
    expect(await readFile(marker, 'utf8')).toBe('ran')

    const exec = buildHookSettings({ port: 47213, claudeVersion: '2.1.139', shim }) as {
      hooks: Record<string, Group[]>
    }
    expect(exec.hooks.SessionStart[0].hooks[0]).toMatchObject({
      command: '/usr/bin/node',
      args: ['/app/out/main/hook-shim.js'],
    })
  })

  it.each([
    [MIN_CLAUDE_VERSION, false],
    ['2.1.138', false],
    ['claude 2.1.138 (Claude Code)', false],
    [EXEC_FORM_HOOKS_SINCE, true],
    ['2.1.332 (Claude Code)', true],
  ])('gates the exec form by the CLI version: %s → args %s', (claudeVersion, execForm) => {
    const s = buildHookSettings({ port: 47213, claudeVersion, shim }) as {
      hooks: Record<string, Group[]>
    }
    const [handler] = s.hooks.SessionStart[0].hooks
    expect('args' in handler).toBe(execForm)
    // Without args the command alone must still name the shim, never a bare /usr/bin/env.
    const words = execForm ? handler.args : [handler.command]
    expect(words?.join(' ')).toContain('/app/out/main/hook-shim.js')
  })

  it('spools the events Claude need not wait for through async bash, and only those', () => {
    const spooled = buildHookSettings({
      port: 47213,
      claudeVersion: '2.1.332',
      shim,
      spool: { bash: '/usr/bin/bash', dir: "/data/sessions/it's/hook-spool" },
    }) as { hooks: Record<string, Group[]> }
    for (const [event, groups] of Object.entries(spooled.hooks)) {
      const handlers = groups.flatMap((g) => g.hooks)
      if (SPOOLED_EVENTS.has(event)) {
        expect(handlers).toEqual([spoolHook('/usr/bin/bash', "/data/sessions/it's/hook-spool")])
        expect(handlers[0]).toMatchObject({ type: 'command', async: true })
        // Exec form: the folder is one argument, never parsed by a shell.
        expect(handlers[0].args?.at(-1)).toBe("/data/sessions/it's/hook-spool")
      } else {
        // Everything else is as without a spool (http, or the SessionStart shim).
        expect(groups).toEqual(settings.hooks[event])
      }
    }
    expect([...SPOOLED_EVENTS].every((e) => e in spooled.hooks)).toBe(true)
    // A CLI without those events gets no spooled hook at all.
    const old = buildHookSettings({
      port: 47213,
      claudeVersion: '2.1.100',
      shim,
      spool: { bash: '/usr/bin/bash', dir: '/d' },
    }) as { hooks: Record<string, Group[]> }
    expect(JSON.stringify(old.hooks)).not.toContain('atelier-spool')
  })

  it('runs the shim under Electron with ELECTRON_RUN_AS_NODE set for the shim alone', () => {
    expect(shimCommand('/opt/Atelier/atelier', '/opt/r/hook-shim.js', true)).toEqual({
      command: '/usr/bin/env',
      args: ['ELECTRON_RUN_AS_NODE=1', '/opt/Atelier/atelier', '/opt/r/hook-shim.js'],
    })
  })

  it('only names events the installed CLI knows', () => {
    const newer = ['PostToolBatch', 'MessageDisplay', 'Elicitation', 'ElicitationResult']
    expect(httpHookEvents('2.1.332')).toEqual(expect.arrayContaining(newer))
    expect(httpHookEvents('2.1.100').some((e) => newer.includes(e))).toBe(false)
    expect(() => httpHookEvents('2.1.50')).toThrow(/too old/)
    for (const v of ['2.1.332', '2.1.197']) {
      for (const never of ['SessionStart', 'Setup', 'WorktreeCreate', 'WorktreeRemove'])
        expect(httpHookEvents(v)).not.toContain(never)
    }
  })

  it('registers only the events the app reads, none of the high-volume ones it ignores', () => {
    expect([...httpHookEvents('2.1.332')].sort()).toEqual(
      [
        'UserPromptSubmit',
        'PreToolUse',
        'PermissionRequest',
        'PostToolUse',
        'PostToolUseFailure',
        'PostToolBatch',
        'Notification',
        'MessageDisplay',
        'SubagentStart',
        'SubagentStop',
        'Stop',
        'StopFailure',
        'PreCompact',
        'PostCompact',
        'Elicitation',
        'ElicitationResult',
        'SessionEnd',
      ].sort(),
    )
    for (const unused of ['FileChanged', 'InstructionsLoaded', 'CwdChanged', 'TaskCreated'])
      expect(httpHookEvents('2.1.332')).not.toContain(unused)
  })

  it('writes the file readable by the owner only', async () => {
    const file = join(
      await mkdtemp(join(tmpdir(), 'atelier-settings-')),
      'sessions',
      'abc',
      'claude-settings.json',
    )
    await writeHookSettings(file, settings)
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(settings)
  })

  it('gives the session the env its hooks read', () => {
    expect(
      sessionHookEnv('app-1', 'tok', '/data/run/hooks.sock', '/data/tls/hooks-cert.pem'),
    ).toEqual({
      ATELIER_SESSION_ID: 'app-1',
      ATELIER_SESSION_TOKEN: 'tok',
      ATELIER_HOOK_SOCKET: '/data/run/hooks.sock',
      NODE_EXTRA_CA_CERTS: '/data/tls/hooks-cert.pem',
    })
  })
})

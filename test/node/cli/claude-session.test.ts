/**
 * The real Claude Code CLI (pinned 2.1.332), interactive, in `default` permission mode, driven
 * through each backend against the fake Messages API, with the generated hook settings posting
 * to a hook sink. Everything stays on 127.0.0.1 under a throwaway HOME.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPtyBackend } from '../../../src/main/core/sessions/backends/pty'
import {
  createTmuxBackend,
  type TmuxSessionBackend,
} from '../../../src/main/core/sessions/backends/tmux'
import type { SessionBackend } from '../../../src/main/core/sessions/backends/types'
import { launchClaude, type LaunchedClaude } from '../../support/claude-session'
import { ALLOW_PERMISSION, startCliFixture, type CliFixture } from '../../support/cli-fixture'
import type { HookCall } from '../../support/hook-sink'
import { waitFor } from '../../support/core'

let fx: CliFixture
let tmux: TmuxSessionBackend

beforeAll(async () => {
  fx = await startCliFixture()
  tmux = createTmuxBackend({ dataDir: fx.dataDir })
  fx.sink.setResponder((call) =>
    call.body.hook_event_name === 'PermissionRequest' ? ALLOW_PERMISSION : undefined,
  )
})

afterAll(async () => {
  await tmux.killServer()
  await fx.dispose()
})

const backends: Array<[string, () => SessionBackend]> = [
  ['pty', () => createPtyBackend()],
  ['tmux', () => tmux],
]

function label(call: HookCall): string {
  const tool = call.body.tool_name ? `:${String(call.body.tool_name)}` : ''
  return `${String(call.body.hook_event_name)}${tool}`
}

describe.each(backends)('real Claude Code CLI over the %s backend', (_name, backend) => {
  let session: LaunchedClaude
  const forSession = (): HookCall[] =>
    fx.sink.calls.filter((c) => c.headers['x-atelier-session'] === session.appSessionId)
  const stops = (): number => forSession().filter((c) => c.body.hook_event_name === 'Stop').length

  it('runs Read, Bash, Write and Edit and reports every hook, in order, tagged with the app session', async () => {
    session = await launchClaude({
      backend: backend(),
      ...fx,
      cwd: fx.repo,
      hookPort: fx.sink.port,
    })
    await session.prompt('[[script:tools]] please use the tools')
    await fx.sink.waitFor(
      (c) =>
        c.headers['x-atelier-session'] === session.appSessionId &&
        c.body.hook_event_name === 'Stop',
    )

    const calls = forSession().filter((c) => c.path === '/hooks/claude')
    const wanted = ['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PostToolUse', 'Stop']
    expect(calls.map(label).filter((l) => wanted.includes(l.split(':')[0]))).toEqual([
      'SessionStart',
      'UserPromptSubmit',
      'PreToolUse:Read',
      'PostToolUse:Read',
      'PreToolUse:Bash',
      'PostToolUse:Bash',
      'PreToolUse:Write',
      'PostToolUse:Write',
      'PreToolUse:Edit',
      'PostToolUse:Edit',
      'Stop',
    ])
    for (const call of calls) {
      expect(call.body.session_id).toBe(session.claudeSessionId)
      expect(call.headers.authorization).toMatch(/^Bearer [0-9a-f]{32}$/)
    }
    expect(calls[0].body.source).toBe('startup')
    for (const post of calls.filter((c) => c.body.hook_event_name === 'PostToolUse')) {
      expect(typeof post.body.duration_ms).toBe('number')
    }
    // Write and Edit asked for permission in default mode; the hook's "allow" answered.
    expect(
      calls
        .filter((c) => c.body.hook_event_name === 'PermissionRequest')
        .map((c) => c.body.tool_name),
    ).toEqual(['Write', 'Edit'])
    expect(await readFile(join(fx.repo, 'notes.txt'), 'utf8')).toBe('edited line\n')
    // The statusLine command wrote what Claude reported: cost and context.
    const status = (await waitFor(async () => {
      const text = await readFile(session.statusFile, 'utf8').catch(() => '')
      return text.includes('"cost"') ? (JSON.parse(text) as Record<string, unknown>) : null
    })) as Record<string, unknown>
    expect(status).toHaveProperty('context_window')
    expect(status.session_id).toBe(session.claudeSessionId)
    // The terminal shows Claude Code's own UI.
    // The TUI draws spaces with cursor moves, so words may run together once escapes are stripped.
    await session.term.waitFor(/All\s*four\s*tools\s*ran/)
    expect(session.term.text()).toMatch(/Claude Code/)
    expect(session.term.text()).toMatch(/Allowed\s*by\s*PermissionRequest\s*hook/)
    expect(fx.api.tripwire).toEqual([])
  })

  it('delivers a multi-line prompt as one prompt', async () => {
    const before = stops()
    // (A tab would arrive as spaces: Claude Code's input box expands it.)
    const text = '[[script:text]] first line\nsecond line\n\nfourth line'
    await session.prompt(text)
    await fx.sink.waitFor(() => stops() > before)
    const prompts = forSession().filter((c) => c.body.hook_event_name === 'UserPromptSubmit')
    // A paste of several lines may come wrapped as <pasted_content id="…">…</pasted_content>.
    expect(prompts.at(-1)?.body.prompt).toContain(text)
    expect(prompts).toHaveLength(2)
    await session.term.waitFor(/Hello\s*from\s*the\s*fake\s*model/)
  })

  it('restarts with --resume on the same Claude session id (SessionStart source "resume")', async () => {
    await session.proc.kill()
    expect(await session.proc.isAlive()).toBe(false)
    const resumed = await launchClaude({
      backend: backend(),
      ...fx,
      cwd: fx.repo,
      hookPort: fx.sink.port,
      appSessionId: session.appSessionId,
      claudeSessionId: session.claudeSessionId,
      resume: true,
    })
    const start = await fx.sink.waitFor(
      (c) =>
        c.headers['x-atelier-session'] === session.appSessionId &&
        c.body.hook_event_name === 'SessionStart' &&
        c.body.source === 'resume',
    )
    expect(start.body.session_id).toBe(session.claudeSessionId)
    await resumed.proc.kill()
  })
})

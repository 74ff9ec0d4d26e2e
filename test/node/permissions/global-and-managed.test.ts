/**
 * Global hooks and a managed session at once: both hook sets fire for the managed session's
 * Claude. Its events must be stored once and its question answered once, by the managed
 * session's own long-timeout hook — not by the global shim's copy, which gives up within a
 * second (the question would flash and vanish). The installed wrapper is run for real.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildHookShim } from '../../support/hook-shim-build'
import { postHook, startCore, storedEvents, type TestCore } from '../pipeline/harness'
import { common } from '../pipeline/payloads'
import { waitFor } from '../../support/core'

const SESSION_TOKEN = 'd'.repeat(64)
const CLAUDE_ID = 'claude-managed-q'

let t: TestCore
let claudeDir: string
let wrapper: string

beforeAll(async () => {
  claudeDir = mkdtempSync(join(tmpdir(), 'atelier-both-hooks-'))
  t = await startCore({
    shimPath: await buildHookShim(),
    claudeSettingsFile: join(claudeDir, 'settings.json'),
  })
  t.core.services.hooks!.install()
  const settings = JSON.parse(readFileSync(join(claudeDir, 'settings.json'), 'utf8'))
  wrapper = settings.hooks.PreToolUse[0].hooks[0].command
  const now = Date.now()
  t.core.services.registry.put({
    id: 'managed-q',
    name: 'managed-q',
    cwd: '/tmp',
    kind: 'managed',
    backend: 'pty',
    claudeSessionId: CLAUDE_ID,
    launched: true,
    permissionMode: 'default',
    args: [],
    worktree: null,
    createdAt: now,
    lastActivity: now,
    zone: null,
    order: 1,
    usage: {},
    token: SESSION_TOKEN,
  })
})
afterAll(async () => {
  await t.close()
  rmSync(claudeDir, { recursive: true, force: true })
})

/** Runs the installed global hook as Claude Code would, to its end. */
function runGlobalHook(payload: unknown, env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    // Claude Code runs a command hook's string through the shell (the wrapper path is quoted).
    const child = spawn('/bin/sh', ['-c', wrapper], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['pipe', 'ignore', 'ignore'],
    })
    child.on('exit', (code) => resolve(code ?? -1))
    child.stdin.end(JSON.stringify(payload))
  })
}

const question = common(CLAUDE_ID, 'PreToolUse', {
  tool_name: 'AskUserQuestion',
  tool_use_id: 'toolu_question_1',
  tool_input: {
    questions: [
      {
        question: 'Which colour?',
        header: 'Colour',
        multiSelect: false,
        options: [
          { label: 'Red', description: 'warm' },
          { label: 'Blue', description: 'calm' },
        ],
      },
    ],
  },
})

describe('global hooks beside a managed session', () => {
  it("the global shim's copy of a question never wins: the managed hook is held and answered", async () => {
    // The shim's copy comes first (the race the managed hook used to lose). No ATELIER_SESSION_ID
    // here, so the shim does post: the app itself must drop the copy.
    expect(await runGlobalHook(question)).toBe(0)
    expect(t.core.broker.list()).toEqual([])

    const managed = postHook(t, question, { token: SESSION_TOKEN })
    const pending = await waitFor(() => t.core.broker.list()[0])
    expect(pending).toMatchObject({ kind: 'question', sessionId: 'managed-q' })
    t.core.broker.decide(pending.id, 'allow', undefined, { 'Which colour?': 'Blue' })
    const answer = await managed
    expect(answer.status).toBe(200)
    expect(JSON.stringify(answer.json)).toContain('Blue')

    const starts = (await storedEvents(t, 'managed-q')).filter((e) => e.type === 'tool.start')
    expect(starts).toHaveLength(1)
  })

  it('Stop, Notification and SessionStart of a managed session are stored once', async () => {
    const payloads = [
      common(CLAUDE_ID, 'SessionStart', { source: 'startup' }),
      common(CLAUDE_ID, 'Notification', { message: 'Claude needs you', notification_type: 'x' }),
      common(CLAUDE_ID, 'Stop', { stop_hook_active: false }),
    ]
    const before = (await storedEvents(t, 'managed-q')).length
    for (const p of payloads) {
      expect(await runGlobalHook(p)).toBe(0)
      expect((await postHook(t, p, { token: SESSION_TOKEN })).status).toBe(200)
    }
    const after = await storedEvents(t, 'managed-q')
    expect(after.slice(before).map((e) => e.type)).toEqual([
      'session.start',
      'notification',
      'stop',
    ])
    expect(t.core.services.registry.list().filter((s) => s.kind === 'observed')).toEqual([])
  })
})

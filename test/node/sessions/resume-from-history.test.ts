/**
 * A tmux session found running again after an app restart takes its lifecycle from its stored
 * history: mid-turn it is working with its open call (Claude went on while the app was away),
 * after a finished turn it is idle. The registry runs alone on an in-memory store; the history is
 * the adapter's events for real hook payloads.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import type { CanonicalEvent } from '@shared/events'
import { openDatabase } from '../../../src/main/core/store/db'
import { SessionStore } from '../../../src/main/core/store/session-store'
import { SessionRegistry } from '../../../src/main/core/sessions/registry'
import { claudeAdapter } from '../../../src/main/core/agents/claude/adapter'
import { common } from '../pipeline/payloads'

const ID = 'tmux-1'
const CLAUDE_ID = 'claude-tmux-1'
let registry: SessionRegistry
let clock = 1_000_000

beforeEach(() => {
  clock = 1_000_000
  registry = new SessionRegistry(new SessionStore(openDatabase(':memory:')), () => clock)
  registry.put(
    {
      id: ID,
      name: 'survivor',
      cwd: '/tmp',
      kind: 'managed',
      backend: 'tmux',
      claudeSessionId: CLAUDE_ID,
      launched: true,
      permissionMode: 'default',
      args: [],
      worktree: null,
      createdAt: clock,
      lastActivity: clock,
      zone: null,
      order: 1,
      usage: {},
      token: 'session-token',
    },
    'offline',
  )
})

/** The stored events of these hook payloads, oldest first, as the intake would have made them. */
function history(...payloads: Record<string, unknown>[]): CanonicalEvent[] {
  return payloads.flatMap((p) => {
    clock += 1000
    return claudeAdapter.toEvents(claudeAdapter.envelope(p), { sessionId: ID, receivedAt: clock })
  })
}

const start = common(CLAUDE_ID, 'SessionStart', { source: 'startup' })
const prompt = common(CLAUDE_ID, 'UserPromptSubmit', { prompt: 'run the tests' })
const bash = common(CLAUDE_ID, 'PreToolUse', {
  tool_name: 'Bash',
  tool_input: { command: 'npm test' },
  tool_use_id: 'toolu_1',
})
const stop = common(CLAUDE_ID, 'Stop', { stop_hook_active: false })

describe('a re-adopted tmux session', () => {
  it('mid-turn: working, using the tool its history left open', () => {
    registry.resumeFromHistory(ID, history(start, prompt, bash))
    registry.setAlive(ID, true)
    const s = registry.get(ID)!
    expect(s.status).toBe('working')
    expect(s.currentTool).toBe('Bash')
    expect(registry.lifecycle(ID)?.tools.map((t) => t.toolUseId)).toEqual(['toolu_1'])
    expect(registry.statusCounts().working).toBe(1)
    // Claude's own events carry on from there.
    for (const e of history(
      common(CLAUDE_ID, 'PostToolUse', {
        tool_name: 'Bash',
        tool_input: { command: 'npm test' },
        tool_use_id: 'toolu_1',
        tool_response: { stdout: 'ok' },
      }),
      stop,
    ))
      registry.applyEvent(e)
    expect(registry.get(ID)!.status).toBe('finished')
    expect(registry.lifecycle(ID)?.tools).toEqual([])
  })

  it('after a finished turn: not working, no open call', () => {
    registry.resumeFromHistory(ID, history(start, prompt, bash, stop))
    registry.setAlive(ID, true)
    expect(registry.get(ID)!.status).not.toBe('working')
    expect(registry.lifecycle(ID)?.tools).toEqual([])
    expect(registry.statusCounts().working).toBe(0)
  })
})

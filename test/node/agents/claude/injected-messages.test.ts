/**
 * Claude Code's injected messages (docs/hook-contract.md#injected-messages): a background
 * subagent's <task-notification>, <system-reminder> blocks and the continuation text after
 * compaction arrive as UserPromptSubmit prompts. They start a turn (Claude answers them) but are
 * never user prompts: not the session's last prompt, not counted as prompts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CanonicalEvent } from '@shared/events'
import { CanonicalEventSchema } from '@shared/events'
import { initialLifecycle, reduceSession, type SessionLifecycle } from '@shared/lifecycle'
import { claudeAdapter } from '../../../../src/main/core/agents/claude/adapter'
import { classifyPrompt } from '../../../../src/main/core/agents/claude/injected'
import { openDatabase, type Db } from '../../../../src/main/core/store/db'
import { SessionStore } from '../../../../src/main/core/store/session-store'
import { SessionRegistry } from '../../../../src/main/core/sessions/registry'
import { common } from '../../pipeline/payloads'

/** The shape Claude Code 2.1.332 writes when a background agent finishes. */
const TASK_NOTIFICATION = [
  '<task-notification>',
  '<task-id>a8c41f09e7b2d3c15</task-id>',
  '<tool-use-id>toolu_01Hk2mVxQ9</tool-use-id>',
  '<status>completed</status>',
  '<summary>Agent "Look around the repo" finished</summary>',
  '<result>The repo has **two** packages: `core` and `ui`.</result>',
  '<usage><total_tokens>5120</total_tokens><tool_uses>3</tool_uses></usage>',
  '</task-notification>',
].join('\n')

const SID = 'inj-1'
function adapt(prompt: string, promptId = 'p-1'): CanonicalEvent[] {
  const env = claudeAdapter.envelope(
    common(SID, 'UserPromptSubmit', { prompt, prompt_id: promptId }),
  )
  return claudeAdapter.toEvents(env, { sessionId: 's1', receivedAt: 5_000 })
}

describe('classifying a UserPromptSubmit prompt', () => {
  it('a task notification becomes a subagent.result with its id, status, summary and result', () => {
    const [e] = adapt(TASK_NOTIFICATION)
    expect(CanonicalEventSchema.parse(e)).toEqual(e)
    expect(e).toMatchObject({
      type: 'subagent.result',
      subagentId: 'a8c41f09e7b2d3c15',
      status: 'completed',
      summary: 'Agent "Look around the repo" finished',
      result: 'The repo has **two** packages: `core` and `ui`.',
    })
    expect(e.agentId).toBeUndefined()
  })

  it('a user prompt sharing the prompt_id of a task notification just before it is its own event', () => {
    // Seen with the real CLI: the notification joins the turn, and the user's next prompt arrives
    // with the same prompt_id.
    const [result] = adapt(TASK_NOTIFICATION, 'p-shared')
    const [prompt] = adapt('now fix the parser', 'p-shared')
    expect(result.type).toBe('subagent.result')
    expect(prompt).toMatchObject({ type: 'prompt', text: 'now fix the parser' })
    expect(prompt.id).not.toBe(result.id)
    // A retried POST of the same prompt still dedups.
    expect(adapt('now fix the parser', 'p-shared')[0].id).toBe(prompt.id)
  })

  it('a task notification wrapped in a system reminder is still a subagent result', () => {
    const wrapped = `<system-reminder>\nA background task finished.\n${TASK_NOTIFICATION}\n</system-reminder>`
    const c = classifyPrompt(wrapped)
    expect(c).toMatchObject({ kind: 'task-notification', status: 'completed' })
  })

  it('system reminders are stripped from what the user typed', () => {
    const [e] = adapt('<system-reminder>\nToday is Tuesday.\n</system-reminder>\nfix the parser')
    expect(e).toMatchObject({ type: 'prompt', text: 'fix the parser' })
  })

  it('a prompt made only of reminders is a Claude Code notice, not a prompt', () => {
    const [e] = adapt('<system-reminder>\nThe file a.ts was modified.\n</system-reminder>')
    expect(CanonicalEventSchema.parse(e)).toEqual(e)
    expect(e).toMatchObject({
      type: 'claude.notice',
      kind: 'system-reminder',
      text: 'The file a.ts was modified.',
    })
  })

  it('the continuation text after compaction is a Claude Code notice', () => {
    const text =
      'This session is being continued from a previous conversation that ran out of context. The summary below covers the earlier portion of the conversation.\n\nSummary:\n1. Primary Request'
    const [e] = adapt(text)
    expect(e).toMatchObject({ type: 'claude.notice', kind: 'compact-summary' })
  })

  it('an ordinary prompt is left as typed, tags it merely mentions included', () => {
    const text = 'why does the <summary> tag break our parser?'
    expect(adapt(text)[0]).toMatchObject({ type: 'prompt', text })
  })
})

describe('an injected message in the lifecycle', () => {
  const run = (events: CanonicalEvent[], from: SessionLifecycle) =>
    events.reduce((s, e) => reduceSession(s, { type: 'event', event: e }, 'managed'), from)

  it('starts a turn, like the prompt Claude answers it as', () => {
    const finished = run(
      [...adapt('send a subagent', 'p-0'), stopAt(6_000)],
      initialLifecycle('idle', 0),
    )
    expect(finished.state).toBe('finished')
    expect(run(adapt(TASK_NOTIFICATION), finished).state).toBe('working')
    expect(run(adapt('<system-reminder>x</system-reminder>'), finished).state).toBe('working')
  })
})

function stopAt(ts: number): CanonicalEvent {
  return { id: `stop-${ts}`, sessionId: 's1', agent: 'claude', ts, type: 'stop' }
}

describe('the session record', () => {
  let db: Db
  let registry: SessionRegistry
  beforeEach(() => {
    db = openDatabase(':memory:')
    registry = new SessionRegistry(new SessionStore(db), () => 10_000)
  })
  afterEach(() => db.close())

  function hook(prompt: string, promptId: string): void {
    const env = claudeAdapter.envelope(
      common(SID, 'UserPromptSubmit', { prompt, prompt_id: promptId }),
    )
    const sessionId = registry.resolve(env.agentSessionId, env.cwd)
    for (const e of claudeAdapter.toEvents(env, { sessionId, receivedAt: 10_000 }))
      registry.applyEvent(e)
  }
  const record = () => registry.list().find((s) => s.claudeSessionId === SID)!

  it('keeps the user’s last prompt when a task notification or a notice arrives', () => {
    hook('send a subagent to look around', 'p-1')
    expect(record().lastPrompt).toBe('send a subagent to look around')
    hook(TASK_NOTIFICATION, 'p-2')
    hook('<system-reminder>\nnote\n</system-reminder>', 'p-3')
    expect(record().lastPrompt).toBe('send a subagent to look around')
    expect(record().status).toBe('working')
  })
})

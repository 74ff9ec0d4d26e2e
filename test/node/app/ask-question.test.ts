/**
 * AskUserQuestion answered from the app with the REAL Claude Code CLI 2.1.332 (offline, fake
 * Messages API, pty, default permission mode). Our hook settings hold PreToolUse for
 * AskUserQuestion with a long timeout; the broker shows it as a `question`, and
 * `permissions.decide {decision:'allow', answers}` returns PreToolUse allow + updatedInput with
 * `answers` (decisions.ts). The proof is what Claude sends back to the model: the next request's
 * tool_result names the chosen label(s) ("question"="label"; multi-select labels joined by ", ",
 * the format the CLI's own AskUserQuestion schema documents).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CanonicalEvent } from '@shared/events'
import type { PendingRequest } from '@shared/permissions'
import type { Session } from '@shared/sessions'
import { startCliFixture, type CliFixture } from '../../support/cli-fixture'
import { startTestCore, waitFor, type TestCore } from '../../support/core'
import { applyEnv } from '../../support/app-process'
import { plainText } from '../../support/terminal-capture'
import { HANG_TIMEOUT_MS } from '../../support/patience'

interface ToolResultBlock {
  type: string
  content?: unknown
  is_error?: boolean
  tool_use_id?: string
}

describe('AskUserQuestion answered from the app (real CLI, pty)', () => {
  let fx: CliFixture
  let t: TestCore
  let restoreEnv: () => void
  let session: Session
  const terminal = new Map<string, string>()

  beforeAll(async () => {
    fx = await startCliFixture()
    restoreEnv = applyEnv({ ...fx.env, ATELIER_CLAUDE_BIN: fx.claudeBin })
    t = await startTestCore({ shimPath: fx.shimPath, dataDir: fx.dataDir })
    t.core.connect('test-terminal', (stream, data) => {
      if (stream !== 'terminal') return
      const { id, data: text } = data as { id: string; data: string }
      terminal.set(id, (terminal.get(id) ?? '') + text)
    })
    session = await t.api<Session>('sessions.create', {
      name: 'Asker',
      cwd: fx.repo,
      backend: 'pty',
    })
    await waitFor(async () => (await events()).some((e) => e.type === 'session.start'), {
      timeoutMs: HANG_TIMEOUT_MS,
    })
  })

  afterAll(async () => {
    await t?.close()
    restoreEnv?.()
    await fx?.dispose()
  })

  const events = async (): Promise<CanonicalEvent[]> =>
    (
      await t.api<{ events: CanonicalEvent[] }>('events.list', {
        sessionId: session.id,
        limit: 1000,
      })
    ).events.reverse()
  const pending = async () =>
    (await t.api<{ requests: PendingRequest[] }>('permissions.list')).requests
  const lastSeq = async () => (await events()).at(-1)?.seq ?? 0

  /** Prompts a question script, answers it from the app, and returns the tool_result Claude sent. */
  async function askAndAnswer(
    script: string,
    answers: Record<string, string | string[]>,
  ): Promise<{ question: PendingRequest; result: ToolResultBlock; stopText: string | undefined }> {
    const before = await lastSeq()
    const termMark = (terminal.get(session.id) ?? '').length
    await t.api('sessions.prompt', { id: session.id, text: `[[script:${script}]] please ask` })
    const question = await waitFor(
      async () =>
        (await pending()).find((r) => r.sessionId === session.id && r.kind === 'question'),
      { timeoutMs: HANG_TIMEOUT_MS },
    ).catch(async (err: unknown) => {
      // Evidence for the report if this CLI version stops offering the tool.
      const first = fx.api.requests.find((r) => r.script === script)
      const tools = (first?.body as { tools?: { name: string }[] } | undefined)?.tools?.map(
        (x) => x.name,
      )
      throw new Error(
        `no question held: ${String(err)}; tools offered: ${JSON.stringify(tools)}; events: ${(
          await events()
        )
          .map((e) => e.type)
          .join(',')}; terminal: ${plainText(terminal.get(session.id) ?? '').slice(-1500)}`,
      )
    })
    await t.api('permissions.decide', { id: question.id, decision: 'allow', answers })
    const stop = await waitFor(
      async () =>
        (await events()).find((e) => (e.seq ?? 0) > before && e.type === 'stop' && !e.agentId),
      { timeoutMs: HANG_TIMEOUT_MS },
    )
    // The request that answered step 1 of the script carries the tool_result for step 0's call.
    const next = fx.api.requests.find((r) => r.script === script && r.step === 1)
    expect(next, 'Claude asked the model again after the answer').toBeDefined()
    const last = (next!.body as { messages: { role: string; content: unknown }[] }).messages.at(-1)!
    expect(last.role).toBe('user')
    const result = (last.content as ToolResultBlock[]).find((b) => b.type === 'tool_result')
    expect(result, JSON.stringify(last)).toBeDefined()
    expect(plainText((terminal.get(session.id) ?? '').slice(termMark))).toMatch(
      /Answered\s*Claude's\s*questions/,
    )
    return { question, result: result!, stopText: stop.type === 'stop' ? stop.text : undefined }
  }

  it('a single-choice question: Claude receives the chosen label', async () => {
    const q = 'Which colour should the button be?'
    const { question, result, stopText } = await askAndAnswer('ask', { [q]: 'Blue' })
    expect(question).toMatchObject({ toolName: 'AskUserQuestion', kind: 'question' })
    expect(question.questions?.map((x) => x.question)).toEqual([q])
    expect(question.questions?.[0].options.map((o) => o.label)).toEqual(['Red', 'Blue'])
    expect(result.is_error).not.toBe(true)
    expect(JSON.stringify(result.content)).toContain(JSON.stringify(`"${q}"="Blue"`).slice(1, -1))
    expect(JSON.stringify(result.content)).not.toContain('"Red"')
    expect(stopText).toBe('Thanks for choosing.')
    expect((await pending()).filter((r) => r.sessionId === session.id)).toEqual([])
  })

  it('several questions, one multi-select: Claude receives every answer', async () => {
    const toppings = 'Which toppings should the pizza have?'
    const size = 'Which size should it be?'
    const { question, result, stopText } = await askAndAnswer('ask-multi', {
      [toppings]: ['Cheese', 'Basil'],
      [size]: 'Large',
    })
    expect(question.questions?.map((x) => [x.question, x.multiSelect])).toEqual([
      [toppings, true],
      [size, false],
    ])
    const content = JSON.stringify(result.content)
    expect(result.is_error).not.toBe(true)
    expect(content).toContain(JSON.stringify(`"${toppings}"="Cheese, Basil"`).slice(1, -1))
    expect(content).toContain(JSON.stringify(`"${size}"="Large"`).slice(1, -1))
    expect(stopText).toBe('Ordering now.')
    expect((await pending()).filter((r) => r.sessionId === session.id)).toEqual([])
  })
})

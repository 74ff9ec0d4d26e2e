/**
 * Realistic Claude Code hook sequences for the soak bench: each session runs turns of a prompt,
 * assistant text, several tool calls (start, result of a typical size, batch), sometimes a
 * subagent, and a Stop; between turns it now and then sits idle (idle_prompt). Every call yields
 * the next payload of that session, with unique ids, so a long run never repeats an event.
 */

const README = '# Parser\n\nA small lexer and parser for the config language.\n'.repeat(40)
const TEST_OUTPUT = 'PASS src/parser/lexer.test.ts (12 tests) 38ms\n'.repeat(30)
const GREP_OUTPUT = 'src/parser/lexer.ts:42:  if (quote) return token\n'.repeat(20)

type Payload = Record<string, unknown>

const TOOLS: ((n: number, cwd: string) => { name: string; input: Payload; response: Payload })[] = [
  (n, cwd) => ({
    name: 'Read',
    input: { file_path: `${cwd}/src/parser/part-${n % 50}.ts` },
    response: {
      type: 'text',
      file: { filePath: `${cwd}/src/parser/part-${n % 50}.ts`, content: README },
    },
  }),
  (n) => ({
    name: 'Bash',
    input: { command: `npm test -- parser ${n}`, description: 'Run the parser tests' },
    response: { stdout: TEST_OUTPUT, stderr: '', interrupted: false, isImage: false },
  }),
  (n) => ({
    name: 'Grep',
    input: { pattern: `quote${n % 7}`, path: 'src' },
    response: { mode: 'content', numFiles: 3, filenames: [], content: GREP_OUTPUT },
  }),
  (n, cwd) => ({
    name: 'Edit',
    input: {
      file_path: `${cwd}/src/parser/lexer.ts`,
      old_string: `if (quote${n}) return`,
      new_string: `if (quote${n}) return token`,
    },
    response: { filePath: `${cwd}/src/parser/lexer.ts`, structuredPatch: [], userModified: false },
  }),
]

export class SoakSession {
  private queue: Payload[] = []
  private turn = 0
  private tool = 0
  readonly cwd: string

  constructor(readonly id: string) {
    this.cwd = `/home/dev/soak/${id}`
  }

  next(): Payload {
    if (this.queue.length === 0) this.queue = this.nextTurn()
    return this.queue.shift()!
  }

  private nextTurn(): Payload[] {
    const t = ++this.turn
    const promptId = `${this.id}-prompt-${t}`
    const base = {
      session_id: this.id,
      transcript_path: `/home/dev/.claude/projects/-home-dev-soak/${this.id}.jsonl`,
      cwd: this.cwd,
      prompt_id: promptId,
    }
    const out: Payload[] = [
      {
        ...base,
        hook_event_name: 'UserPromptSubmit',
        prompt: `Turn ${t}: fix the flaky parser test and run the suite again`,
        permission_mode: 'default',
      },
      {
        ...base,
        hook_event_name: 'MessageDisplay',
        message_id: `${promptId}-m0`,
        index: 0,
        final: true,
        delta: `Looking at the lexer first (turn ${t}); the quote handling looks suspicious.`,
      },
    ]
    const tools = 3 + (t % 6)
    for (let k = 0; k < tools; k++) {
      const n = this.tool++
      const call = TOOLS[n % TOOLS.length](n, this.cwd)
      const toolUseId = `toolu_${this.id}_${n}`
      out.push(
        {
          ...base,
          hook_event_name: 'PreToolUse',
          tool_name: call.name,
          tool_input: call.input,
          tool_use_id: toolUseId,
          permission_mode: 'default',
        },
        {
          ...base,
          hook_event_name: 'PostToolUse',
          tool_name: call.name,
          tool_input: call.input,
          tool_response: call.response,
          tool_use_id: toolUseId,
          duration_ms: 40 + (n % 900),
        },
        {
          ...base,
          hook_event_name: 'PostToolBatch',
          tool_calls: [{ tool_name: call.name, tool_use_id: toolUseId }],
        },
      )
    }
    if (t % 5 === 0) {
      const agentId = `agent-${this.id}-${t}`
      out.push(
        { ...base, hook_event_name: 'SubagentStart', agent_id: agentId, agent_type: 'Explore' },
        {
          ...base,
          hook_event_name: 'SubagentStop',
          agent_id: agentId,
          agent_type: 'Explore',
          last_assistant_message: 'Found the three call sites of the lexer.',
        },
      )
    }
    out.push({
      ...base,
      hook_event_name: 'Stop',
      stop_hook_active: false,
      last_assistant_message: `Fixed the quote handling (turn ${t}); all 12 tests pass.`,
    })
    if (t % 4 === 0)
      out.push({
        ...base,
        hook_event_name: 'Notification',
        notification_type: 'idle_prompt',
        message: 'Claude is waiting for your input',
      })
    return out
  }
}

/**
 * A realistic generated history for replay tests and the replay bench: several Claude sessions
 * taking turns at once, as hook payloads in the shapes Claude Code sends (the same shapes as
 * test/node/pipeline/payloads.ts) — prompts, tool calls that succeed or fail, subagents with
 * their own calls, permission and idle notifications, turns that finish or fail, compactions.
 * Seeded, so a failing run replays exactly.
 */
import { common } from '../node/pipeline/payloads'

export type Payload = Record<string, unknown>

/** mulberry32: a small seeded PRNG. */
export function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const TOOLS = [
  { tool_name: 'Read', tool_input: { file_path: '/home/dev/projects/atelier-demo/src/app.ts' } },
  {
    tool_name: 'Edit',
    tool_input: {
      file_path: '/home/dev/projects/atelier-demo/src/app.ts',
      old_string: 'let a = 1',
      new_string: 'const a = 1',
    },
  },
  { tool_name: 'Bash', tool_input: { command: 'npm test', description: 'Run the tests' } },
  { tool_name: 'Grep', tool_input: { pattern: 'parseArgs', path: 'src' } },
  { tool_name: 'Write', tool_input: { file_path: '/tmp/notes.md', content: '# notes' } },
]

/** One turn of one session: its hook payloads in the order Claude Code sends them. */
export function turnPayloads(sid: string, turn: number, rand: () => number): Payload[] {
  const promptId = `${sid}-turn-${turn}`
  const at = (hook: string, extra: Payload = {}) => ({
    ...common(sid, hook, extra),
    prompt_id: promptId,
  })
  const out: Payload[] = [
    at('UserPromptSubmit', { prompt: `Turn ${turn}: tidy up module ${Math.floor(rand() * 90)}` }),
  ]
  const calls = 1 + Math.floor(rand() * 6)
  for (let c = 0; c < calls; c++) {
    // Now and then Claude runs calls in parallel: both start before either ends.
    const batch = rand() < 0.25 ? 2 : 1
    const group = Array.from({ length: batch }, (_, k) => ({
      t: TOOLS[Math.floor(rand() * TOOLS.length)],
      id: `toolu_${promptId}_${c}_${k}`,
    }))
    for (const { t, id } of group) out.push(at('PreToolUse', { ...t, tool_use_id: id }))
    if (rand() < 0.1)
      out.push(
        at('Notification', {
          message: 'Claude needs your permission',
          notification_type: 'permission_prompt',
        }),
      )
    for (const { t, id } of group) {
      if (rand() < 0.15) {
        out.push(
          at('PostToolUseFailure', {
            ...t,
            tool_use_id: id,
            error: 'Exit code 1',
            duration_ms: 40,
          }),
        )
      } else {
        out.push(
          at('PostToolUse', {
            ...t,
            tool_use_id: id,
            tool_response: { stdout: 'ok', stderr: '' },
            duration_ms: 120,
          }),
        )
      }
    }
  }
  if (rand() < 0.3) {
    const agent = `agent-${promptId}`
    out.push(at('SubagentStart', { agent_id: agent, agent_type: 'Explore' }))
    const id = `toolu_${promptId}_sub`
    const sub = { agent_id: agent, agent_type: 'Explore', tool_use_id: id, ...TOOLS[3] }
    out.push(at('PreToolUse', sub))
    out.push(at('PostToolUse', { ...sub, tool_response: 'src/cli.ts:4', duration_ms: 30 }))
    out.push(
      at('SubagentStop', {
        agent_id: agent,
        agent_type: 'Explore',
        last_assistant_message: 'parseArgs lives in src/cli.ts',
      }),
    )
  }
  if (rand() < 0.05)
    out.push(at('PreCompact', { trigger: 'auto' }), at('PostCompact', { trigger: 'auto' }))
  if (rand() < 0.1) {
    out.push(at('StopFailure', { error: 'rate_limit', error_details: '429 Too Many Requests' }))
  } else {
    out.push(at('Stop', { last_assistant_message: `Turn ${turn} done.` }))
  }
  if (rand() < 0.3)
    out.push(
      at('Notification', {
        message: 'Claude is waiting for your input',
        notification_type: 'idle_prompt',
      }),
    )
  return out
}

/**
 * `sessions` sessions of `turns` turns each, interleaved at random as concurrent sessions are;
 * each session opens with SessionStart. Some turns are left unfinished at the end (a session
 * cut off mid-turn), as a real history has.
 */
export function fleetPayloads(sessions: number, turns: number, seed: number): Payload[] {
  const rand = prng(seed)
  const queues = Array.from({ length: sessions }, (_, i) => {
    const sid = `replay-agent-${seed}-${i}`
    const list: Payload[] = [{ ...common(sid, 'SessionStart', { source: 'startup' }) }]
    delete list[0].prompt_id
    for (let t = 0; t < turns; t++) list.push(...turnPayloads(sid, t, rand))
    // Cut the last turn short in some sessions.
    if (rand() < 0.5) list.splice(list.length - 1 - Math.floor(rand() * 4))
    return list
  })
  const out: Payload[] = []
  const cursors = queues.map(() => 0)
  for (;;) {
    const open = queues.map((_, i) => i).filter((i) => cursors[i] < queues[i].length)
    if (open.length === 0) return out
    const i = open[Math.floor(rand() * open.length)]
    out.push(queues[i][cursors[i]++])
  }
}

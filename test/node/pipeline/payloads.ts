/**
 * Hook payloads in the shapes Claude Code 2.1.332 sends (docs/hook-contract.md#payloads):
 * common fields on every event, the per-event fields as seen in the verified runs.
 */
export const CWD = '/home/dev/projects/atelier-demo'

export function common(
  sessionId: string,
  hookEvent: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    session_id: sessionId,
    transcript_path: `/home/dev/.claude/projects/-home-dev-projects-atelier-demo/${sessionId}.jsonl`,
    cwd: CWD,
    hook_event_name: hookEvent,
    prompt_id: 'b1f2c3d4-0000-4000-8000-00000000beef',
    ...extra,
  }
}

/** One payload per hook event the adapter models, plus an unknown one, in a plausible turn order. */
export function everyEvent(sid: string): Record<string, unknown>[] {
  const effort = { level: 'medium' }
  return [
    {
      ...common(sid, 'SessionStart', { source: 'startup', model: 'claude-opus-4-8' }),
      prompt_id: undefined,
    },
    common(sid, 'UserPromptSubmit', {
      prompt: 'Find the flaky test in src/parser and fix it',
      permission_mode: 'default',
    }),
    common(sid, 'PreToolUse', {
      tool_name: 'Bash',
      tool_input: {
        command: 'npm test -- parser',
        description: 'Run parser tests',
        timeout: 120000,
      },
      tool_use_id: 'toolu_01BASH',
      permission_mode: 'default',
      effort,
    }),
    common(sid, 'PermissionRequest', {
      tool_name: 'Bash',
      tool_input: { command: 'rm -rf node_modules' },
      permission_suggestions: [
        {
          type: 'addRules',
          rules: [{ toolName: 'Bash', ruleContent: 'rm -rf node_modules' }],
          behavior: 'allow',
          destination: 'localSettings',
        },
      ],
    }),
    common(sid, 'PostToolUse', {
      tool_name: 'Bash',
      tool_input: {
        command: 'npm test -- parser',
        description: 'Run parser tests',
        timeout: 120000,
      },
      tool_response: {
        stdout: 'ok 12 tests',
        stderr: '',
        interrupted: false,
        isImage: false,
        noOutputExpected: false,
      },
      tool_use_id: 'toolu_01BASH',
      duration_ms: 1834,
      permission_mode: 'default',
      effort,
    }),
    common(sid, 'PreToolUse', {
      tool_name: 'Read',
      tool_input: { file_path: '/home/dev/projects/atelier-demo/src/parser/lexer.ts' },
      tool_use_id: 'toolu_02READ',
    }),
    common(sid, 'PostToolUseFailure', {
      tool_name: 'Read',
      tool_input: { file_path: '/home/dev/projects/atelier-demo/src/parser/lexer.ts' },
      tool_use_id: 'toolu_02READ',
      error: 'Exit code 1\ncat: lexer.ts: No such file or directory',
      is_interrupt: false,
      duration_ms: 12,
    }),
    common(sid, 'PostToolBatch', {
      tool_calls: [
        {
          tool_name: 'Bash',
          tool_input: { command: 'npm test -- parser' },
          tool_use_id: 'toolu_01BASH',
          tool_response: { stdout: 'ok' },
        },
        {
          tool_name: 'Read',
          tool_input: { file_path: '/x' },
          tool_use_id: 'toolu_02READ',
          tool_response: 'error',
        },
      ],
    }),
    {
      ...common(sid, 'Notification', {
        message: 'Claude needs your permission',
        title: 'Claude Code',
        notification_type: 'permission_prompt',
      }),
    },
    common(sid, 'MessageDisplay', {
      turn_id: 'turn-1',
      message_id: 'msg_01TEXT',
      index: 0,
      final: true,
      delta: 'The lexer drops the trailing quote; patching it now.',
    }),
    common(sid, 'SubagentStart', { agent_id: 'agent-abc123', agent_type: 'Explore' }),
    common(sid, 'PreToolUse', {
      tool_name: 'Grep',
      tool_input: { pattern: 'tokenizeString', path: '/home/dev/projects/atelier-demo/src' },
      tool_use_id: 'toolu_03GREP',
      agent_id: 'agent-abc123',
      agent_type: 'Explore',
    }),
    common(sid, 'SubagentStop', {
      stop_hook_active: false,
      agent_id: 'agent-abc123',
      agent_type: 'Explore',
      agent_transcript_path: `/home/dev/.claude/projects/x/${sid}/subagents/agent-abc123.jsonl`,
      last_assistant_message: 'tokenizeString is defined in lexer.ts line 88',
      background_tasks: [],
      session_crons: [],
    }),
    common(sid, 'Stop', {
      stop_hook_active: false,
      last_assistant_message: 'Fixed the lexer; all parser tests pass.',
      background_tasks: [{ id: 't1', type: 'bash', status: 'completed', description: 'watch' }],
      session_crons: [],
    }),
    common(sid, 'StopFailure', {
      error: 'rate_limit',
      error_details: '429 Too Many Requests',
      last_assistant_message: 'API Error: Rate limit reached',
    }),
    common(sid, 'PreCompact', { trigger: 'manual', custom_instructions: 'keep the parser notes' }),
    common(sid, 'PostCompact', {
      trigger: 'manual',
      compact_summary: 'Fixed lexer quote handling in the parser.',
    }),
    common(sid, 'TeammateIdle', { teammate: 'reviewer' }),
    common(sid, 'SessionEnd', { reason: 'prompt_input_exit' }),
  ]
}

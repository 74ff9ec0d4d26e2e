/**
 * A realistic mix of hook payloads for the benchmark (shapes from docs/hook-contract.md#payloads): a prompt,
 * tool starts and ends with small outputs, assistant text. Each call yields a unique event.
 */
const OUTPUT = 'PASS src/parser/lexer.test.ts (12 tests) 38ms\n'.repeat(4)

export function benchPayload(client: number, i: number): string {
  const sessionId = `bench-session-${client}`
  const common = `"session_id":"${sessionId}","transcript_path":"/home/dev/.claude/projects/-home-dev-demo/${sessionId}.jsonl","cwd":"/home/dev/demo","prompt_id":"p-${client}-${i >> 4}"`
  const toolUseId = `toolu_${client}_${i >> 1}`
  switch (i % 4) {
    case 0:
      return `{${common},"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"npm test -- parser ${i}","description":"Run the parser tests","timeout":120000},"tool_use_id":"${toolUseId}","permission_mode":"default","effort":{"level":"medium"}}`
    case 1:
      return `{${common},"hook_event_name":"PostToolUse","tool_name":"Bash","tool_input":{"command":"npm test -- parser ${i - 1}","description":"Run the parser tests","timeout":120000},"tool_response":{"stdout":${JSON.stringify(OUTPUT)},"stderr":"","interrupted":false,"isImage":false,"noOutputExpected":false},"tool_use_id":"${toolUseId}","duration_ms":1834,"permission_mode":"default"}`
    case 2:
      return `{${common},"hook_event_name":"MessageDisplay","turn_id":"turn-${i}","message_id":"msg_${client}_${i}","index":0,"final":true,"delta":"The lexer drops the trailing quote in case ${i}; patching it now."}`
    default:
      return `{${common},"hook_event_name":"UserPromptSubmit","prompt":"Fix the flaky parser test number ${i} and run the suite again","prompt_id":"prompt-${client}-${i}","permission_mode":"default"}`
  }
}

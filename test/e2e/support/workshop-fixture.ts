/**
 * The workshop's reference scene as a stored, scripted hook sequence: three sessions that between
 * them use every station, one waiting for permission, one whose turn failed, and two subagents.
 * The screenshots in docs/screenshots/, the scene layout e2e test and the scene bench all replay
 * it, so what the README shows is what the tests check.
 *
 * Each session works in its own git repository (made by `makeFixtureRepos`) so the zones show git
 * labels: a long branch name with changes, a short one with changes, and a clean tree.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface FixtureSession {
  /** Claude's session id; the app names the zone after the folder. */
  id: string
  folder: string
  branch: string
  /** Lines added to / removed from the committed file, for the git label. */
  change: { added: number; removed: number } | null
}

export const FIXTURE_SESSIONS: readonly FixtureSession[] = [
  {
    id: 'fixture-api',
    folder: 'api-server',
    branch: 'feature/streaming-responses-for-long-running-jobs',
    change: { added: 42, removed: 7 },
  },
  { id: 'fixture-docs', folder: 'docs-site', branch: 'main', change: null },
  {
    id: 'fixture-mobile',
    folder: 'mobile-app',
    branch: 'fix/login',
    change: { added: 3, removed: 18 },
  },
]

export type HookPayload = Record<string, unknown> & { hook_event_name: string; session_id: string }

export interface FixtureRepos {
  root: string
  cwd(sessionId: string): string
  remove(): void
}

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, {
    cwd,
    stdio: 'ignore',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Fixture',
      GIT_AUTHOR_EMAIL: 'fixture@example.invalid',
      GIT_COMMITTER_NAME: 'Fixture',
      GIT_COMMITTER_EMAIL: 'fixture@example.invalid',
      GIT_CONFIG_NOSYSTEM: '1',
      HOME: cwd,
    },
  })

const lines = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => `${tag} line ${i + 1}`).join('\n') + '\n'

/** One repository per fixture session, on its branch, with its uncommitted change. */
export function makeFixtureRepos(): FixtureRepos {
  const root = mkdtempSync(join(tmpdir(), 'atelier-fixture-'))
  for (const s of FIXTURE_SESSIONS) {
    const dir = join(root, s.folder)
    mkdirSync(dir)
    git(dir, 'init', '-q', '-b', s.branch)
    writeFileSync(join(dir, 'src.txt'), lines(40, 'original'))
    git(dir, 'add', '.')
    git(dir, 'commit', '-q', '-m', 'start')
    if (s.change) {
      const kept = 40 - s.change.removed
      writeFileSync(join(dir, 'src.txt'), lines(kept, 'original') + lines(s.change.added, 'new'))
    }
  }
  return {
    root,
    cwd: (id) => join(root, FIXTURE_SESSIONS.find((s) => s.id === id)!.folder),
    remove: () => rmSync(root, { recursive: true, force: true }),
  }
}

type Step = HookPayload

let toolSeq = 0
function tool(sid: string, name: string, input: Record<string, unknown>, ok = true): Step[] {
  const id = `${sid}-tool-${++toolSeq}`
  const start: Step = {
    hook_event_name: 'PreToolUse',
    session_id: sid,
    tool_name: name,
    tool_input: input,
    tool_use_id: id,
  }
  const end: Step = ok
    ? {
        hook_event_name: 'PostToolUse',
        session_id: sid,
        tool_name: name,
        tool_input: input,
        tool_use_id: id,
        tool_response: { success: true },
      }
    : {
        hook_event_name: 'PostToolUseFailure',
        session_id: sid,
        tool_name: name,
        tool_input: input,
        tool_use_id: id,
        error: 'Exit code 2\nerror TS2345: Argument of type string is not assignable',
      }
  return [start, end]
}

const begin = (sid: string, prompt: string): Step[] => [
  { hook_event_name: 'SessionStart', session_id: sid, source: 'startup' },
  { hook_event_name: 'UserPromptSubmit', session_id: sid, prompt },
]

/**
 * The sequence, in order. Ends with: api-server working at the terminal (two subagents at its
 * portal), docs-site waiting for permission to run a command, mobile-app's turn failed.
 */
export function fixtureSteps(): Step[] {
  toolSeq = 0
  const api = 'fixture-api'
  const docs = 'fixture-docs'
  const mobile = 'fixture-mobile'
  return [
    ...begin(api, 'Stream the job results instead of buffering them'),
    ...begin(docs, 'Document the streaming API'),
    ...begin(mobile, 'Fix the login crash on Android'),
    ...tool(api, 'Read', { file_path: 'src/jobs/runner.ts' }),
    ...tool(docs, 'WebSearch', { query: 'server-sent events best practices' }),
    ...tool(mobile, 'Read', { file_path: 'app/screens/Login.tsx' }),
    ...tool(api, 'Grep', { pattern: 'bufferResults' }),
    ...tool(docs, 'mcp__docs__lookup', { topic: 'streaming' }),
    ...tool(mobile, 'Edit', {
      file_path: 'app/screens/Login.tsx',
      old_string: 'token.value',
      new_string: 'token?.value',
    }),
    ...tool(api, 'WebFetch', { url: 'https://nodejs.org/api/stream.html' }),
    ...tool(docs, 'Write', { file_path: 'guide/streaming.md', content: '# Streaming\n\nText\n' }),
    ...tool(api, 'TodoWrite', { todos: [{ content: 'a' }, { content: 'b' }, { content: 'c' }] }),
    ...tool(api, 'Glob', { pattern: 'src/**/*.test.ts' }),
    ...tool(api, 'Edit', {
      file_path: 'src/jobs/runner.ts',
      old_string: 'return buffer',
      new_string: 'yield chunk\nreturn',
    }),
    ...tool(mobile, 'Bash', { command: 'npm run build' }, false),
    { hook_event_name: 'StopFailure', session_id: mobile, error: 'server_error' },
    {
      hook_event_name: 'PreToolUse',
      session_id: api,
      tool_name: 'Task',
      tool_input: { description: 'Find every caller of bufferResults', subagent_type: 'Explore' },
      tool_use_id: `${api}-task`,
    },
    {
      hook_event_name: 'SubagentStart',
      session_id: api,
      agent_id: 'explore-1',
      agent_type: 'Explore',
    },
    { hook_event_name: 'SubagentStart', session_id: api, agent_id: 'plan-1', agent_type: 'Plan' },
    {
      hook_event_name: 'PreToolUse',
      session_id: docs,
      tool_name: 'Bash',
      tool_input: { command: 'rm -rf docs/.cache && npm run docs:build' },
      tool_use_id: `${docs}-bash`,
    },
    {
      hook_event_name: 'Notification',
      session_id: docs,
      message: 'Claude needs your permission to use Bash',
      notification_type: 'permission_prompt',
    },
    {
      hook_event_name: 'PreToolUse',
      session_id: api,
      tool_name: 'Bash',
      tool_input: { command: 'npm test -- --run src/jobs' },
      tool_use_id: `${api}-bash`,
    },
  ]
}

/** Posts the fixture through `post` (the app's hook endpoint), in order. */
export async function replayFixture(
  post: (payload: HookPayload) => Promise<void>,
  repos: FixtureRepos,
): Promise<void> {
  for (const step of fixtureSteps()) await post({ ...step, cwd: repos.cwd(step.session_id) })
}

/** Where each station-using tool of the fixture left its robot at the end. */
export const FIXTURE_END = {
  'fixture-api': { status: 'working', station: 'terminal', subagents: 2 },
  'fixture-docs': { status: 'permission', station: 'terminal' },
  'fixture-mobile': { status: 'failed', station: 'center' },
} as const

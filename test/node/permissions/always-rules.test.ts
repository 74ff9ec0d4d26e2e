/**
 * "Always allow" saves exactly what the dialog showed: Claude's own rule suggestion when it made
 * one, otherwise a rule for exactly this call — never a bare tool name, never a `*` that Claude
 * Code would read as a wildcard — and the app keeps a list of what it saved, which the user can
 * review and revoke.
 */
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execFileSync } from 'node:child_process'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AlwaysPlan, PendingRequest, SavedRule } from '@shared/permissions'
import { planAlways, projectSettingsRoot } from '../../../src/main/core/permissions/always-rules'
import { RuleLedger } from '../../../src/main/core/permissions/rule-ledger'
import { startTestCore, waitFor, type TestCore } from '../../support/core'

const project = realpathSync(mkdtempSync(join(tmpdir(), 'atelier-always-')))
const plan = (toolName: string, toolInput: unknown, suggestions?: unknown[]) =>
  planAlways({ toolName, toolInput, suggestions, projectDir: project, home: '/nonexistent-home' })
const rulesOf = (p: AlwaysPlan) => (p.available ? p.rules.map((r) => r.text) : p.reason)

describe('what "Always" saves', () => {
  it("echoes Claude's own rule suggestion exactly, for a compound command too", () => {
    const suggestion = {
      type: 'addRules',
      rules: [
        { toolName: 'Bash', ruleContent: 'touch c1.txt' },
        { toolName: 'Bash', ruleContent: 'touch c2.txt' },
      ],
      behavior: 'allow',
      destination: 'localSettings',
    }
    const p = plan('Bash', { command: 'touch c1.txt && touch c2.txt' }, [
      { type: 'setMode', mode: 'acceptEdits', destination: 'session' },
      suggestion,
    ])
    expect(p).toMatchObject({
      available: true,
      source: 'claude',
      destination: 'localSettings',
      file: join(project, '.claude', 'settings.local.json'),
    })
    expect(rulesOf(p)).toEqual(['Bash(touch c1.txt)', 'Bash(touch c2.txt)'])
  })

  it('a plain command gets a rule for exactly that command', () => {
    const p = plan('Bash', { command: 'npm test 2>&1' })
    expect(rulesOf(p)).toEqual(['Bash(npm test 2>&1)'])
    expect(p.available && p.rules[0].meaning).toBe('exactly the command "npm test 2>&1"')
    expect(p.available && p.source).toBe('atelier')
  })

  it('a command with * gets no rule: Claude Code would read it as a wildcard', () => {
    const p = plan('Bash', { command: 'rm -rf build/*' })
    expect(p.available).toBe(false)
    expect(rulesOf(p)).toMatch(/wildcard/)
  })

  it('several commands in one line, with no suggestion from Claude, get no rule', () => {
    for (const command of ['touch a && rm -rf b', 'a; b', 'a | b', 'echo $(id)', 'a & b'])
      expect(plan('Bash', { command }).available, command).toBe(false)
  })

  it('a file edit names the file, as an Edit rule from the root; never a bare Write', () => {
    expect(rulesOf(plan('Write', { file_path: '/repo/src/app.ts', content: 'x' }))).toEqual([
      'Edit(//repo/src/app.ts)',
    ])
    expect(rulesOf(plan('Edit', { file_path: '/repo/a.ts' }))).toEqual(['Edit(//repo/a.ts)'])
    expect(rulesOf(plan('Read', { file_path: '/etc/hosts' }))).toEqual(['Read(//etc/hosts)'])
    expect(plan('Write', { file_path: '/repo/[id].ts' }).available).toBe(false)
    expect(plan('Write', { file_path: 'relative.ts' }).available).toBe(false)
  })

  it('a fetch names its host; tools without an exact rule get none', () => {
    expect(rulesOf(plan('WebFetch', { url: 'https://docs.example.com/a?b' }))).toEqual([
      'WebFetch(domain:docs.example.com)',
    ])
    for (const tool of ['mcp__github__create_issue', 'Task', 'NotebookRead'])
      expect(plan(tool, {}).available, tool).toBe(false)
    // A suggestion that is only a bare tool name is not used either.
    const bare = { type: 'addRules', rules: [{ toolName: 'Write' }], behavior: 'allow' }
    expect(plan('Glob', { pattern: '**' }, [{ ...bare, destination: 'localSettings' }])).toEqual({
      available: false,
      reason: expect.stringMatching(/every Glob call/),
    })
  })

  it('project rules go to the repository root, a worktree to its main checkout', () => {
    const root = realpathSync(mkdtempSync(join(tmpdir(), 'atelier-root-')))
    execFileSync('git', ['init', '-q', root])
    execFileSync('git', ['-C', root, 'commit', '-q', '--allow-empty', '-m', 'init'], {
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@t',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@t',
      },
    })
    mkdirSync(join(root, 'pkg', 'sub'), { recursive: true })
    expect(projectSettingsRoot(join(root, 'pkg', 'sub'), '/nonexistent-home')).toBe(root)
    const tree = join(root, '..', `${root.split('/').pop()}-wt`)
    execFileSync('git', ['-C', root, 'worktree', 'add', '-q', tree])
    expect(projectSettingsRoot(tree, '/nonexistent-home')).toBe(root)
    // No repository: the folder itself; a repository at the home folder: the folder too.
    expect(projectSettingsRoot(project, '/nonexistent-home')).toBe(project)
    expect(projectSettingsRoot(join(root, 'pkg'), root)).toBe(join(root, 'pkg'))
  })
})

describe('review and revoke', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'atelier-ledger-'))
  })

  it('lists what it saved, whether the file still holds it, and revokes it from the file', () => {
    const settingsFile = join(dir, 'repo', '.claude', 'settings.local.json')
    const ledger = new RuleLedger(join(dir, 'permission-rules.json'), () => 1234)
    const saved = planAlways({
      toolName: 'Bash',
      toolInput: { command: 'npm test' },
      projectDir: join(dir, 'repo'),
      home: '/nonexistent-home',
    })
    ledger.record(saved, 'session-1')
    // Claude Code has not written it yet.
    expect(ledger.list()).toEqual([
      {
        rule: 'Bash(npm test)',
        meaning: 'exactly the command "npm test"',
        file: settingsFile,
        sessionId: 'session-1',
        createdAt: 1234,
        present: false,
      },
    ])
    mkdirSync(join(dir, 'repo', '.claude'), { recursive: true })
    const others = {
      env: { A: '1' },
      permissions: { allow: ['Bash(ls)', 'Bash(npm test)'], deny: ['Bash(rm *)'] },
    }
    writeFileSync(settingsFile, JSON.stringify(others), { mode: 0o640 })
    expect(ledger.list()[0].present).toBe(true)
    // A second ledger on the same file (the next app start) sees the same list.
    expect(new RuleLedger(join(dir, 'permission-rules.json')).list()).toHaveLength(1)

    expect(ledger.revoke('Bash(npm test)', settingsFile)).toEqual([])
    expect(JSON.parse(readFileSync(settingsFile, 'utf8'))).toEqual({
      env: { A: '1' },
      permissions: { allow: ['Bash(ls)'], deny: ['Bash(rm *)'] },
    })
    expect(statSync(settingsFile).mode & 0o777).toBe(0o640)
    expect(statSync(join(dir, 'permission-rules.json')).mode & 0o777).toBe(0o600)
  })

  it('revokes only rules it saved', () => {
    const ledger = new RuleLedger(join(dir, 'permission-rules.json'))
    expect(() => ledger.revoke('Bash(ls)', '/etc/passwd')).toThrow(/saved no rule/)
  })
})

describe('over the API', () => {
  let t: TestCore
  let repo: string
  beforeEach(async () => {
    t = await startTestCore()
    repo = realpathSync(mkdtempSync(join(tmpdir(), 'atelier-always-api-')))
  })
  afterEach(async () => {
    await t.close()
  })

  const request = (tool: string, input: unknown) => ({
    hook_event_name: 'PermissionRequest',
    session_id: 'claude-always',
    cwd: repo,
    tool_name: tool,
    tool_input: input,
  })
  const pending = async () =>
    (await t.api<{ requests: PendingRequest[] }>('permissions.list')).requests

  it('shows the plan with the request, saves it on "always", lists and revokes it', async () => {
    const res = t.hook(request('Write', { file_path: join(repo, 'notes.md'), content: 'x' }))
    const [req] = await waitFor(async () => ((await pending()).length ? await pending() : null))
    expect(req.always).toMatchObject({
      available: true,
      file: join(repo, '.claude', 'settings.local.json'),
      rules: [{ text: `Edit(/${repo}/notes.md)` }],
    })
    await t.api('permissions.decide', { id: req.id, decision: 'always' })
    const decision = ((await (await res).json()) as { hookSpecificOutput: { decision: unknown } })
      .hookSpecificOutput.decision
    expect(decision).toEqual({
      behavior: 'allow',
      updatedPermissions: [
        {
          type: 'addRules',
          rules: [{ toolName: 'Edit', ruleContent: `/${repo}/notes.md` }],
          behavior: 'allow',
          destination: 'localSettings',
        },
      ],
    })
    const { rules } = await t.api<{ rules: SavedRule[] }>('permissions.rules')
    expect(rules.map((r) => r.rule)).toEqual([`Edit(/${repo}/notes.md)`])
    const after = await t.api<{ rules: SavedRule[] }>('permissions.revokeRule', {
      rule: rules[0].rule,
      file: rules[0].file,
    })
    expect(after.rules).toEqual([])
  })

  it('refuses "always" where no exact rule exists, and says why', async () => {
    void t.hook(request('Bash', { command: 'rm -rf build/*' }))
    const [req] = await waitFor(async () => ((await pending()).length ? await pending() : null))
    expect(req.always).toMatchObject({ available: false })
    await expect(
      t.api('permissions.decide', { id: req.id, decision: 'always' }),
    ).rejects.toMatchObject({
      status: 400,
      body: { error: { message: expect.stringMatching(/wildcard/) } },
    })
    await t.api('permissions.decide', { id: req.id, decision: 'deny' })
  })
})

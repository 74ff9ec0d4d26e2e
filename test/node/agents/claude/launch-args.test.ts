import { describe, expect, it } from 'vitest'
import {
  buildClaudeArgs,
  ClaudeArgsError,
  validateExtraArgs,
} from '../../../../src/main/core/agents/claude/launch-args'

const ID = '6f1c2b4e-8a55-4e0b-9d7c-3f2a1b0c9d8e'

describe('buildClaudeArgs', () => {
  it('creates the session on first launch, with an explicit permission mode', () => {
    expect(
      buildClaudeArgs({
        claudeSessionId: ID,
        resume: false,
        permissionMode: 'default',
        settingsFile: '/d/s.json',
      }),
    ).toEqual(['--session-id', ID, '--permission-mode', 'default', '--settings', '/d/s.json'])
  })

  it('resumes on later launches and appends model and extra args', () => {
    expect(
      buildClaudeArgs({
        claudeSessionId: ID,
        resume: true,
        permissionMode: 'acceptEdits',
        model: 'sonnet',
        settingsFile: '/d/s.json',
        extraArgs: ['--effort', 'high'],
      }),
    ).toEqual([
      '--resume',
      ID,
      '--permission-mode',
      'acceptEdits',
      '--model',
      'sonnet',
      '--settings',
      '/d/s.json',
      '--effort',
      'high',
    ])
  })

  it('rejects a session id that is not a UUID and an unknown permission mode', () => {
    expect(() =>
      buildClaudeArgs({
        claudeSessionId: 'nope',
        resume: false,
        permissionMode: 'default',
        settingsFile: '/s',
      }),
    ).toThrow()
    expect(() =>
      buildClaudeArgs({
        claudeSessionId: ID,
        resume: false,
        permissionMode: 'yolo' as 'default',
        settingsFile: '/s',
      }),
    ).toThrow()
  })

  it.each([
    ['--session-id', /assigns the session id/],
    ['--resume', /resumes the session/],
    ['-c', /resumes the session/],
    ['--settings=/x.json', /own hook settings/],
    ['--permission-mode', /permission mode/],
    ['--dangerously-skip-permissions', /bypassPermissions/],
    ['--fork-session', /fork/],
    ['-p', /interactive/],
    ['--bare', /hooks/],
  ])('rejects the extra argument %s with a clear reason', (arg, reason) => {
    expect(() => validateExtraArgs([arg])).toThrow(ClaudeArgsError)
    expect(() => validateExtraArgs([arg])).toThrow(reason)
  })

  it.each([
    // The CLI's own spellings of an option the app owns or that widens permissions.
    [['-r6f1c2b4e-8a55-4e0b-9d7c-3f2a1b0c9d8e'], /--resume.*resumes the session/],
    [['--resume=abc'], /--resume/],
    [['-cp'], /--continue/],
    [['-nx', '-cr'], /--continue/],
    [['--allow-dangerously-skip-permissions'], /bypassPermissions/],
    [['--allowedTools', 'Bash(rm:*)', 'Write'], /pre-approves tools/],
    [['--allowed-tools=Bash'], /--allowedTools.*pre-approves/],
    [['--add-dir', '/'], /more folders/],
    [['--plugin-dir', '/tmp/p'], /plugin/],
    [['--verbose', '--permission-mode=bypassPermissions'], /permission mode/],
    [['--effort', 'high', '-r'], /--resume/],
    // Inline subagents may run in their own permission mode, or approve calls through their hooks.
    [
      [
        '--agents',
        '{"fixer":{"description":"d","prompt":"p","permissionMode":"bypassPermissions"}}',
      ],
      /--agents.*own permission mode/,
    ],
    [['--agents={}'], /--agents/],
  ])('parses %j the way the CLI does and refuses it', (args, reason) => {
    expect(() => validateExtraArgs(args)).toThrow(ClaudeArgsError)
    expect(() => validateExtraArgs(args)).toThrow(reason)
  })

  it('refuses an option it does not know: its value rules, and so the next flag, are unknown', () => {
    expect(() => validateExtraArgs(['--made-up', '-r'])).toThrow(/not a Claude Code option/)
    expect(() => validateExtraArgs(['-x'])).toThrow(/not a Claude Code option/)
  })

  it('reads values as the CLI does: a required value may start with a dash', () => {
    // "-r …" here is the text of the system prompt, not a flag.
    expect(() =>
      validateExtraArgs(['--append-system-prompt', '-r is how you resume', '--verbose']),
    ).not.toThrow()
    // -d takes an optional value, so in "-dr" the "r" is its value (a debug filter), not -r.
    expect(() => validateExtraArgs(['-dr'])).not.toThrow()
    // After "--" everything is the initial prompt.
    expect(() => validateExtraArgs(['--', '--dangerously-skip-permissions'])).not.toThrow()
  })

  it('rejects control characters in extra arguments and accepts ordinary ones', () => {
    expect(() => validateExtraArgs(['--name', 'a\x1b[2J'])).toThrow(/control characters/)
    expect(() =>
      validateExtraArgs(['--verbose', '--effort', 'high', '-n', 'docs', '--tools', 'Read', 'Grep']),
    ).not.toThrow()
  })
})

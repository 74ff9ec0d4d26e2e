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
        extraArgs: ['--add-dir', '/tmp/x'],
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
      '--add-dir',
      '/tmp/x',
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

  it('rejects control characters in extra arguments and accepts ordinary ones', () => {
    expect(() => validateExtraArgs(['--add-dir', 'a\x1b[2J'])).toThrow(/control characters/)
    expect(() =>
      validateExtraArgs(['--add-dir', '/tmp', '--verbose', '--effort', 'high']),
    ).not.toThrow()
  })
})

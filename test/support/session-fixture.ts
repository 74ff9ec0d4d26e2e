import type { Session } from '../../src/shared/sessions'

/** A complete Session for unit tests; override only what the test is about. */
export function makeSession(id: string, overrides: Partial<Session> = {}): Session {
  return {
    id,
    name: id,
    cwd: '/',
    status: 'idle',
    kind: 'managed',
    backend: 'pty',
    permissionMode: 'default',
    args: [],
    worktree: null,
    createdAt: 0,
    lastActivity: 0,
    zone: null,
    order: 0,
    alive: true,
    subagents: 0,
    usage: {},
    ...overrides,
  }
}

/**
 * Observer credentials and places (docs/remote-hosts.md, "Observed sessions on a host"): a host's
 * observer credential makes and feeds sessions observed on that host only (they carry its id);
 * this machine's global hooks cannot write into them, nor one host into another's, and a managed
 * session's own Claude is never observed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../../src/main/core/store/db'
import { SessionStore } from '../../../src/main/core/store/session-store'
import { SessionRegistry } from '../../../src/main/core/sessions/registry'

let db: Db
let registry: SessionRegistry
beforeEach(() => {
  db = openDatabase(':memory:')
  registry = new SessionRegistry(new SessionStore(db))
})
afterEach(() => db.close())

describe('observed sessions and the host they are on', () => {
  it("are made with the host's id and fed by that host's credential only", () => {
    const id = registry.resolveObserved('claude-a', '/srv/repo', 'h_dev')!
    expect(registry.get(id)).toMatchObject({ kind: 'observed', hostId: 'h_dev', cwd: '/srv/repo' })
    expect(registry.resolveObserved('claude-a', '/srv/repo', 'h_dev')).toBe(id)
    // This machine's global hooks, or another host's, cannot write into it.
    expect(registry.resolveObserved('claude-a', '/srv/repo')).toBeNull()
    expect(registry.resolveObserved('claude-a', '/srv/repo', 'h_other')).toBeNull()
  })

  it("keep this machine's observed sessions out of a host's reach", () => {
    const local = registry.resolveObserved('claude-b', '/home/me/repo')!
    expect(registry.get(local)?.hostId).toBeUndefined()
    expect(registry.resolveObserved('claude-b', '/home/me/repo', 'h_dev')).toBeNull()
  })

  it("never observe a managed session's own Claude", () => {
    registry.put({
      id: 'managed-1',
      name: 'remote',
      cwd: '/srv/repo',
      kind: 'managed',
      backend: 'ssh',
      hostId: 'h_dev',
      claudeSessionId: 'claude-managed',
      launched: true,
      permissionMode: 'default',
      args: [],
      worktree: null,
      createdAt: 1,
      lastActivity: 1,
      zone: null,
      order: 1,
      usage: {},
    })
    expect(registry.resolveObserved('claude-managed', '/srv/repo', 'h_dev')).toBeNull()
    expect(registry.list()).toHaveLength(1)
  })
})

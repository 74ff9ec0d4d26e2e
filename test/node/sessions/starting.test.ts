/**
 * A new session is starting until Claude Code says SessionStart, never idle before; still silent
 * after SCREEN_SUSPECT_AFTER_MS it is shown waiting on a screen in its terminal, and SessionStart
 * makes it idle. The folder's trust is recorded only when sessions.create carries the consent.
 * The session manager runs against a fake backend and a fake clock.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEFAULT_SETTINGS } from '@shared/settings'
import type { SessionStatus } from '@shared/sessions'
import { openDatabase, type Db } from '../../../src/main/core/store/db'
import { SessionStore } from '../../../src/main/core/store/session-store'
import { SessionRegistry } from '../../../src/main/core/sessions/registry'
import { SCREEN_SUSPECT_AFTER_MS, SessionManager } from '../../../src/main/core/sessions/manager'
import type {
  BackendExit,
  BackendProcess,
  SessionBackend,
} from '../../../src/main/core/sessions/backends/types'
import { claudeAdapter } from '../../../src/main/core/agents/claude/adapter'
import { fakeClock, type FakeClock } from '../../support/fake-clock'
import { common } from '../pipeline/payloads'

/** A process that runs until killed and prints nothing (Claude Code waiting on a screen). */
function silentProcess(): BackendProcess {
  const ends = new Set<(exit: BackendExit) => void>()
  let alive = true
  return {
    write: () => {},
    resize: () => {},
    async kill() {
      alive = false
      for (const end of ends) end({ exitCode: 0 })
    },
    onData: () => () => {},
    onEnd(listener) {
      ends.add(listener)
      return () => ends.delete(listener)
    },
    isAlive: () => alive,
  }
}

const spawned: BackendProcess[] = []
const fakeBackend: SessionBackend = {
  kind: 'pty',
  async spawn() {
    const p = silentProcess()
    spawned.push(p)
    return p
  },
  adopt: async () => null,
}

let dir: string
let db: Db
let clock: FakeClock
let registry: SessionRegistry
let manager: SessionManager
let statuses: SessionStatus[]
let savedHome: string | undefined

beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'atelier-starting-')))
  // The trust is read and recorded in the HOME Claude Code runs with: the app's own.
  savedHome = process.env.HOME
  process.env.HOME = dir
  const claude = join(dir, 'claude')
  writeFileSync(claude, '#!/bin/sh\necho "2.1.332 (Claude Code)"\n')
  chmodSync(claude, 0o755)
  const cert = join(dir, 'hook.pem')
  writeFileSync(cert, '')
  db = openDatabase(':memory:')
  clock = fakeClock(1_000_000)
  registry = new SessionRegistry(new SessionStore(db), clock.now)
  statuses = []
  registry.onChange(() => {
    const s = registry.list()[0]
    if (s && statuses.at(-1) !== s.status) statuses.push(s.status)
  })
  manager = new SessionManager({
    dataDir: join(dir, 'data'),
    registry,
    backends: { pty: fakeBackend },
    settings: () => ({ ...DEFAULT_SETTINGS, claudeBin: claude }),
    hooks: () => ({ tlsPort: 1, certFile: cert, socket: join(dir, 'hooks.sock') }),
    shimPath: join(dir, 'hook-shim.js'),
    onTerminal: () => {},
    onStopped: () => {},
    onTrack: () => {},
    clock,
  })
})

afterEach(async () => {
  await manager.close()
  db.close()
  process.env.HOME = savedHome
})

/** Claude Code's SessionStart for the session, through the adapter as the intake does. */
function sessionStart(appId: string, claudeSessionId: string): void {
  const env = claudeAdapter.envelope(common(claudeSessionId, 'SessionStart', { source: 'startup' }))
  const sessionId = registry.resolve(env.agentSessionId, env.cwd, appId)
  for (const e of claudeAdapter.toEvents(env, { sessionId, receivedAt: clock.now() }))
    registry.applyEvent(e)
}

describe('starting, then a screen in the terminal', () => {
  it('is starting until SessionStart, never idle before it', async () => {
    const s = await manager.create({ name: 'new', cwd: dir })
    expect(s.status).toBe('starting')
    clock.advance(SCREEN_SUSPECT_AFTER_MS - 1)
    expect(registry.get(s.id)!.status).toBe('starting')
    sessionStart(s.id, s.claudeSessionId!)
    expect(registry.get(s.id)!.status).toBe('idle')
    // The timer that would have suspected a screen finds the session started.
    clock.advance(SCREEN_SUSPECT_AFTER_MS)
    expect(registry.get(s.id)!.status).toBe('idle')
    expect(statuses.slice(statuses.indexOf('starting'))).toEqual(['starting', 'idle'])
  })

  it('shows a screen when SessionStart has not come after SCREEN_SUSPECT_AFTER_MS, and idle once it comes', async () => {
    const s = await manager.create({ name: 'held', cwd: dir })
    clock.advance(SCREEN_SUSPECT_AFTER_MS)
    expect(registry.get(s.id)!.status).toBe('screen')
    sessionStart(s.id, s.claudeSessionId!)
    expect(registry.get(s.id)!.status).toBe('idle')
    expect(statuses.slice(statuses.indexOf('starting'))).toEqual(['starting', 'screen', 'idle'])
  })

  it('a process that ends before the wait is over is offline, not on a screen', async () => {
    const s = await manager.create({ name: 'gone', cwd: dir })
    await spawned.at(-1)!.kill()
    expect(registry.get(s.id)!.status).toBe('offline')
    clock.advance(SCREEN_SUSPECT_AFTER_MS)
    expect(registry.get(s.id)!.status).toBe('offline')
  })
})

describe('trust consent at create', () => {
  const config = () => join(dir, '.claude.json')

  it('without consent nothing is written to Claude Code files', async () => {
    const folder = realpathSync(mkdtempSync(join(tmpdir(), 'atelier-no-consent-')))
    writeFileSync(config(), JSON.stringify({ keep: true }))
    await manager.create({ name: 'no consent', cwd: folder })
    expect(readFileSync(config(), 'utf8')).toBe(JSON.stringify({ keep: true }))
    expect((await manager.folderTrust(folder)).trusted).toBe(false)
  })

  it('with consent the folder is trusted before Claude Code starts', async () => {
    const folder = realpathSync(mkdtempSync(join(tmpdir(), 'atelier-consent-')))
    expect(existsSync(config())).toBe(false)
    await manager.create({ name: 'consent', cwd: folder, trustFolder: true })
    expect(JSON.parse(readFileSync(config(), 'utf8'))).toEqual({
      projects: { [folder]: { hasTrustDialogAccepted: true } },
    })
    expect((await manager.folderTrust(folder)).trusted).toBe(true)
  })
})

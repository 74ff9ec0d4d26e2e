/** git.status / git.diff through the contract, and the git push stream, on a real repository. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execFileSync } from 'node:child_process'
import type { GitStatus } from '@shared/git'
import { startTestCore, waitFor, type TestCore } from '../../support/core'

let t: TestCore
let repo: string
const pushes: { sessionId: string; status: GitStatus }[] = []

beforeAll(async () => {
  repo = mkdtempSync(join(tmpdir(), 'atelier-gitwire-'))
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', repo, '-c', 'user.name=T', '-c', 'user.email=t@e', ...args])
  git('init', '-q', '-b', 'main')
  writeFileSync(join(repo, 'a.txt'), 'one\n')
  git('add', '.')
  git('commit', '-qm', 'first')
  t = await startTestCore()
  t.core.connect('git-test', (stream, data) => {
    if (stream === 'git') pushes.push(data as { sessionId: string; status: GitStatus })
  })
})
afterAll(async () => {
  await t.close()
})

async function health(): Promise<{ git: { heldForTurn: number; statusRuns: number } }> {
  const res = await fetch(t.url('/health'), {
    headers: { authorization: `Bearer ${t.core.info.token}` },
  })
  return (await res.json()) as never
}

describe('git through the contract', () => {
  it('reports status for an observed session and pushes changes', async () => {
    await t.hook({ hook_event_name: 'UserPromptSubmit', session_id: 'g1', cwd: repo, prompt: 'hi' })
    const { sessions } = await t.api<{ sessions: { id: string }[] }>('sessions.list')
    const id = sessions[0].id
    const status = await t.api<GitStatus>('git.status', { sessionId: id })
    expect(status).toMatchObject({ isRepo: true, branch: 'main', files: [] })
    // The turn ends, so the next change is read at once (a running turn holds it: below).
    await t.hook({ hook_event_name: 'Stop', session_id: 'g1', cwd: repo })
    writeFileSync(join(repo, 'a.txt'), 'one\ntwo\n')
    const pushed = await waitFor(() =>
      pushes.find((p) => p.sessionId === id && p.status.files.length === 1),
    )
    expect(pushed.status.files[0]).toMatchObject({ path: 'a.txt', area: 'unstaged', added: 1 })
    const diff = await t.api<{ diff: string }>('git.diff', { sessionId: id, path: 'a.txt' })
    expect(diff.diff).toContain('+two')
    await expect(
      t.api('git.diff', { sessionId: id, path: '../../etc/passwd' }),
    ).rejects.toMatchObject({
      status: 400,
      body: { error: { field: 'path' } },
    })
  })

  it('holds changes while a session works and reads them when its turn stops', async () => {
    await t.hook({ hook_event_name: 'UserPromptSubmit', session_id: 'g2', cwd: repo, prompt: 'go' })
    const { sessions } = await t.api<{ sessions: { id: string; status: string }[] }>(
      'sessions.list',
    )
    expect(sessions.filter((s) => s.status === 'working')).toHaveLength(1)
    const before = (await health()).git
    writeFileSync(join(repo, 'during-turn.txt'), 'x\n')
    await waitFor(async () => (await health()).git.heldForTurn > before.heldForTurn || undefined)
    const runs = (await health()).git.statusRuns
    await t.hook({ hook_event_name: 'Stop', session_id: 'g2', cwd: repo })
    await waitFor(() =>
      pushes.find((p) => p.status.files.some((f) => f.path === 'during-turn.txt')),
    )
    expect((await health()).git.statusRuns).toBeGreaterThan(runs)
  })
})

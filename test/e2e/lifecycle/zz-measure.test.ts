// Temporary: hook round-trip latency as Claude Code sees it (its --debug-file), under load.
import { after, before, test } from 'node:test'
import { readFileSync, writeFileSync } from 'node:fs'
import { is, startScenarioApp, type ScenarioApp } from '../support/scenario'
import type { Session } from '@shared/sessions'

let app: ScenarioApp
before(async () => { app = await startScenarioApp() })
after(async () => { await app?.close() })

test('measure', async () => {
  const dbg = `/tmp/life/claude-debug-${Date.now()}.txt`
  const rec = await app.api<Session>('sessions.create', {
    name: 'measure', cwd: app.project, backend: 'pty', permissionMode: 'acceptEdits',
    args: ['--debug', 'hooks', '--debug-file', dbg],
  })
  const turns = Number(process.env.TURNS ?? 6)
  const sid = rec.id
  const events = async () => (await app.api<{ events: any[] }>('events.list', { sessionId: sid, limit: 1000 })).events
  await app.until('ready', async () => (await events()).some((e) => e.type === 'session.start'))
  for (let i = 1; i <= turns; i++) {
    await app.api('sessions.prompt', { id: sid, text: `[[script:tools]] turn ${i}` })
    await app.until(`stop ${i}`, async () => (await events()).filter(is.mainStop).length >= i || null)
  }
  const all = await events()
  const counts: Record<string, number> = {}
  for (const e of all) counts[e.type] = (counts[e.type] ?? 0) + 1
  writeFileSync(`${dbg}.events.json`, JSON.stringify(counts))
  console.log('events', JSON.stringify(counts), 'debug', dbg)
  await app.api('sessions.delete', { id: sid })
})

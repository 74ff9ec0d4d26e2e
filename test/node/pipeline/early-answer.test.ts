/**
 * Report-only hooks ask for the early answer (`Prefer: respond-async`): the app answers 202 once
 * it has read and checked the event, before storing it, so a hook holds Claude Code up for the
 * round trip alone (docs/hook-contract.md#timing). A hook the app may answer with a decision
 * waits for it whatever it prefers; a payload that cannot be an event is refused as before.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { IngestResult, PreparedHook } from '../../../src/main/core/events/ingest'
import { api, postHook, startCore, storedEvents, type TestCore } from './harness'
import { common } from './payloads'
import { waitFor } from '../../support/core'

const EARLY = { headers: { prefer: 'respond-async' } }
const SID = 'ea41e000-1111-4222-8333-444455556666'

let t: TestCore
beforeEach(async () => {
  t = await startCore()
})
afterEach(async () => {
  await t.close()
})

/** Holds every hook's commit until `open()` is called, so a test sees what is answered meanwhile. */
function gateCommits(tc: TestCore): { open(): void; waiting(): number } {
  const ingest = tc.core.services.ingest
  const commit = ingest.commitHook.bind(ingest)
  let release!: () => void
  const gate = new Promise<void>((r) => (release = r))
  let waiting = 0
  ingest.commitHook = async (prepared: PreparedHook, at?: number): Promise<IngestResult> => {
    waiting++
    await gate
    return commit(prepared, at)
  }
  return { open: release, waiting: () => waiting }
}

const prompt = (text: string) => common(SID, 'UserPromptSubmit', { prompt: text })

describe('early answers', () => {
  it('answers a report-only hook 202 before its event is stored, then stores it', async () => {
    const gate = gateCommits(t)
    const r = await postHook(t, prompt('answered before stored'), EARLY)
    expect(r.status).toBe(202)
    expect(r.text).toBe('')
    // The commit was still held when the answer arrived.
    expect(gate.waiting()).toBe(1)
    expect((await storedEvents(t)).some((e) => e.type === 'prompt')).toBe(false)
    gate.open()
    const stored = await waitFor(async () => {
      const events = await storedEvents(t)
      return events.find((e) => e.type === 'prompt') ?? null
    })
    expect(stored.type === 'prompt' && stored.text).toBe('answered before stored')
  })

  it('answers a hook without the preference only once its event is stored', async () => {
    const gate = gateCommits(t)
    let answered = false
    const reply = postHook(t, prompt('answered after stored')).then((r) => {
      answered = true
      return r
    })
    await waitFor(async () => gate.waiting() === 1 || null)
    expect(answered).toBe(false)
    gate.open()
    expect((await reply).status).toBe(200)
    expect((await storedEvents(t)).some((e) => e.type === 'prompt')).toBe(true)
  })

  it('holds a permission request for its decision even when it prefers the early answer', async () => {
    const held = postHook(
      t,
      common(SID, 'PermissionRequest', {
        tool_name: 'Bash',
        tool_input: { command: 'rm -rf build' },
      }),
      EARLY,
    )
    const { requests } = await waitFor(async () => {
      const r = await api<{ requests: { id: string }[] }>(t, 'permissions.list')
      return r.requests.length > 0 ? r : null
    })
    await api(t, 'permissions.decide', { id: requests[0].id, decision: 'deny', message: 'no' })
    const r = await held
    expect(r.status).toBe(200)
    expect(JSON.stringify(r.json)).toContain('"behavior":"deny"')
  })

  it('refuses a payload that cannot be an event, stores nothing', async () => {
    const r = await postHook(t, { hook_event_name: 'Stop' }, EARLY)
    expect(r.status).toBe(400)
    expect(await storedEvents(t)).toEqual([])
  })
})

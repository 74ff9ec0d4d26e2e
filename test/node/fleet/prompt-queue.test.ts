/** The prompt queue: send when ready, queue while busy or held, edit, reorder, drain in order. */
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/main/core/store/db'
import { PromptStore } from '../../../src/main/core/prompts/prompt-store'
import { PromptQueue, type PromptGate } from '../../../src/main/core/prompts/prompt-queue'
import { recordingLogger } from '../../support/recording-logger'

function queue(initial: PromptGate['kind'] = 'send') {
  const db = openDatabase(':memory:')
  const store = new PromptStore(db)
  let gate: PromptGate =
    initial === 'refuse' ? { kind: 'refuse', message: 'gone' } : { kind: initial }
  const sent: string[] = []
  let failNext = false
  const q = new PromptQueue({
    store,
    gate: () => gate,
    send: async (_id, text) => {
      if (failNext) {
        failNext = false
        throw new Error('terminal closed')
      }
      sent.push(text)
    },
    now: () => 1,
    log: recordingLogger(),
  })
  return {
    q,
    store,
    sent,
    setGate: (g: PromptGate['kind']) => (gate = { kind: g } as PromptGate),
    failOnce: () => (failNext = true),
  }
}

const settle = () => new Promise((r) => setImmediate(r))

describe('PromptQueue', () => {
  it('sends at once when the session is ready and nothing waits', async () => {
    const { q, sent } = queue('send')
    expect(await q.submit('s', 'one')).toEqual({ queued: null })
    expect(sent).toEqual(['one'])
  })

  it('queues while busy; edits and moves; each turn start lets the next one go', async () => {
    const { q, sent, setGate, store } = queue('queue')
    const a = (await q.submit('s', 'first')).queued!
    const b = (await q.submit('s', 'second')).queued!
    const c = (await q.submit('s', 'third')).queued!
    q.edit(b.id, 'second, edited')
    q.move(c.id, 0)
    expect(q.list('s').map((p) => p.text)).toEqual(['third', 'first', 'second, edited'])
    expect(
      store
        .all()
        .get('s')!
        .map((p) => p.id),
    ).toEqual([c.id, a.id, b.id])
    q.drain()
    expect(sent).toEqual([])
    setGate('send')
    q.drain()
    q.drain()
    await settle()
    // One at a time: the next waits for the turn the first one starts.
    expect(sent).toEqual(['third'])
    q.accepted('s')
    q.drain()
    await settle()
    expect(sent).toEqual(['third', 'first'])
    q.remove(b.id)
    q.accepted('s')
    q.drain()
    await settle()
    expect(sent).toEqual(['third', 'first'])
    expect(q.list('s')).toEqual([])
  })

  it('a prompt typed while others wait goes behind them, not before', async () => {
    const { q, sent, setGate } = queue('queue')
    await q.submit('s', 'queued earlier')
    setGate('send')
    expect((await q.submit('s', 'typed now')).queued).not.toBeNull()
    q.drain()
    await settle()
    expect(sent).toEqual(['queued earlier'])
  })

  it('a failed send puts the prompt back at the front', async () => {
    const { q, sent, setGate, failOnce } = queue('queue')
    await q.submit('s', 'keep me')
    setGate('send')
    failOnce()
    q.drain()
    await settle()
    expect(sent).toEqual([])
    expect(q.list('s').map((p) => p.text)).toEqual(['keep me'])
    q.drain()
    await settle()
    expect(sent).toEqual(['keep me'])
  })

  it('refuses sessions that cannot take prompts, and bounds each queue', async () => {
    const { q } = queue('refuse')
    await expect(q.submit('s', 'x')).rejects.toThrow('gone')
    const busy = queue('queue')
    for (let i = 0; i < 50; i++) await busy.q.submit('s', `p${i}`)
    await expect(busy.q.submit('s', 'one too many')).rejects.toThrow(/already wait/)
    expect(() => busy.q.edit('nope', 'x')).toThrow(/no queued prompt/)
  })

  it('queues survive a restart', async () => {
    const { q, store } = queue('queue')
    await q.submit('s', 'still here')
    const again = new PromptQueue({
      store,
      gate: () => ({ kind: 'queue' }),
      send: async () => {},
      now: () => 1,
      log: recordingLogger(),
    })
    expect(again.list('s').map((p) => p.text)).toEqual(['still here'])
  })
})

/**
 * Cumulative usage never goes down: readings shaped like Claude Code's across /compact (same
 * agent session, cost keeps counting), /clear (a new agent session starting at zero) and
 * --resume (the same agent session, its cost restored), and transcripts read again from scratch.
 */
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/main/core/store/db'
import { UsageStore } from '../../../src/main/core/usage/usage-store'
import { localDay, UsageLedger } from '../../../src/main/core/usage/usage-ledger'
import { fakeClock } from '../../support/fake-clock'

const tokens = (input: number, output = 0) => ({ input, output, cacheWrite: 0, cacheRead: 0 })

function ledger() {
  const db = openDatabase(':memory:')
  const store = new UsageStore(db)
  const clock = fakeClock(new Date(2026, 11, 1, 12).getTime())
  return { db, store, clock, ledger: new UsageLedger(store, clock, () => '/repo') }
}

describe('UsageLedger', () => {
  it('compact, clear and resume: the session total only ever rises', () => {
    const { ledger: l } = ledger()
    const seen: number[] = []
    const total = () => {
      const c = l.report('s1').total.costUsd
      seen.push(c)
      return c
    }
    l.read('s1', 'A', { costUsd: 0.0125, costReported: true })
    expect(total()).toBeCloseTo(0.0125)
    // /compact: same agent session, the cost keeps counting.
    l.read('s1', 'A', { costUsd: 0.0742, costReported: true })
    expect(total()).toBeCloseTo(0.0742)
    // /clear: a new agent session whose cost starts at zero again.
    l.read('s1', 'B', { costUsd: 0, costReported: true })
    l.read('s1', 'B', { costUsd: 0.0285, costReported: true })
    expect(total()).toBeCloseTo(0.1027)
    // The app restarts Claude with --resume B: first a report without the restored cost, then
    // the restored figure, then more.
    l.read('s1', 'B', { costUsd: 0, costReported: true })
    l.read('s1', 'B', { costUsd: 0.0285, costReported: true })
    l.read('s1', 'B', { costUsd: 0.0611, costReported: true })
    expect(total()).toBeCloseTo(0.1353)
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1])
  })

  it('tokens: a transcript read again from scratch adds nothing; a smaller reading is ignored', () => {
    const { ledger: l } = ledger()
    l.read('s1', 'A', { tokens: tokens(1000, 300) })
    l.read('s1', 'A', { tokens: tokens(1000, 300) })
    l.read('s1', 'A', { tokens: tokens(400, 100) })
    expect(l.report('s1').total.tokens).toEqual(tokens(1000, 300))
    l.read('s1', 'A', { tokens: tokens(5000, 600) })
    expect(l.report('s1').total.tokens).toEqual(tokens(5000, 600))
  })

  it('a turn counts what was used from its start to the next, reports after its end included', () => {
    const { ledger: l, clock } = ledger()
    l.read('s1', 'A', { costUsd: 0.01, costReported: true, tokens: tokens(100) })
    l.turnStarted('s1', clock.now())
    l.read('s1', 'A', { costUsd: 0.03, costReported: true, tokens: tokens(300) })
    l.turnEnded('s1', clock.now())
    // The status line lags the Stop hook.
    l.read('s1', 'A', { costUsd: 0.04, costReported: true, tokens: tokens(400) })
    const turn = l.report('s1').turn!
    expect(turn.endedAt).toBeDefined()
    expect(turn.usage.costUsd).toBeCloseTo(0.03)
    expect(turn.usage.tokens.input).toBe(300)
    l.turnStarted('s1', clock.now() + 1)
    expect(l.report('s1').turn!.usage.costUsd).toBe(0)
    const [latest, previous] = l.turns('s1', 10)
    expect(latest.usage.costUsd).toBe(0)
    expect(previous.usage.costUsd).toBeCloseTo(0.03)
  })

  it('survives a restart: totals come back, and the same readings add nothing', () => {
    const { store, clock, ledger: l } = ledger()
    l.read('s1', 'A', { costUsd: 0.05, costReported: true, tokens: tokens(900) })
    const again = new UsageLedger(store, clock, () => '/repo')
    expect(again.report('s1').total.costUsd).toBeCloseTo(0.05)
    again.read('s1', 'A', { costUsd: 0.05, costReported: true, tokens: tokens(900) })
    expect(again.report('s1').total.costUsd).toBeCloseTo(0.05)
    expect(store.days(localDay(clock.now()))).toEqual([
      { day: localDay(clock.now()), costUsd: 0.05, tokens: 900 },
    ])
  })

  it('per day and per repository totals follow the clock', () => {
    const db = openDatabase(':memory:')
    const store = new UsageStore(db)
    const clock = fakeClock(new Date(2026, 11, 1, 12).getTime())
    const repos: Record<string, string> = { s1: '/work/a', s2: '/work/b' }
    const l = new UsageLedger(store, clock, (id) => repos[id])
    l.read('s1', 'A', { costUsd: 1, costReported: true })
    l.read('s2', 'B', { costUsd: 2, costReported: true })
    clock.advance(24 * 60 * 60_000)
    l.read('s1', 'A', { costUsd: 1.5, costReported: true })
    expect(store.days('2026-11-01').map((d) => [d.day, d.costUsd])).toEqual([
      ['2026-12-01', 3],
      ['2026-12-02', 0.5],
    ])
    expect(store.repos('2026-11-01').map((r) => [r.repo, r.costUsd])).toEqual([
      ['/work/b', 2],
      ['/work/a', 1.5],
    ])
  })

  it('an estimate is marked as one', () => {
    const { ledger: l } = ledger()
    l.read('s1', 'A', { costUsd: 0.2, tokens: tokens(1000) })
    expect(l.report('s1').total.costEstimated).toBe(true)
    l.read('s1', 'A', { costUsd: 0.25, costReported: true })
    expect(l.report('s1').total).toMatchObject({ costUsd: 0.25, costEstimated: false })
  })
})

/**
 * Usage of the whole fleet: takes status-line reports (cost, context, rate-limit windows) and
 * hook events (turns; when to read a transcript), keeps the ledger and the quota tracker, and
 * builds the snapshot the usage view shows (docs/usage.md).
 */
import type { CanonicalEvent } from '@shared/events'
import {
  RATE_WINDOWS,
  type Consumer,
  type DayTotal,
  type RateWindowName,
  type UsageSnapshot,
} from '@shared/usage'
import type { Logger } from '../log/logger'
import type { Clock } from '../util/clock'
import { findTranscript } from '../agents/claude/transcript-usage'
import { BURN_HORIZON_MS, QuotaTracker } from './quota'
import type { StatusReport } from './reports'
import { TranscriptMeter } from './transcript-meter'
import { localDay, UsageLedger } from './usage-ledger'
import type { UsageStore } from './usage-store'

/** Days in the chart, today included. */
export const CHART_DAYS = 7
/** Days of per-day history kept. */
export const HISTORY_DAYS = 400
/** Top consumers listed. */
export const TOP_CONSUMERS = 5
/** Transcripts read at most this often per agent session (reads are incremental anyway). */
export const TRANSCRIPT_READ_INTERVAL_MS = 500
/** Agent sessions whose transcripts are followed at once; the least recent is dropped. */
export const MAX_METERS = 256
const DAY_MS = 24 * 60 * 60_000

/** Events after which the transcript has new model calls worth reading. */
const TRANSCRIPT_EVENTS: ReadonlySet<string> = new Set([
  'tool.end',
  'stop',
  'stop.failure',
  'subagent.stop',
  'compact',
  'session.end',
])

export interface UsageServiceOptions {
  store: UsageStore
  clock: Clock
  log: Logger
  repoOf: (sessionId: string) => string
  /** Session ids that exist now. */
  sessionIds: () => string[]
  /** Whether a session has a status line (managed sessions do). */
  managed: (sessionId: string) => boolean
  /** Claude Code's config folder (its transcripts are under projects/). */
  claudeConfigDir: () => string
  warnPercent: () => number
}

interface Meter {
  sessionId: string
  meter: TranscriptMeter | null
  managed: boolean
  reading: boolean
  again: boolean
  lastReadAt: number
  timer?: NodeJS.Timeout
}

export class UsageService {
  readonly ledger: UsageLedger
  readonly quota: QuotaTracker
  private readonly meters = new Map<string, Meter>()
  private readonly windowListeners = new Set<() => void>()
  private closed = false

  constructor(private readonly opts: UsageServiceOptions) {
    this.ledger = new UsageLedger(opts.store, opts.clock, opts.repoOf)
    this.quota = new QuotaTracker(opts.clock, opts.store.rateWindows())
    opts.store.pruneDaysBefore(localDay(opts.clock.now() - HISTORY_DAYS * DAY_MS))
  }

  onChange(cb: (sessionId: string) => void): () => void {
    return this.ledger.onChange(cb)
  }

  /** A rate-limit window changed (a new reading). */
  onWindows(cb: () => void): () => void {
    this.windowListeners.add(cb)
    return () => this.windowListeners.delete(cb)
  }

  /** A session's status line: its cost, context, model and the subscription's windows. */
  statusReport(sessionId: string, report: StatusReport): void {
    const agentSessionId = report.agentSessionId ?? `app:${sessionId}`
    if (report.costUsd !== undefined)
      this.ledger.read(sessionId, agentSessionId, { costUsd: report.costUsd, costReported: true })
    this.ledger.context(sessionId, report.context, 'status-line')
    let windows = false
    for (const name of RATE_WINDOWS) {
      const r = report.rateLimits[name]
      if (!r) continue
      const w = this.quota.observe(name, r.usedPercent, r.resetsAt)
      this.opts.store.putRateWindow(name, w)
      windows = true
    }
    if (windows) for (const cb of this.windowListeners) cb()
    if (report.agentSessionId) {
      this.follow(sessionId, report.agentSessionId, true, report.transcriptPath)
    }
  }

  /** Hook events: turns start and end; some mean the transcript has grown. */
  events(events: CanonicalEvent[]): void {
    for (const e of events) {
      if (e.agentId) continue
      // An injected message (a subagent's result, Claude Code's notice) starts a turn too.
      if (e.type === 'prompt' || e.type === 'subagent.result' || e.type === 'claude.notice')
        this.ledger.turnStarted(e.sessionId, e.ts)
      else if (e.type === 'stop' || e.type === 'stop.failure' || e.type === 'session.end')
        this.ledger.turnEnded(e.sessionId, e.ts)
    }
    for (const e of events) {
      if (!e.agentSessionId || !TRANSCRIPT_EVENTS.has(e.type)) continue
      this.follow(e.sessionId, e.agentSessionId, this.opts.managed(e.sessionId))
    }
  }

  /** Reads the agent session's transcript soon (at most every TRANSCRIPT_READ_INTERVAL_MS). */
  private follow(sessionId: string, agentSessionId: string, managed: boolean, path?: string): void {
    if (this.closed) return
    let m = this.meters.get(agentSessionId)
    if (!m) {
      if (this.meters.size >= MAX_METERS) this.dropOldestMeter()
      m = { sessionId, meter: null, managed, reading: false, again: false, lastReadAt: 0 }
      this.meters.set(agentSessionId, m)
    }
    m.managed ||= managed
    if (path && m.meter?.transcript !== path) m.meter = new TranscriptMeter(path)
    this.schedule(agentSessionId, m)
  }

  private dropOldestMeter(): void {
    let oldest: [string, Meter] | undefined
    for (const entry of this.meters)
      if (!oldest || entry[1].lastReadAt < oldest[1].lastReadAt) oldest = entry
    if (oldest) {
      clearTimeout(oldest[1].timer)
      this.meters.delete(oldest[0])
    }
  }

  private schedule(agentSessionId: string, m: Meter): void {
    if (m.reading) {
      m.again = true
      return
    }
    if (m.timer) return
    const wait = Math.max(0, m.lastReadAt + TRANSCRIPT_READ_INTERVAL_MS - Date.now())
    m.timer = setTimeout(() => {
      m.timer = undefined
      void this.readMeter(agentSessionId, m)
    }, wait)
    m.timer.unref()
  }

  private async readMeter(agentSessionId: string, m: Meter): Promise<void> {
    if (this.closed || this.meters.get(agentSessionId) !== m) return
    m.reading = true
    m.again = false
    m.lastReadAt = Date.now()
    try {
      if (!m.meter) {
        const path = await findTranscript(this.opts.claudeConfigDir(), agentSessionId)
        if (path) m.meter = new TranscriptMeter(path)
      }
      if (!m.meter) return
      const r = await m.meter.read()
      if (this.closed) return
      // A managed session's cost comes from its status line; estimates would only blur it.
      const estimated = m.managed ? undefined : (r.estimatedCostUsd ?? undefined)
      const reported = r.reportedCostUsd ?? undefined
      this.ledger.read(m.sessionId, agentSessionId, {
        tokens: r.tokens,
        ...(reported !== undefined
          ? { costUsd: Math.max(reported, estimated ?? 0), costReported: true }
          : estimated !== undefined
            ? { costUsd: estimated }
            : {}),
      })
      if (r.contextTokens !== null)
        this.ledger.context(m.sessionId, { tokens: r.contextTokens }, 'transcript')
    } catch (err) {
      this.opts.log.warn(`reading the transcript of ${agentSessionId} failed`, err)
    } finally {
      m.reading = false
      if (m.again) this.schedule(agentSessionId, m)
    }
  }

  /** Sessions that no longer exist leave the live figures (their days stay). */
  prune(existing: ReadonlySet<string>): void {
    for (const [aid, m] of this.meters) {
      if (existing.has(m.sessionId)) continue
      clearTimeout(m.timer)
      this.meters.delete(aid)
    }
  }

  forget(sessionId: string): void {
    this.ledger.forget(sessionId)
    this.prune(new Set(this.opts.sessionIds().filter((id) => id !== sessionId)))
  }

  /** The five-hour and seven-day windows, while not past their reset. */
  window(name: RateWindowName) {
    return this.quota.window(name)
  }

  snapshot(): UsageSnapshot {
    const now = this.opts.clock.now()
    const ids = this.opts.sessionIds()
    const used = this.ledger.usedSince(now - BURN_HORIZON_MS)
    let costSum = 0
    let tokenSum = 0
    for (const u of used.values()) {
      costSum += u.costUsd
      tokenSum += u.tokens
    }
    const consumers: Consumer[] = [...used]
      .filter(([id]) => ids.includes(id))
      .map(([sessionId, u]) => ({
        sessionId,
        costUsd: u.costUsd,
        tokens: u.tokens,
        share: costSum > 0 ? u.costUsd / costSum : tokenSum > 0 ? u.tokens / tokenSum : 0,
      }))
      .sort((a, b) => b.share - a.share)
      .slice(0, TOP_CONSUMERS)
    const firstDay = localDay(now - (CHART_DAYS - 1) * DAY_MS)
    const stored = new Map(this.opts.store.days(firstDay).map((d) => [d.day, d]))
    const days: DayTotal[] = []
    for (let i = CHART_DAYS - 1; i >= 0; i--) {
      const day = localDay(now - i * DAY_MS)
      days.push(stored.get(day) ?? { day, costUsd: 0, tokens: 0 })
    }
    return {
      sessions: ids.map((id) => this.ledger.report(id)),
      quota: {
        windows: this.quota.forecast(this.opts.warnPercent()),
        topConsumers: consumers,
        horizonMs: BURN_HORIZON_MS,
      },
      days,
      repos: this.opts.store.repos(firstDay),
      today: days[days.length - 1],
    }
  }

  close(): void {
    this.closed = true
    for (const m of this.meters.values()) clearTimeout(m.timer)
    this.meters.clear()
  }
}

/**
 * The activity feed: every session's events as rows, virtualised so 100,000 rows scroll like ten.
 * Sticks to the bottom while the user is near it (original: 100 px), offers "jump to latest"
 * otherwise, pages older events in when scrolled to the top, and scrolls to a focused event.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { ArrowDown, History, Inbox, LoaderCircle } from 'lucide-react'
import { useAppStore } from '../../store'
import { uiSignals } from '../signals'
import { UNKNOWN_SESSION_COLOR, sessionColorVar } from '../../theme/session-palette'
import { buildFeed, type FeedRow } from './feed-model'
import { usePacedFeedEvents } from './paced-events'
import { FeedRowView } from './FeedRowView'
import { ASSISTANT_COLLAPSE_CHARS, RESPONSE_CUT_CHARS } from './TextRows'
import { backToLatest, loadOlder } from './history'
import { ThinkingStrip } from './ThinkingStrip'
import { pruneSizeCache } from './size-cache'
import './feed.css'

/** Within this distance of the bottom the feed follows new rows. */
export const STICK_TO_BOTTOM_PX = 100
/** Scrolling closer than this to the top loads an older page. */
const LOAD_OLDER_WITHIN_PX = 300
const ESTIMATED_ROW_PX = 64
const OVERSCAN_ROWS = 10
/** How long a jumped-to row stays highlighted. */
const HIGHLIGHT_MS = 2_400

function isLong(row: FeedRow): boolean {
  if (row.kind === 'assistant') return row.text.length > ASSISTANT_COLLAPSE_CHARS
  if (row.kind === 'response') return row.text.length > RESPONSE_CUT_CHARS
  return false
}

export function Feed() {
  const events = usePacedFeedEvents()
  const filter = useAppStore((s) => s.feedFilter)
  const sessions = useAppStore((s) => s.sessions)
  const focusEventId = useAppStore((s) => s.focusEventId)
  const historyMode = useAppStore((s) => s.feedHistoryMode)
  const model = useMemo(() => buildFeed(events, filter), [events, filter])
  const rows = model.rows

  const sessionInfo = useMemo(() => {
    const map = new Map<string, { name: string; color: string; cwd: string }>()
    for (const s of sessions) map.set(s.id, { name: s.name, color: sessionColorVar(s), cwd: s.cwd })
    return map
  }, [sessions])

  const [expanded, setExpanded] = useState<Set<string>>(() => new Set())
  const onToggle = useCallback((key: string) => {
    setExpanded((prev) => {
      const next = new Set(prev)
      if (next.has(key)) next.delete(key)
      else next.add(key)
      return next
    })
  }, [])

  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    overscan: OVERSCAN_ROWS,
    getItemKey: (i) => rows[i].key,
  })
  useEffect(() => {
    pruneSizeCache(virtualizer, rows)
  }, [rows, virtualizer])

  const [atBottom, setAtBottom] = useState(true)
  const atBottomRef = useRef(true)
  const [older, setOlder] = useState<'idle' | 'loading' | 'done'>('idle')
  const [highlight, setHighlight] = useState<string | null>(null)

  const scrollToLatest = useCallback(() => {
    if (rows.length) virtualizer.scrollToIndex(rows.length - 1, { align: 'end' })
    atBottomRef.current = true
    setAtBottom(true)
  }, [rows.length, virtualizer])

  // Follow new rows while at the bottom; a new prompt always pulls the view down (original).
  const lastRow = rows[rows.length - 1]
  useLayoutEffect(() => {
    if (!lastRow) return
    if (atBottomRef.current || (lastRow.kind === 'prompt' && Date.now() - lastRow.ts < 5_000))
      scrollToLatest()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lastRow?.key, rows.length])

  // A changed filter shows a different list: start it at the bottom.
  useEffect(() => {
    setOlder('idle')
    scrollToLatest()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filter])

  const firstKeyBeforeLoad = useRef<string | null>(null)
  const onScroll = () => {
    const el = scrollRef.current
    if (!el) return
    const bottom = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_TO_BOTTOM_PX
    if (bottom !== atBottomRef.current) {
      atBottomRef.current = bottom
      setAtBottom(bottom)
    }
    if (
      el.scrollTop < LOAD_OLDER_WITHIN_PX &&
      older === 'idle' &&
      rows.length > 0 &&
      !historyMode
    ) {
      setOlder('loading')
      firstKeyBeforeLoad.current = rows[0]?.key ?? null
      void loadOlder(filter).then((more) => setOlder(more ? 'idle' : 'done'))
    }
  }

  // Keep the row the user was looking at in place after an older page lands above it.
  useLayoutEffect(() => {
    const key = firstKeyBeforeLoad.current
    if (!key) return
    const index = rows.findIndex((r) => r.key === key)
    if (index > 0) {
      firstKeyBeforeLoad.current = null
      virtualizer.scrollToIndex(index, { align: 'start' })
    }
  }, [rows, virtualizer])

  // Scroll to a focused event (search result), highlighting its row.
  useEffect(() => {
    if (!focusEventId) return
    const index = model.rowOfEvent.get(focusEventId)
    if (index === undefined) return
    atBottomRef.current = false
    setAtBottom(false)
    virtualizer.scrollToIndex(index, { align: 'center' })
    setHighlight(rows[index].key)
    useAppStore.getState().focusEvent(null)
    const timer = window.setTimeout(() => setHighlight(null), HIGHLIGHT_MS)
    return () => window.clearTimeout(timer)
  }, [focusEventId, model, rows, virtualizer])

  useEffect(() => uiSignals.on('feedLatest', scrollToLatest), [scrollToLatest])
  useEffect(
    () =>
      uiSignals.on('feedExpandLatest', () => {
        for (let i = rows.length - 1; i >= 0; i--) {
          if (isLong(rows[i])) {
            const key = rows[i].key
            setExpanded((prev) => new Set(prev).add(key))
            virtualizer.scrollToIndex(i, { align: 'start' })
            return
          }
        }
      }),
    [rows, virtualizer],
  )

  const showSession = filter === null && sessions.length > 1
  const items = virtualizer.getVirtualItems()

  return (
    <div className="feed-wrap">
      {historyMode && (
        <div className="feed-banner">
          <History size={14} aria-hidden /> Showing older history.
          <button type="button" className="link-button" onClick={() => void backToLatest()}>
            Back to the latest events
          </button>
        </div>
      )}
      <div
        className="feed"
        ref={scrollRef}
        onScroll={onScroll}
        data-testid="feed"
        role="log"
        aria-label="Activity feed"
      >
        {rows.length === 0 ? (
          <FeedEmpty filtered={filter !== null} />
        ) : (
          <div className="feed-inner" style={{ height: virtualizer.getTotalSize() }}>
            {older === 'loading' && (
              <div className="feed-loading">
                <LoaderCircle size={14} className="spin" aria-hidden /> Loading older events
              </div>
            )}
            <div
              className="feed-window"
              style={{ transform: `translateY(${items[0]?.start ?? 0}px)` }}
            >
              {items.map((item) => {
                const row = rows[item.index]
                const info = sessionInfo.get(row.sessionId)
                return (
                  <div
                    key={item.key}
                    data-index={item.index}
                    ref={virtualizer.measureElement}
                    className={`feed-item${highlight === row.key ? ' highlight' : ''}`}
                    data-testid="feed-item"
                    data-kind={row.kind}
                    data-key={row.key}
                  >
                    <FeedRowView
                      row={row}
                      sessionName={info?.name ?? null}
                      color={info?.color ?? UNKNOWN_SESSION_COLOR}
                      showSession={showSession}
                      cwd={info?.cwd}
                      expanded={expanded.has(row.key)}
                      onToggle={onToggle}
                    />
                  </div>
                )
              })}
            </div>
          </div>
        )}
      </div>
      <ThinkingStrip />
      {!atBottom && rows.length > 0 && (
        <button type="button" className="jump-latest" onClick={scrollToLatest}>
          <ArrowDown size={14} aria-hidden /> Jump to latest
        </button>
      )}
    </div>
  )
}

function FeedEmpty({ filtered }: { filtered: boolean }) {
  const hasSessions = useAppStore((s) => s.sessions.length > 0)
  return (
    <div className="empty-state">
      <Inbox size={28} aria-hidden />
      {filtered ? (
        <p>
          No activity from this session yet. Send it a prompt below, or press 0 to see every
          session.
        </p>
      ) : hasSessions ? (
        <p>Waiting for activity. Select a session and send it a prompt.</p>
      ) : (
        <p>
          No activity yet. Press <kbd>N</kbd> to start a session, or install global hooks in
          Settings to watch the Claude Code sessions you already run.
        </p>
      )}
    </div>
  )
}

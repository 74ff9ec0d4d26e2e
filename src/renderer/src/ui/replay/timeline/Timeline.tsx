/**
 * The timeline under the workshop: the stored history (or an opened replay file), one lane per
 * session, zoomable from a minute to weeks. Marks are buckets of about a pixel answered by the
 * source (replay.timeline for the store): prompts, tool calls in their station's colour,
 * failures, permission waits, subagents, turn ends; commits made during a session are markers on
 * its lane. Hover (or arrow keys on a focused lane) shows a mark; a click jumps there.
 *
 * A click means "show me that moment": the replay clock goes to just before the mark's first
 * event and plays that event alone, paused, so the feed starts with it and the workshop shows the
 * fleet right after it. Live, that enters replay at that instant (the live view holds only recent
 * events; Back to live returns with nothing lost). A click on an empty stretch seeks there.
 */
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { KeyboardEvent as ReactKeyboardEvent, PointerEvent as ReactPointerEvent } from 'react'
import { ChartGantt, Maximize2, ZoomIn, ZoomOut } from 'lucide-react'
import type { HistorySpan, SessionCommit, TimelineAnswer } from '@shared/contract/replay'
import { STATIONS } from '@shared/stations'
import { TIMELINE_KINDS, type TimelineKind } from '@shared/timeline'
import { useAppStore } from '../../../store'
import { sessionColorVar, UNKNOWN_SESSION_COLOR } from '../../../theme/session-palette'
import { jumpToEvent, seekReplay, shownSource } from '../replay-player'
import {
  cellText,
  commitText,
  KIND_LABELS,
  spoken,
  type MarkText,
  type TimelineCell,
} from './timeline-text'
import { useTimelineAnswer } from './useTimelineAnswer'
import {
  fitAll,
  instantText,
  lengthText,
  panWindow,
  revealInstant,
  zoomWindow,
  axisTicks,
  ZOOM_STEP,
  type TimelineWindow,
} from './timeline-view'
import './timeline.css'

/** Width of a lane's head (the session's name), px. */
const LANE_HEAD_PX = 132
const LANE_HEIGHT_PX = 20
/** A mark is never drawn narrower than this, px, so a lone event stays visible and hoverable. */
const MIN_MARK_PX = 2
/** A pointer this close to a mark hovers it, px. */
const HIT_SLOP_PX = 3
/** Used until the track is measured (and where nothing measures, as in tests). */
const FALLBACK_TRACK_PX = 800
/** Room a tick's label needs on the axis, px. */
const TICK_LABEL_PX = 56
/** A press that moves less than this is a click, not a drag, px. */
const DRAG_THRESHOLD_PX = 4
/** While live, the history grows: its span is asked for again this often (the marks when it grew). */
export const LIVE_REFRESH_MS = 5_000

/** The legend's short words (the full ones are its tooltips). */
const LEGEND_WORDS = {
  turn: 'Prompt',
  tool: 'Tool',
  fail: 'Failure',
  wait: 'Wait',
  sub: 'Subagent',
}

/** Where each kind of mark sits in its lane (y, height), px. */
const SHAPES: Record<TimelineKind, [number, number]> = {
  turn: [2, 16],
  tool: [5, 10],
  fail: [2, 16],
  wait: [2, 16],
  sub: [4, 12],
  end: [12, 5],
  other: [8, 4],
}

interface LaneView {
  sessionId: string
  name: string
  color: string
  cells: TimelineCell[]
  commits: SessionCommit[]
}

/** A mark the keyboard or the pointer is on. */
type Mark =
  | { type: 'cell'; sessionId: string; at: number; cell: TimelineCell }
  | { type: 'commit'; sessionId: string; at: number; commit: SessionCommit }

function markText(m: Mark): MarkText {
  return m.type === 'cell' ? cellText(m.cell) : commitText(m.commit)
}

/** A lane's marks in time order (cells and commits), for stepping with the keyboard. */
function laneMarks(lane: LaneView): Mark[] {
  const marks: Mark[] = [
    ...lane.cells.map((cell) => ({
      type: 'cell' as const,
      sessionId: lane.sessionId,
      at: cell.at,
      cell,
    })),
    ...lane.commits.map((commit) => ({
      type: 'commit' as const,
      sessionId: lane.sessionId,
      at: commit.ts,
      commit,
    })),
  ]
  return marks.sort((a, b) => a.at - b.at)
}

const sameSpan = (a: HistorySpan | null, b: HistorySpan | null) =>
  a === b || (a !== null && b !== null && a.firstSeq === b.firstSeq && a.lastSeq === b.lastSeq)

/** The shown history's span: the replay's, or this machine's asked for again at each `tick`. */
function useHistorySpan(tick: number): HistorySpan | null {
  const replaySpan = useAppStore((s) => s.replay?.span ?? null)
  const [liveSpan, setLiveSpan] = useState<HistorySpan | null>(null)
  const replaying = replaySpan !== null
  useEffect(() => {
    if (replaying) return
    let current = true
    shownSource()
      .span()
      .then(
        // The same span keeps its identity: nothing is asked again while nothing was stored.
        (span) => current && setLiveSpan((old) => (sameSpan(old, span) ? old : span)),
        () => {},
      )
    return () => {
      current = false
    }
  }, [replaying, tick])
  return replaySpan ?? liveSpan
}

export function Timeline() {
  const replay = useAppStore((s) => s.replay)
  const sessions = useAppStore((s) => s.sessions)
  const file = replay?.file ?? null
  const clock = replay?.clock ?? null
  const replaying = replay !== null
  const [tick, setTick] = useState(0)
  const span = useHistorySpan(tick)
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the source follows the shown file
  const source = useMemo(() => shownSource(), [file, replaying])
  const [win, setWin] = useState<TimelineWindow | null>(null)
  const [trackPx, setTrackPx] = useState(FALLBACK_TRACK_PX)
  const [hover, setHover] = useState<{ mark: Mark; x: number; laneIndex: number } | null>(null)
  const [cursor, setCursor] = useState<Mark | null>(null)
  const [tabLane, setTabLane] = useState(0)
  const bodyRef = useRef<HTMLDivElement>(null)
  const lanesRef = useRef<HTMLDivElement>(null)
  const drag = useRef<{ x: number; win: TimelineWindow; moved: boolean } | null>(null)

  // Live, the history grows: its span is asked for now and then. Replaying, it is fixed.
  useEffect(() => {
    if (replaying) return
    const timer = window.setInterval(() => setTick((t) => t + 1), LIVE_REFRESH_MS)
    return () => window.clearInterval(timer)
  }, [replaying])

  // A new source (a file opened, or back to this machine's history): show all of it. A window
  // left fitted to the whole history stays so as the history grows (live); one the user zoomed
  // or panned stays where it was put.
  const fittedFor = useRef<unknown>(undefined)
  const fitted = useRef<TimelineWindow | null>(null)
  const fitTo = useCallback((s: HistorySpan) => {
    const w = fitAll(s)
    fitted.current = w
    setWin(w)
  }, [])
  useEffect(() => {
    if (!span) return
    if (fittedFor.current === source && win) {
      if (win === fitted.current && (win.from !== fitAll(span).from || win.to !== fitAll(span).to))
        fitTo(span)
      return
    }
    fittedFor.current = source
    fitTo(span)
    setCursor(null)
  }, [span, source, win, fitTo])

  useLayoutEffect(() => {
    const el = lanesRef.current
    if (!el) return
    const measure = () => {
      const px = el.clientWidth - LANE_HEAD_PX
      if (px > 0) setTrackPx(px)
    }
    measure()
    if (typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(measure)
    observer.observe(el)
    return () => observer.disconnect()
  }, [span])

  // The window's marks are asked for again when events were stored and the window shows the
  // newest stretch; a window over the past stays as it is.
  const showsNewest =
    !replaying && win !== null && span !== null && win.to >= span.lastTs - (win.to - win.from)
  const { answer, error } = useTimelineAnswer(source, win, trackPx, showsNewest ? span.lastSeq : 0)

  const indexed = useMemo(() => indexAnswer(answer), [answer])
  const lanes = useMemo(() => buildLanes(answer, indexed, sessions), [answer, indexed, sessions])

  const msPerPx = win ? (win.to - win.from) / trackPx : 1
  const xOf = useCallback((t: number) => (win ? (t - win.from) / msPerPx : 0), [win, msPerPx])

  // Wheel and pinch (a trackpad's pinch arrives as a wheel with ctrlKey) zoom around the
  // pointer; a horizontal wheel or shift+wheel pans. A native listener: React's is passive.
  useEffect(() => {
    const el = bodyRef.current
    if (!el) return
    const onWheel = (e: WheelEvent) => {
      if (!win) return
      e.preventDefault()
      const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1
      const rect = el.getBoundingClientRect()
      const horizontal = e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)
      if (horizontal) {
        const d = (e.shiftKey ? e.deltaY : e.deltaX) * unit
        setWin((w) => (w ? panWindow(w, d * msPerPx, span) : w))
        return
      }
      const anchor = win.from + (e.clientX - rect.left - LANE_HEAD_PX) * msPerPx
      const factor = Math.exp(e.deltaY * unit * (e.ctrlKey ? 0.01 : 0.002))
      setWin((w) => (w ? zoomWindow(w, factor, anchor) : w))
    }
    el.addEventListener('wheel', onWheel, { passive: false })
    return () => el.removeEventListener('wheel', onWheel)
  }, [win, msPerPx, span])

  /** The middle of the view, or the replay clock when it is in view: what the buttons zoom on. */
  const zoomAnchor = () =>
    win
      ? clock !== null && clock >= win.from && clock <= win.to
        ? clock
        : (win.from + win.to) / 2
      : 0
  const zoomBy = (factor: number) => setWin((w) => (w ? zoomWindow(w, factor, zoomAnchor()) : w))
  const fit = () => span && fitTo(span)

  const hitTest = (lane: LaneView, x: number): Mark | null => {
    if (!answer) return null
    for (const commit of lane.commits) {
      if (Math.abs(xOf(commit.ts) - x) <= HIT_SLOP_PX + 2)
        return { type: 'commit', sessionId: lane.sessionId, at: commit.ts, commit }
    }
    let best: TimelineCell | null = null
    let bestDistance = Infinity
    for (const cell of lane.cells) {
      const left = xOf(answer.from + cell.b * answer.bucketMs)
      const width = Math.max(MIN_MARK_PX, answer.bucketMs / msPerPx)
      const distance = x < left ? left - x : x > left + width ? x - left - width : 0
      if (distance < bestDistance) [best, bestDistance] = [cell, distance]
    }
    return best && bestDistance <= HIT_SLOP_PX
      ? { type: 'cell', sessionId: lane.sessionId, at: best.at, cell: best }
      : null
  }

  const trackX = (e: { clientX: number }, el: HTMLElement) =>
    e.clientX - el.getBoundingClientRect().left

  const onTrackPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (!win || e.button !== 0) return
    drag.current = { x: e.clientX, win, moved: false }
    e.currentTarget.setPointerCapture?.(e.pointerId)
  }

  const onTrackPointerMove = (
    e: ReactPointerEvent<HTMLDivElement>,
    lane: LaneView,
    laneIndex: number,
  ) => {
    const d = drag.current
    if (d) {
      const dx = e.clientX - d.x
      if (Math.abs(dx) >= DRAG_THRESHOLD_PX) d.moved = true
      if (d.moved) {
        setHover(null)
        setWin(panWindow(d.win, -dx * msPerPx, span))
        return
      }
    }
    const x = trackX(e, e.currentTarget)
    const mark = hitTest(lane, x)
    setHover(mark ? { mark, x, laneIndex } : null)
  }

  const onTrackPointerUp = (e: ReactPointerEvent<HTMLDivElement>, lane: LaneView) => {
    const d = drag.current
    drag.current = null
    if (!d || d.moved || !win) return
    const x = trackX(e, e.currentTarget)
    const mark = hitTest(lane, x)
    if (mark) void jumpTo(mark)
    else void seekReplay(win.from + x * msPerPx)
  }

  const jumpTo = (mark: Mark) => {
    setCursor(mark)
    // A commit is not an event: the replay goes to its instant.
    return mark.type === 'commit' ? seekReplay(mark.at) : jumpToEvent(mark.at)
  }

  const onTrackKeyDown = (
    e: ReactKeyboardEvent<HTMLDivElement>,
    lane: LaneView,
    laneIndex: number,
  ) => {
    if (!win) return
    const marks = laneMarks(lane)
    const here = cursor && cursor.sessionId === lane.sessionId ? cursor : null
    const inView = marks.filter((m) => m.at >= win.from && m.at <= win.to)
    let next: Mark | undefined
    switch (e.key) {
      case 'ArrowRight':
        next = here ? marks.find((m) => m.at > here.at) : inView[0]
        break
      case 'ArrowLeft':
        next = here ? [...marks].reverse().find((m) => m.at < here.at) : inView[inView.length - 1]
        break
      case 'Home':
        next = marks[0]
        break
      case 'End':
        next = marks[marks.length - 1]
        break
      case 'Enter':
      case ' ':
        if (here) void jumpTo(here)
        e.preventDefault()
        return
      case 'ArrowUp':
      case 'ArrowDown': {
        const tracks = lanesRef.current?.querySelectorAll<HTMLElement>('.timeline-track')
        tracks?.[laneIndex + (e.key === 'ArrowUp' ? -1 : 1)]?.focus()
        e.preventDefault()
        return
      }
      case '+':
      case '=':
        zoomBy(1 / ZOOM_STEP)
        e.preventDefault()
        return
      case '-':
        zoomBy(ZOOM_STEP)
        e.preventDefault()
        return
      case 'Escape':
        if (!here) return
        setCursor(null)
        e.preventDefault()
        return
      default:
        return
    }
    e.preventDefault()
    if (!next) return
    setCursor(next)
    setHover(null)
    setWin(revealInstant(win, next.at))
  }

  if (!span) {
    return (
      <section className="timeline" aria-label="Timeline">
        <div className="timeline-empty">
          Nothing recorded yet: the timeline fills as sessions work.
        </div>
      </section>
    )
  }

  const length = win ? win.to - win.from : 0
  // A tick too close to the right edge for its label is left out rather than cut.
  const ticks = win
    ? axisTicks(win, trackPx).filter((t) => xOf(t.at) <= trackPx - TICK_LABEL_PX)
    : []
  const shown = hover?.mark ?? cursor
  const shownLane = shown ? lanes.find((l) => l.sessionId === shown.sessionId) : undefined
  const shownText = shown ? markText(shown) : null
  const shownX = hover ? hover.x : shown ? xOf(shown.at) : 0
  const shownLaneIndex = hover
    ? hover.laneIndex
    : lanes.findIndex((l) => l.sessionId === shown?.sessionId)

  return (
    <section className="timeline" aria-label="Timeline">
      <header className="timeline-head">
        <span className="timeline-title">
          <ChartGantt size={14} aria-hidden /> Timeline
        </span>
        <div className="timeline-zoom" role="group" aria-label="Zoom">
          <button
            type="button"
            className="button small"
            aria-label="Zoom out"
            title="Zoom out (−)"
            onClick={() => zoomBy(ZOOM_STEP)}
          >
            <ZoomOut size={14} aria-hidden />
          </button>
          <button
            type="button"
            className="button small"
            aria-label="Zoom in"
            title="Zoom in (+)"
            onClick={() => zoomBy(1 / ZOOM_STEP)}
          >
            <ZoomIn size={14} aria-hidden />
          </button>
          <button
            type="button"
            className="button small"
            onClick={fit}
            title="Show the whole history"
          >
            <Maximize2 size={14} aria-hidden /> Fit all
          </button>
        </div>
        {win && (
          <span className="timeline-range">
            {instantText(win.from)} – {instantText(win.to)} · {lengthText(length)}
          </span>
        )}
        {answer?.resolution === 'minutes' && (
          <span
            className="timeline-note"
            title="This stretch holds many events: they are counted per minute"
          >
            per minute
          </span>
        )}
        {answer && !answer.complete && <span className="timeline-note">counting…</span>}
        {error && <span className="timeline-note error">{error}</span>}
        <ul className="timeline-legend" aria-label="Legend">
          {(['turn', 'tool', 'fail', 'wait', 'sub'] as const).map((k) => (
            <li key={k} title={KIND_LABELS[k]}>
              <span className={`timeline-swatch tl-${k}`} aria-hidden />
              {LEGEND_WORDS[k]}
            </li>
          ))}
          <li title="A turn running: from its prompt to its end">
            <span className="timeline-swatch tl-busy-swatch" aria-hidden />
            Turn
          </li>
          <li title="A commit made in the session's repository">
            <span className="timeline-swatch tl-commit-swatch" aria-hidden />
            Commit
          </li>
        </ul>
      </header>
      <div className="timeline-body" ref={bodyRef}>
        <div className="timeline-axis" aria-hidden style={{ marginLeft: LANE_HEAD_PX }}>
          {ticks.map((t) => (
            <span
              key={t.at}
              className={`timeline-tick${t.major ? ' major' : ''}`}
              style={{ left: xOf(t.at) }}
            >
              {t.label}
            </span>
          ))}
        </div>
        <div className="timeline-lanes" ref={lanesRef}>
          {lanes.length === 0 && answer && (
            <div className="timeline-empty">Nothing happened in this stretch.</div>
          )}
          {lanes.map((lane, laneIndex) => (
            <div className="timeline-lane" key={lane.sessionId}>
              <div className="timeline-lane-head" title={lane.name} style={{ width: LANE_HEAD_PX }}>
                <span
                  className="timeline-lane-dot"
                  style={{ background: lane.color }}
                  aria-hidden
                />
                <span className="timeline-lane-name">{lane.name}</span>
              </div>
              <div
                className="timeline-track"
                // One lane is a tab stop (the last one focused); ↑ / ↓ move between them.
                tabIndex={laneIndex === Math.min(tabLane, lanes.length - 1) ? 0 : -1}
                onFocus={() => setTabLane(laneIndex)}
                role="group"
                aria-roledescription="timeline lane"
                aria-label={`${lane.name}: ${lane.cells.length} marks${lane.commits.length ? `, ${lane.commits.length} commits` : ''}. Left and right arrows step through them, up and down move between sessions, Enter jumps there`}
                data-session={lane.sessionId}
                onPointerDown={onTrackPointerDown}
                onPointerMove={(e) => onTrackPointerMove(e, lane, laneIndex)}
                onPointerUp={(e) => onTrackPointerUp(e, lane)}
                onPointerLeave={() => !drag.current && setHover(null)}
                onKeyDown={(e) => onTrackKeyDown(e, lane, laneIndex)}
                onBlur={() => setCursor((c) => (c?.sessionId === lane.sessionId ? null : c))}
              >
                <LaneMarks
                  lane={lane}
                  answer={answer}
                  xOf={xOf}
                  msPerPx={msPerPx}
                  trackPx={trackPx}
                />
                {cursor?.sessionId === lane.sessionId && (
                  <span
                    className="timeline-cursor"
                    style={{ left: xOf(cursor.at) - 3 }}
                    aria-hidden
                  />
                )}
              </div>
            </div>
          ))}
          {clock !== null && win && clock >= win.from && clock <= win.to && (
            <span
              className="timeline-playhead"
              style={{ left: LANE_HEAD_PX + xOf(clock) }}
              aria-hidden
              title={`Replay clock ${instantText(clock)}`}
            />
          )}
        </div>
        {shown && shownText && shownLane && (
          <div
            className="timeline-tooltip"
            role="tooltip"
            style={{
              left: Math.min(LANE_HEAD_PX + Math.max(0, shownX), LANE_HEAD_PX + trackPx - 240),
              top:
                18 +
                Math.max(0, shownLaneIndex) * LANE_HEIGHT_PX -
                (lanesRef.current?.scrollTop ?? 0),
            }}
          >
            <div className="timeline-tooltip-when">
              <span
                className="timeline-lane-dot"
                style={{ background: shownLane.color }}
                aria-hidden
              />
              {shownLane.name} · {shownText.when}
            </div>
            <div className="timeline-tooltip-what">{shownText.what}</div>
            {shownText.more && <div className="timeline-tooltip-more">{shownText.more}</div>}
          </div>
        )}
        <div className="timeline-announce" aria-live="polite">
          {cursor && shownLane && shownText && !hover ? spoken(shownLane.name, shownText) : ''}
        </div>
      </div>
    </section>
  )
}

/**
 * One lane's marks as a few SVG paths (one per colour), so thousands of buckets stay cheap; drawn
 * again only when its marks, the window or the width change (not at each tick of a playing
 * replay's clock, nor at each live session update).
 */
const LaneMarks = memo(
  function LaneMarks({
    lane,
    answer,
    xOf,
    msPerPx,
    trackPx,
  }: {
    lane: LaneView
    answer: TimelineAnswer | null
    xOf: (t: number) => number
    msPerPx: number
    trackPx: number
  }) {
    const paths = new Map<string, { kind: TimelineKind; color?: string; d: string[] }>()
    let busy = ''
    if (answer) {
      for (const [from, to] of turnSpans(lane.cells, answer)) {
        const x = Math.max(-1, xOf(from))
        const w = Math.min(trackPx + 1, xOf(to)) - x
        if (w > 0)
          busy += `M${x.toFixed(1)} 0h${w.toFixed(1)}v${LANE_HEIGHT_PX}h${(-w).toFixed(1)}z`
      }
      const width = Math.max(MIN_MARK_PX, answer.bucketMs / msPerPx)
      for (const cell of lane.cells) {
        const x = xOf(answer.from + cell.b * answer.bucketMs)
        if (x + width < 0 || x > trackPx) continue
        const key = `${cell.kind}:${cell.kind === 'tool' ? (cell.station ?? 'center') : ''}`
        let path = paths.get(key)
        if (!path) {
          path = {
            kind: cell.kind,
            ...(cell.kind === 'tool' ? { color: STATIONS[cell.station ?? 'center'].color } : {}),
            d: [],
          }
          paths.set(key, path)
        }
        const [y, h] = SHAPES[cell.kind]
        path.d.push(`M${x.toFixed(1)} ${y}h${width.toFixed(1)}v${h}h${(-width).toFixed(1)}z`)
      }
    }
    return (
      <svg className="timeline-marks" width={trackPx} height={LANE_HEIGHT_PX} aria-hidden>
        {busy && <path className="tl-busy" data-kind="busy" d={busy} />}
        {[...paths].map(([key, p]) => (
          <path
            key={key}
            className={`tl-${p.kind}`}
            data-kind={p.kind}
            d={p.d.join('')}
            style={p.color ? { fill: p.color } : undefined}
          />
        ))}
        {lane.commits.map((c) => {
          const x = xOf(c.ts)
          if (x < -4 || x > trackPx + 4) return null
          return (
            <g key={c.hash} className="tl-commit" data-commit={c.hash}>
              <line x1={x} x2={x} y1={0} y2={LANE_HEIGHT_PX} />
              <circle cx={x} cy={LANE_HEIGHT_PX / 2} r={4} />
            </g>
          )
        })}
      </svg>
    )
  },
  (a, b) =>
    a.lane.cells === b.lane.cells &&
    a.lane.commits === b.lane.commits &&
    a.answer === b.answer &&
    a.xOf === b.xOf &&
    a.msPerPx === b.msPerPx &&
    a.trackPx === b.trackPx,
)

/** An empty lane's marks: one array, so its drawing is not redone at each session update. */
const NONE: never[] = []

interface AnswerIndex {
  fromAnswer: Map<string, TimelineAnswer['lanes'][number]>
  commitsOf: Map<string, SessionCommit[]>
}

/** An answer's lanes and commits by session, made once per answer. */
function indexAnswer(answer: TimelineAnswer | null): AnswerIndex {
  const fromAnswer = new Map(answer?.lanes.map((l) => [l.sessionId, l]))
  const commitsOf = new Map<string, SessionCommit[]>()
  for (const c of answer?.commits ?? []) {
    const list = commitsOf.get(c.sessionId) ?? []
    list.push(c)
    commitsOf.set(c.sessionId, list)
  }
  return { fromAnswer, commitsOf }
}

const TURN = TIMELINE_KINDS.indexOf('turn')
const END = TIMELINE_KINDS.indexOf('end')

/**
 * The stretches a lane's turns ran, from its buckets: from a prompt to the turn's end, or to the
 * next prompt (a failed or interrupted turn ends there too), or on past the last mark while it
 * still runs; a turn begun before the window runs from its start. Within a bucket of both, the
 * turn is taken to have ended there (a bucket is about a pixel).
 */
function turnSpans(cells: readonly TimelineCell[], answer: TimelineAnswer): [number, number][] {
  const spans: [number, number][] = []
  let open: number | null = null
  let seen = false
  let lastEnd = answer.from
  for (const cell of cells) {
    const start = answer.from + cell.b * answer.bucketMs
    const end = start + answer.bucketMs
    lastEnd = end
    const prompts = cell.n[TURN]
    const ends = cell.n[END]
    if (!seen && ends > 0 && prompts === 0) spans.push([answer.from, end])
    if (prompts > 0 || ends > 0) seen = true
    if (prompts > 0) {
      if (open !== null) spans.push([open, start])
      open = start
    }
    if (ends > 0 && open !== null && ends >= prompts) {
      spans.push([open, end])
      open = null
    }
  }
  if (open !== null) spans.push([open, lastEnd])
  return spans
}

/**
 * The lanes to draw: every session the window shows (live, or the replayed ones), in the session
 * list's order, then sessions that are gone but have marks in this stretch.
 */
function buildLanes(
  answer: TimelineAnswer | null,
  indexed: AnswerIndex,
  sessions: readonly { id: string; name: string; zone: { q: number; r: number } | null }[],
): LaneView[] {
  const { fromAnswer, commitsOf } = indexed
  const lanes: LaneView[] = sessions.map((s) => ({
    sessionId: s.id,
    name: s.name,
    color: sessionColorVar(s),
    cells: fromAnswer.get(s.id)?.cells ?? NONE,
    commits: commitsOf.get(s.id) ?? NONE,
  }))
  const known = new Set(sessions.map((s) => s.id))
  for (const l of answer?.lanes ?? []) {
    if (known.has(l.sessionId)) continue
    lanes.push({
      sessionId: l.sessionId,
      name: l.name ?? 'Deleted session',
      color: UNKNOWN_SESSION_COLOR,
      cells: l.cells,
      commits: commitsOf.get(l.sessionId) ?? NONE,
    })
  }
  return lanes
}

/**
 * The player inside an exported replay file. Its source is copied into the file as it is
 * (`replayPlayer.toString()`), so it must stay self-contained: no imports at run time, no
 * reference to anything outside its own body — only the page it runs in. It reads the inlined
 * document (export-format.ts) and shows the workshop (one hex per session, the robot at the
 * station of its tool, the session's state), the feed, and one timeline lane per session, and
 * plays the stretch at 1×–64× or skipping idle gaps. Frames already carry each session's state,
 * so the player only looks them up.
 */
import type { ExportDocument, ExportView } from './export-format'
import type {
  PlayerCanvas,
  PlayerElement,
  PlayerEvent,
  PlayerInput,
  PlayerWindow,
} from './player-dom'

export function replayPlayer(win: PlayerWindow): void {
  const doc = win.document
  const SVG_NS = 'http://www.w3.org/2000/svg'
  /** With "skip idle", a gap longer than this (history time) is jumped over. */
  const SKIP_IDLE_GAP_MS = 5_000
  /** Rows the feed keeps on the page: the newest ones up to the clock. */
  const FEED_ROWS = 60
  /**
   * Playing at this speed or faster, the feed is repainted at most every FEED_PAINT_MS of wall
   * time while the workshop still moves every frame. At 64× a dozen sessions pass hundreds of
   * events a second: rows that scroll by faster than anyone reads would cost the page half its
   * frames (building, laying out and painting the list on every frame).
   */
  const FAST_SPEED = 16
  const FEED_PAINT_MS = 200
  /** Timeline lane height and the width of its name column, CSS pixels. */
  const LANE_PX = 22
  const LABEL_PX = 120
  const SPEEDS = [1, 4, 16, 64]
  const HEX_RADIUS = 7
  /** Zones stand apart by this much more than their radius, so labels never meet. */
  const HEX_PITCH = HEX_RADIUS + 1.2

  const byId = (id: string): PlayerElement => {
    const el = doc.getElementById(id)
    if (!el) throw new Error(`the replay page has no #${id}`)
    return el
  }
  const data = JSON.parse(byId('atelier-replay-data').textContent ?? '{}') as ExportDocument
  const frames = data.frames
  const sessions = data.sessions
  const span = Math.max(1, data.to - data.from)

  // Per session, the indexes of its frames: a session's state at frame k is its last frame <= k.
  const perSession: number[][] = sessions.map(() => [])
  frames.forEach((f, i) => perSession[f.s].push(i))

  const el = (tag: string, className?: string, text?: string): PlayerElement => {
    const e = doc.createElement(tag)
    if (className) e.className = className
    if (text !== undefined) e.textContent = text
    return e
  }
  const svg = (tag: string, attrs: Record<string, string | number>): PlayerElement => {
    const e = doc.createElementNS(SVG_NS, tag)
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v))
    return e
  }
  // Formatters made once: toLocale*String builds one per call, which at 64× (a feed of rows
  // and the clock, many times a second) costs more than the rest of the frame.
  const TIME_FORMAT = new Intl.DateTimeFormat(undefined, {
    hour: 'numeric',
    minute: '2-digit',
    second: '2-digit',
  })
  const DATE_FORMAT = new Intl.DateTimeFormat(undefined, {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    second: '2-digit',
  })
  const timeText = (ms: number) => TIME_FORMAT.format(ms)
  const dateText = (ms: number) => DATE_FORMAT.format(ms)

  /** Index of the last frame at or before `t` (-1: none). Frames are in arrival order. */
  function frameAt(t: number): number {
    let lo = 0
    let hi = frames.length - 1
    let found = -1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if (frames[mid].t <= t) {
        found = mid
        lo = mid + 1
      } else hi = mid - 1
    }
    return found
  }
  /** Session `s` as it stood once frame `k` was applied (null: not started yet). */
  function viewAt(s: number, k: number): ExportView | null {
    const list = perSession[s]
    let lo = 0
    let hi = list.length - 1
    let found = -1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if (list[mid] <= k) {
        found = mid
        lo = mid + 1
      } else hi = mid - 1
    }
    return found >= 0 ? frames[list[found]].view : data.initial[s]
  }

  // --- theme -------------------------------------------------------------------------------
  let theme: 'dark' | 'light' = win.matchMedia('(prefers-color-scheme: light)').matches
    ? 'light'
    : 'dark'
  const hueOf = (s: number) =>
    data.hues[sessions[s].hue % data.hues.length][theme === 'dark' ? 0 : 1]
  function applyTheme(): void {
    doc.documentElement.dataset.theme = theme
    byId('theme-dark').hidden = theme === 'dark'
    byId('theme-light').hidden = theme === 'light'
    sessions.forEach((_, s) => zones[s].group.style.setProperty('--hue', hueOf(s)))
    feedDirty = true
    drawTimeline()
  }

  // --- header ------------------------------------------------------------------------------
  byId('range').textContent = `${dateText(data.from)} – ${dateText(data.to)}`
  byId('counts').textContent =
    `${sessions.length} session${sessions.length === 1 ? '' : 's'} · ${frames.length} events`
  const r = data.redaction
  const redactedParts = [
    r.strings > 0 ? `${r.strings} string${r.strings === 1 ? '' : 's'}` : '',
    r.patterns > 0 ? `${r.patterns} pattern${r.patterns === 1 ? '' : 's'}` : '',
    r.secrets ? 'known secrets' : '',
    r.toolOutputs ? 'tool outputs' : '',
  ].filter(Boolean)
  byId('redaction').textContent =
    redactedParts.length > 0 ? `Redacted: ${redactedParts.join(', ')}` : 'Not redacted'

  // --- the workshop ------------------------------------------------------------------------
  interface Zone {
    group: PlayerElement
    robot: PlayerElement
    status: PlayerElement
    subagents: PlayerElement
    stations: Record<string, PlayerElement>
    /** The station the robot stands at now (null: the dais). */
    shownStation: string | null
  }
  const columns = Math.max(1, Math.ceil(Math.sqrt(sessions.length * 1.5)))
  const w = Math.sqrt(3) * HEX_PITCH
  // Rows do not interlock: each zone's name stands above its hex, clear of the row before.
  const dy = 2 * HEX_RADIUS + 2.8
  const rows = Math.ceil(sessions.length / columns)
  const scene = byId('workshop')
  scene.setAttribute(
    'viewBox',
    `${-w / 2} ${-HEX_RADIUS - 2.4} ${columns * w + w / 2} ${(rows - 1) * dy + 2 * HEX_RADIUS + 3.4}`,
  )
  const hexPoints = Array.from({ length: 6 }, (_, i) => {
    const a = (Math.PI / 180) * (60 * i - 30)
    return `${(HEX_RADIUS * Math.cos(a)).toFixed(2)},${(HEX_RADIUS * Math.sin(a)).toFixed(2)}`
  }).join(' ')
  const STATION_SCALE = 0.95
  const zones: Zone[] = sessions.map((session, s) => {
    const row = Math.floor(s / columns)
    const col = s % columns
    const cx = col * w + (row % 2 ? w / 2 : 0)
    const cy = row * dy
    const group = svg('g', { class: 'zone', transform: `translate(${cx} ${cy})` })
    group.dataset.session = String(s)
    group.appendChild(svg('polygon', { class: 'floor', points: hexPoints }))
    const stations: Record<string, PlayerElement> = {}
    for (const st of data.stations) {
      const [x, z] = st.position
      const mark = svg('circle', {
        class: 'station',
        cx: x * STATION_SCALE,
        cy: z * STATION_SCALE,
        r: st.id === 'center' ? 0.5 : 0.7,
        fill: st.color,
      })
      const title = svg('title', {})
      title.textContent = st.label
      mark.appendChild(title)
      group.appendChild(mark)
      stations[st.id] = mark
    }
    const robot = svg('g', { class: 'robot' })
    robot.appendChild(svg('circle', { class: 'robot-body', r: 0.9 }))
    robot.appendChild(svg('circle', { class: 'robot-eye', cx: 0.3, cy: -0.25, r: 0.18 }))
    robot.appendChild(svg('circle', { class: 'robot-eye', cx: -0.3, cy: -0.25, r: 0.18 }))
    group.appendChild(robot)
    const name = svg('text', { class: 'zone-name', x: 0, y: -HEX_RADIUS - 0.8 })
    name.textContent = session.name
    group.appendChild(name)
    const status = svg('text', { class: 'zone-status', x: 0, y: HEX_RADIUS - 2.4 })
    group.appendChild(status)
    const subagents = svg('text', { class: 'zone-subagents', x: 0, y: HEX_RADIUS - 1.4 })
    group.appendChild(subagents)
    scene.appendChild(group)
    for (const mark of Object.values(stations)) mark.dataset.active = 'false'
    robot.setAttribute('transform', 'translate(0 1.6)')
    return { group, robot, status, subagents, stations, shownStation: null }
  })

  const STATE_TEXT: Record<string, string> = data.stateLabels
  const shown: string[] = sessions.map(() => '')
  function paintZones(k: number): void {
    sessions.forEach((_, s) => {
      const v = viewAt(s, k)
      const key = v ? JSON.stringify(v) : 'none'
      if (shown[s] === key) return
      shown[s] = key
      const z = zones[s]
      // Each part is written only when it changed: at 64× every write costs the frame style and
      // layout work, and most frames change one part of a zone, not all of them.
      z.group.dataset.state = v ? v.state : 'not-started'
      const stationId = v?.station && v.station !== 'center' ? v.station : null
      if (stationId !== z.shownStation) {
        const station = stationId ? data.stations.find((st) => st.id === stationId) : undefined
        // Stand just inside the station, toward the dais, as the robots in the app do.
        const [x, y] = station ? station.position : [0, 0]
        const k2 = station ? 0.7 : 0
        z.robot.setAttribute('transform', `translate(${x * k2} ${y * k2 + (k2 ? 0 : 1.6)})`)
        if (z.shownStation) z.stations[z.shownStation].dataset.active = 'false'
        if (stationId && z.stations[stationId]) z.stations[stationId].dataset.active = 'true'
        z.shownStation = stationId
      }
      const text = !v
        ? 'Not started yet'
        : v.tool
          ? `${STATE_TEXT[v.state] ?? v.state} · ${v.tool}`
          : v.failure && v.state === 'failed'
            ? `Failed: ${v.failure}`
            : (STATE_TEXT[v.state] ?? v.state)
      setText(z.status, text.length > 38 ? `${text.slice(0, 37)}…` : text)
      setText(
        z.subagents,
        v && v.subagents > 0 ? `+${v.subagents} subagent${v.subagents === 1 ? '' : 's'}` : '',
      )
    })
  }
  function setText(e: PlayerElement, text: string): void {
    if (e.textContent !== text) e.textContent = text
  }

  // --- the feed ----------------------------------------------------------------------------
  const feed = byId('feed')
  let feedShownAt = -2
  let feedDirty = true
  function feedRow(i: number): PlayerElement {
    const f = frames[i]
    const row = el('li', `row tone-${f.tone}`)
    row.dataset.type = f.type
    row.style.setProperty('--hue', hueOf(f.s))
    row.appendChild(el('time', 'row-time', timeText(f.t)))
    row.appendChild(el('span', 'row-session', sessions[f.s].name))
    const text = el('span', 'row-text', f.text)
    text.dataset.frame = String(i)
    row.appendChild(text)
    return row
  }
  // The event itself on hover, made only when asked for (one listener for every row).
  feed.addEventListener('mouseover', (e: PlayerEvent) => {
    const text = e.target
    const i = Number(text?.dataset?.frame)
    if (!text || !Number.isInteger(i) || text.title) return
    text.title = JSON.stringify(frames[i]?.event, null, 2).slice(0, 4000)
  })
  /**
   * The list holds the newest row first and is laid out bottom-up (column-reverse), so it stays
   * scrolled to the newest row by itself: scrolling it there from script would force a layout on
   * every paint.
   */
  function paintFeed(k: number): void {
    if (k === feedShownAt && !feedDirty) return
    const from = Math.max(0, k - FEED_ROWS + 1)
    if (!feedDirty && k > feedShownAt && feedShownAt >= 0 && k - feedShownAt < FEED_ROWS) {
      // Playing forward: add the rows the clock reached and drop as many of the oldest.
      for (let i = feedShownAt + 1; i <= k; i++) feed.prepend(feedRow(i))
      while (feed.childElementCount > FEED_ROWS) feed.lastElementChild?.remove()
    } else {
      const rowsOut: PlayerElement[] = []
      for (let i = k; i >= from; i--) rowsOut.push(feedRow(i))
      if (rowsOut.length === 0) rowsOut.push(el('li', 'row empty', 'Nothing has happened yet.'))
      feed.replaceChildren(...rowsOut)
    }
    feedShownAt = k
    feedDirty = false
  }
  let feedPaintedAt = Number.NEGATIVE_INFINITY
  /** The feed at frame `k`, unless playing fast and it was painted less than FEED_PAINT_MS ago. */
  function paintFeedAt(k: number, now: number | undefined): void {
    const fast = playing && speed >= FAST_SPEED && now !== undefined
    if (fast && now - feedPaintedAt < FEED_PAINT_MS) return
    paintFeed(k)
    feedPaintedAt = now ?? Number.NEGATIVE_INFINITY
  }

  // --- the timeline ------------------------------------------------------------------------
  const canvas = byId('lanes') as PlayerCanvas
  const playhead = byId('playhead')
  const TONE_COLOURS: Record<string, string> = {
    fail: '#f87171',
    wait: '#fbbf24',
    sub: '#a78bfa',
    turn: '#60a5fa',
  }
  let timelineWidth = 200
  function drawTimeline(): void {
    timelineWidth = canvas.getBoundingClientRect().width
    const ctx = canvas.getContext('2d')
    if (!ctx) return
    const ratio = win.devicePixelRatio || 1
    const width = Math.max(200, canvas.clientWidth)
    const height = sessions.length * LANE_PX + 4
    canvas.width = Math.round(width * ratio)
    canvas.height = Math.round(height * ratio)
    canvas.style.setProperty('height', `${height}px`)
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0)
    ctx.clearRect(0, 0, width, height)
    const css = win.getComputedStyle(doc.documentElement)
    const laneBg = css.getPropertyValue('--lane').trim() || '#1b2030'
    const text = css.getPropertyValue('--text').trim() || '#e6e9f0'
    const plot = width - LABEL_PX
    ctx.font = '12px system-ui, sans-serif'
    ctx.textBaseline = 'middle'
    sessions.forEach((session, s) => {
      const y = s * LANE_PX + 2
      ctx.fillStyle = laneBg
      ctx.fillRect(LABEL_PX, y, plot, LANE_PX - 4)
      ctx.fillStyle = hueOf(s)
      ctx.fillRect(0, y + 3, 4, LANE_PX - 10)
      ctx.fillStyle = text
      ctx.fillText(session.name, 10, y + (LANE_PX - 4) / 2, LABEL_PX - 14)
    })
    for (const f of frames) {
      const colour =
        f.type === 'tool.start' && f.station
          ? data.stations.find((st) => st.id === f.station)?.color
          : TONE_COLOURS[f.tone]
      if (!colour) continue
      const x = LABEL_PX + ((f.t - data.from) / span) * plot
      const y = f.s * LANE_PX + 2
      ctx.fillStyle = colour
      // Failures and waits stand out: full lane height; tool calls and prompts: the middle.
      if (f.tone === 'fail' || f.tone === 'wait') ctx.fillRect(x, y, 2, LANE_PX - 4)
      else ctx.fillRect(x, y + 5, 1.5, LANE_PX - 14)
    }
  }
  function timeAtX(clientX: number): number {
    const box = canvas.getBoundingClientRect()
    const plot = box.width - LABEL_PX
    const x = Math.min(Math.max(clientX - box.left - LABEL_PX, 0), plot)
    return data.from + (x / Math.max(1, plot)) * span
  }

  // --- the clock ---------------------------------------------------------------------------
  let clock = data.from
  let playing = false
  let speed = 1
  let skipIdle = false
  let lastWall: number | null = null
  /** Set by stepping (and at the start): exactly this many frames applied, whatever shares their ms. */
  let pinned: number | null = -1
  const scrubber = byId('scrubber') as PlayerInput
  scrubber.min = String(data.from)
  scrubber.max = String(data.to)
  const clockEl = byId('clock')
  const stateEl = byId('player-state')
  const body = doc.documentElement

  /** `now`: the frame's time when called from the animation frame, which may spare the feed. */
  function render(now?: number): void {
    const k = pinned ?? frameAt(clock)
    paintZones(k)
    paintFeedAt(k, now)
    clockEl.textContent = dateText(clock)
    clockEl.setAttribute('datetime', new Date(clock).toISOString())
    scrubber.value = String(clock)
    // The width read at start and on resize: reading layout here would force it on every frame.
    const plot = Math.max(1, timelineWidth - LABEL_PX)
    playhead.style.setProperty('left', `${LABEL_PX + ((clock - data.from) / span) * plot}px`)
    const ended = clock >= data.to
    body.dataset.state = ended ? 'ended' : playing ? 'playing' : 'paused'
    body.dataset.frame = String(k)
    stateEl.textContent = ended
      ? 'End of the recording'
      : playing
        ? `Playing at ${speed}×`
        : 'Paused'
    byId('play-icon').hidden = playing
    byId('pause-icon').hidden = !playing
    byId('play').setAttribute('aria-label', playing ? 'Pause' : 'Play')
  }

  function seek(t: number): void {
    pinned = null
    clock = Math.min(Math.max(t, data.from), data.to)
    lastWall = null
    render()
  }

  function tick(now: number): void {
    if (!playing) return
    const dt = lastWall === null ? 0 : Math.min(now - lastWall, 250)
    lastWall = now
    let next = clock + dt * speed
    if (skipIdle) {
      const k = pinned ?? frameAt(clock)
      const upcoming = frames[k + 1]
      if (upcoming && upcoming.t - clock > SKIP_IDLE_GAP_MS) next = Math.max(next, upcoming.t)
      else if (!upcoming && data.to - clock > SKIP_IDLE_GAP_MS) next = data.to
    }
    clock = Math.min(next, data.to)
    pinned = null
    if (clock >= data.to) playing = false
    render(now)
    if (playing) win.requestAnimationFrame(tick)
  }

  function setPlaying(on: boolean): void {
    if (on && clock >= data.to) {
      clock = data.from // play again from the start
      pinned = -1
    }
    playing = on
    lastWall = null
    render()
    if (playing) win.requestAnimationFrame(tick)
  }

  function step(): void {
    playing = false
    const k = pinned ?? frameAt(clock)
    if (k + 1 >= frames.length) return seek(data.to)
    clock = frames[k + 1].t
    pinned = k + 1
    render()
  }

  // --- controls ----------------------------------------------------------------------------
  byId('play').addEventListener('click', () => setPlaying(!playing))
  byId('step').addEventListener('click', () => step())
  const speedsEl = byId('speeds')
  const speedEls: PlayerElement[] = SPEEDS.map((value) => {
    const b = el('button', 'button', `${value}×`)
    b.setAttribute('type', 'button')
    b.setAttribute('aria-pressed', String(value === speed))
    b.addEventListener('click', () => {
      speed = value
      speedEls.forEach((x, i) => x.setAttribute('aria-pressed', String(SPEEDS[i] === speed)))
      render()
    })
    return speedsEl.appendChild(b)
  })
  const skipEl = byId('skip-idle')
  skipEl.addEventListener('click', () => {
    skipIdle = !skipIdle
    skipEl.setAttribute('aria-pressed', String(skipIdle))
  })
  scrubber.addEventListener('input', () => seek(Number(scrubber.value)))
  byId('timeline').addEventListener('click', (e: PlayerEvent) => seek(timeAtX(e.clientX)))
  byId('theme').addEventListener('click', () => {
    theme = theme === 'dark' ? 'light' : 'dark'
    applyTheme()
    render()
  })
  doc.addEventListener('keydown', (e: PlayerEvent) => {
    if (e.key === ' ') {
      e.preventDefault()
      setPlaying(!playing)
    } else if (e.key === 'ArrowRight') step()
  })
  win.addEventListener('resize', () => {
    drawTimeline()
    render()
  })

  applyTheme()
  render()
}

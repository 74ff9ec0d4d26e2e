/**
 * A live xterm for one session: painted from terminal.snapshot, then fed by the `terminal`
 * stream; keystrokes (and xterm's answers to live terminal queries) go to terminal.input, size
 * changes to terminal.resize. The WebGL renderer
 * is used only here, for the one visible terminal (the 3D scene needs its own WebGL context),
 * and falls back to the DOM renderer if it cannot start or loses its context.
 */
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react'
import { Terminal } from '@xterm/xterm'
import { FitAddon } from '@xterm/addon-fit'
import { SearchAddon } from '@xterm/addon-search'
import { WebglAddon } from '@xterm/addon-webgl'
import '@xterm/xterm/css/xterm.css'
import { core } from '../transport'
import { useAppStore } from '../store'

/** Lines kept for scrolling back. */
export const TERMINAL_SCROLLBACK_LINES = 10_000
/** Resize requests are coalesced while the panel is being dragged. */
const RESIZE_DEBOUNCE_MS = 80

/** The server's message as plain text: control characters could drive the terminal. */
function printable(text: string): string {
  return [...text].map((c) => (c.charCodeAt(0) < 0x20 ? ' ' : c)).join('')
}

export interface TerminalHandle {
  findNext(q: string): boolean
  findPrevious(q: string): boolean
  clearSearch(): void
  focus(): void
}

function readTheme(): {
  background: string
  foreground: string
  cursor: string
  selectionBackground: string
} {
  const css = getComputedStyle(document.documentElement)
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback
  return {
    background: v('--term-bg', '#0b0d12'),
    foreground: v('--term-fg', '#e6e9f0'),
    cursor: v('--accent', '#7aa2ff'),
    selectionBackground: v('--term-selection', '#35508a'),
  }
}

export const TerminalView = forwardRef<TerminalHandle, { sessionId: string }>(function TerminalView(
  { sessionId },
  ref,
) {
  const hostRef = useRef<HTMLDivElement>(null)
  const searchRef = useRef<SearchAddon | null>(null)
  const termRef = useRef<Terminal | null>(null)
  const theme = useAppStore((s) => s.settings?.theme)

  useImperativeHandle(ref, () => ({
    findNext: (q) => searchRef.current?.findNext(q) ?? false,
    findPrevious: (q) => searchRef.current?.findPrevious(q) ?? false,
    clearSearch: () => searchRef.current?.clearDecorations(),
    focus: () => termRef.current?.focus(),
  }))

  useEffect(() => {
    const host = hostRef.current
    if (!host) return
    const term = new Terminal({
      scrollback: TERMINAL_SCROLLBACK_LINES,
      fontFamily:
        getComputedStyle(document.documentElement).getPropertyValue('--mono') || 'monospace',
      fontSize: 12.5,
      cursorBlink: true,
      allowProposedApi: true,
      theme: readTheme(),
    })
    termRef.current = term
    const fit = new FitAddon()
    const search = new SearchAddon()
    searchRef.current = search
    term.loadAddon(fit)
    term.loadAddon(search)
    term.open(host)
    let webgl: WebglAddon | null = null
    try {
      webgl = new WebglAddon()
      webgl.onContextLoss(() => {
        webgl?.dispose()
        webgl = null
      })
      term.loadAddon(webgl)
    } catch {
      // No WebGL context to spare (or none at all): xterm keeps its DOM renderer.
      webgl = null
    }

    let disposed = false
    let painted = false
    /**
     * While the snapshot is parsed, whatever xterm "types" is its answer to queries the program
     * sent long ago (cursor position, device attributes, colours): sent now, those answers would
     * arrive in the program as input. They are dropped; queries that come live are answered.
     */
    let replaying = false
    const offStream = core().on('terminal', ({ id, data }) => {
      // Chunks that arrive before the snapshot reply are already inside the snapshot.
      if (id === sessionId && painted) term.write(data)
    })
    core()
      .invoke('terminal.snapshot', { id: sessionId })
      .then(({ data }) => {
        if (disposed) return
        replaying = true
        term.write(data, () => {
          replaying = false
        })
        painted = true
      })
      .catch((err: Error) => {
        if (disposed) return
        term.write(`\x1b[2m[terminal unavailable: ${printable(err.message)}]\x1b[0m\r\n`)
        painted = true
      })

    const onData = term.onData((data) => {
      if (replaying) return
      void core()
        .invoke('terminal.input', { id: sessionId, data })
        .catch(() => {})
    })
    let resizeTimer = 0
    const sendSize = () => {
      window.clearTimeout(resizeTimer)
      resizeTimer = window.setTimeout(() => {
        if (disposed || term.cols < 10 || term.rows < 4) return
        void core()
          .invoke('terminal.resize', { id: sessionId, cols: term.cols, rows: term.rows })
          .catch(() => {})
      }, RESIZE_DEBOUNCE_MS)
    }
    const onResize = term.onResize(sendSize)
    const observer = new ResizeObserver(() => {
      try {
        fit.fit()
      } catch {
        // The host has no size yet (hidden); the next observation fits it.
      }
    })
    observer.observe(host)
    fit.fit()
    sendSize()
    term.focus()

    return () => {
      disposed = true
      window.clearTimeout(resizeTimer)
      observer.disconnect()
      offStream()
      onData.dispose()
      onResize.dispose()
      webgl?.dispose()
      term.dispose()
      termRef.current = null
      searchRef.current = null
    }
  }, [sessionId])

  useEffect(() => {
    if (termRef.current) termRef.current.options.theme = readTheme()
  }, [theme])

  return <div className="terminal-host" ref={hostRef} data-testid="terminal" />
})

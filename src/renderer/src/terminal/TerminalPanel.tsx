/** The terminal panel under the feed: the selected managed session's live terminal, with search. */
import { useRef, useState } from 'react'
import { ChevronDown, ChevronUp, Search, SquareTerminal, X } from 'lucide-react'
import { IconButton } from '../ui/common/IconButton'
import { useAppStore } from '../store'
import { TerminalView, type TerminalHandle } from './TerminalView'
import './terminal.css'

export function TerminalPanel() {
  const open = useAppStore((s) => s.terminalOpen)
  const session = useAppStore((s) => s.sessions.find((x) => x.id === s.selectedSessionId))
  const setOpen = useAppStore((s) => s.setTerminalOpen)
  const termRef = useRef<TerminalHandle>(null)
  const [query, setQuery] = useState('')
  if (!open) return null
  const usable = session && session.kind === 'managed'
  return (
    <section className="terminal-panel" aria-label="Terminal">
      <header className="terminal-head">
        <SquareTerminal size={14} aria-hidden />
        <span className="terminal-title">{session ? session.name : 'Terminal'}</span>
        {usable && (
          <div className="terminal-search">
            <Search size={12} aria-hidden />
            <input
              type="search"
              placeholder="Find in terminal"
              aria-label="Find in terminal"
              value={query}
              onChange={(e) => {
                setQuery(e.target.value)
                if (e.target.value) termRef.current?.findNext(e.target.value)
                else termRef.current?.clearSearch()
              }}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault()
                  if (e.shiftKey) termRef.current?.findPrevious(query)
                  else termRef.current?.findNext(query)
                } else if (e.key === 'Escape') {
                  e.preventDefault()
                  setQuery('')
                  termRef.current?.clearSearch()
                  termRef.current?.focus()
                }
              }}
            />
            <IconButton
              label="Previous match"
              onClick={() => termRef.current?.findPrevious(query)}
              icon={ChevronUp}
              size={14}
            />
            <IconButton
              label="Next match"
              onClick={() => termRef.current?.findNext(query)}
              icon={ChevronDown}
              size={14}
            />
          </div>
        )}
        <IconButton
          label="Close the terminal (Ctrl+`)"
          onClick={() => setOpen(false)}
          icon={X}
          size={14}
        />
      </header>
      {usable ? (
        <TerminalView key={session.id} ref={termRef} sessionId={session.id} />
      ) : (
        <div className="empty-state small">
          <p>
            {session
              ? `${session.name} runs outside Atelier (observed through hooks), so its terminal is not here.`
              : 'Select a session started from Atelier to see its terminal.'}
          </p>
        </div>
      )}
    </section>
  )
}

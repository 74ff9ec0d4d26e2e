/** Full-text search over stored events (the store's FTS); a result jumps the feed to its event. */
import { useEffect, useRef, useState } from 'react'
import { Search, X } from 'lucide-react'
import { IconButton } from '../common/IconButton'
import type { CanonicalEvent } from '@shared/events'
import { core } from '../../transport'
import { useAppStore } from '../../store'
import { errorMessage } from '../commands'
import { timeOfDay } from '../common/format'
import { useDebouncedEffect } from '../common/use-debounced-effect'
import { uiSignals } from '../signals'
import { jumpToEvent } from './history'

/** Wait after the last keystroke before querying. */
const SEARCH_DEBOUNCE_MS = 250
const SEARCH_LIMIT = 50

interface Hit {
  event: CanonicalEvent
  snippet: string
}

/** The FTS snippet marks matches with [ ]; render them as <mark> (as text, never as HTML). */
export function SnippetText({ snippet }: { snippet: string }) {
  const parts = snippet.split(/(\[[^\]]*\])/g)
  return (
    <>
      {parts.map((p, i) =>
        p.startsWith('[') && p.endsWith(']') && p.length > 2 ? (
          <mark key={i}>{p.slice(1, -1)}</mark>
        ) : (
          <span key={i}>{p}</span>
        ),
      )}
    </>
  )
}

function describeHit(e: CanonicalEvent): string {
  switch (e.type) {
    case 'prompt':
      return 'Prompt'
    case 'assistant.text':
      return 'Claude'
    case 'tool.start':
    case 'tool.end':
      return e.tool
    case 'stop':
      return 'Response'
    default:
      return e.type
  }
}

export function FeedSearch() {
  const [query, setQuery] = useState('')
  const [hits, setHits] = useState<Hit[] | null>(null)
  const [active, setActive] = useState(0)
  const [error, setError] = useState<string | null>(null)
  const inputRef = useRef<HTMLInputElement>(null)
  const sessions = useAppStore((s) => s.sessions)

  useEffect(() => uiSignals.on('focusSearch', () => inputRef.current?.select()), [])

  const q = query.trim()
  useDebouncedEffect(
    (stale) => {
      if (!q) {
        setHits(null)
        setError(null)
        return
      }
      core()
        .invoke('events.search', { query: q, limit: SEARCH_LIMIT })
        .then((r) => {
          if (stale()) return
          setHits(r.results)
          setActive(0)
          setError(null)
        })
        .catch((err) => !stale() && setError(errorMessage(err)))
    },
    q ? SEARCH_DEBOUNCE_MS : 0,
    [q],
  )

  const choose = (hit: Hit) => {
    setHits(null)
    void jumpToEvent(hit.event)
  }

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault()
      if (hits) setHits(null)
      else {
        setQuery('')
        inputRef.current?.blur()
      }
    } else if (hits && e.key === 'ArrowDown') {
      e.preventDefault()
      setActive((a) => Math.min(hits.length - 1, a + 1))
    } else if (hits && e.key === 'ArrowUp') {
      e.preventDefault()
      setActive((a) => Math.max(0, a - 1))
    } else if (hits && e.key === 'Enter' && hits[active]) {
      e.preventDefault()
      choose(hits[active])
    }
  }

  const nameOf = (id: string) => sessions.find((s) => s.id === id)?.name ?? 'unknown session'
  return (
    <div className="feed-search">
      <Search size={14} className="feed-search-icon" aria-hidden />
      <input
        ref={inputRef}
        type="search"
        placeholder="Search all events"
        aria-label="Search events"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKeyDown}
      />
      {query && (
        <IconButton
          label="Clear search"
          onClick={() => (setQuery(''), setHits(null))}
          icon={X}
          size={14}
        />
      )}
      {(hits || error) && (
        <div className="search-results" role="listbox" aria-label="Search results">
          {error && <div className="search-empty is-error">{error}</div>}
          {hits && hits.length === 0 && (
            <div className="search-empty">Nothing matches “{query.trim()}”.</div>
          )}
          {hits?.map((h, i) => (
            <button
              type="button"
              role="option"
              aria-selected={i === active}
              key={h.event.id}
              className={`search-hit${i === active ? ' active' : ''}`}
              onMouseEnter={() => setActive(i)}
              onClick={() => choose(h)}
            >
              <span className="search-hit-meta">
                {describeHit(h.event)} · {nameOf(h.event.sessionId)} · {timeOfDay(h.event.ts)}
              </span>
              <span className="search-hit-snippet">
                <SnippetText snippet={h.snippet} />
              </span>
            </button>
          ))}
        </div>
      )}
    </div>
  )
}

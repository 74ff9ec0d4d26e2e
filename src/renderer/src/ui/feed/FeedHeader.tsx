/** Feed title, the session filter chip and the search box. */
import { Filter, X } from 'lucide-react'
import { useAppStore } from '../../store'
import { FeedSearch } from './FeedSearch'
import './feed.css'

export function FeedHeader() {
  const filter = useAppStore((s) => s.feedFilter)
  const name = useAppStore((s) => s.sessions.find((x) => x.id === s.feedFilter)?.name)
  const setFilter = useAppStore((s) => s.setFeedFilter)
  return (
    <div className="feed-header">
      <span className="feed-title">Activity</span>
      {filter && (
        <span className="chip" title="Showing one session (Alt+F shows all)">
          <Filter size={12} aria-hidden /> {name ?? 'one session'}
          <button
            type="button"
            className="icon-button"
            aria-label="Show every session"
            onClick={() => setFilter(null)}
          >
            <X size={12} />
          </button>
        </span>
      )}
      <FeedSearch />
    </div>
  )
}

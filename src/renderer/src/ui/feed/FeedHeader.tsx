/** Feed title, the session filter chip and the search box. */
import { Filter, X } from 'lucide-react'
import { IconButton } from '../common/IconButton'
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
          <IconButton
            label="Show every session"
            onClick={() => setFilter(null)}
            icon={X}
            size={12}
          />
        </span>
      )}
      <FeedSearch />
    </div>
  )
}

import { useAppStore } from '../store'

/** Walking-skeleton feed: one line per event. */
export function Feed() {
  const events = useAppStore((s) => s.events)
  return (
    <div className="feed" data-testid="feed">
      {events.slice(-200).map((e) => (
        <div key={e.id} className="feed-item" data-testid="feed-item" data-type={e.type}>
          {e.type === 'tool.start' ? `${e.tool} ${JSON.stringify(e.input).slice(0, 120)}` : e.type}
        </div>
      ))}
    </div>
  )
}
